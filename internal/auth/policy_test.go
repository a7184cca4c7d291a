package auth

import (
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

func TestCheckPasswordPolicy(t *testing.T) {
	tests := []struct {
		pw  string
		ok  bool
		why string
	}{
		{"correct horse battery staple", true, ""},
		{"Tr1cky-Lantern-88", true, ""},
		{"zebra umbrella", true, ""},
		{"ünïcødé-pässwört", true, ""},
		{"short1!", false, "at least 8"},
		{strings.Repeat("x", 129), false, "at most 128"},
		{strings.Repeat("ab", 64) + "q", false, "at most 128"},
		{"password", false, "common"},
		{"Password123!", false, "common"},
		{"P@ssw0rd2024", false, "common"},
		{"!!Summer2024", false, "common"},
		{"iloveyou", false, "common"},
		{"aaaaaaaaaaaa", false, "few characters"},
		{"abababab", false, "few characters"},
		{"abcdefghij", false, "sequence"},
		{"98765432", false, "sequence"},
		{"asdfghjkl;", false, "common"},
		{"hjkl;hjkl;", false, "sequence"},
		{"poiuytrewq", false, "common"},
		{"qweqweqwe", false, "sequence"},
		{"ada.lovelace@example.com", false, "email"},
		{"ada.lovelace99", false, "email"},
		{"AdaLovelace", false, "name"},
		{"Lovelace1843", false, "name"},
	}
	for _, tt := range tests {
		err := CheckPasswordPolicy(tt.pw, "ada.lovelace@example.com", "Ada Lovelace")
		if tt.ok {
			if err != nil {
				t.Errorf("CheckPasswordPolicy(%q) = %v, want ok", tt.pw, err)
			}
			continue
		}
		f := hiring.ErrorFields(err)
		if hiring.ErrorCode(err) != hiring.EInvalid || len(f) != 1 || f[0].Field != "password" {
			t.Errorf("CheckPasswordPolicy(%q) = %v, want an invalid password field", tt.pw, err)
			continue
		}
		if !strings.Contains(f[0].Message, tt.why) {
			t.Errorf("CheckPasswordPolicy(%q) says %q, want it to mention %q", tt.pw, f[0].Message, tt.why)
		}
	}
}

func TestCommonListLoaded(t *testing.T) {
	if n := len(commonPasswords()); n < 500 {
		t.Fatalf("common password list has %d entries", n)
	}
}

func TestHashAndCheckPassword(t *testing.T) {
	a := &Auth{}
	h, err := a.HashPassword("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q is not a PHC argon2id string", h)
	}
	h2, _ := a.HashPassword("correct horse battery staple")
	if h == h2 {
		t.Fatal("two hashes of one password are equal: salt missing")
	}
	if !a.CheckPassword(h, "correct horse battery staple") {
		t.Fatal("right password rejected")
	}
	for _, bad := range []string{"correct horse battery stapl", "", "Correct horse battery staple"} {
		if a.CheckPassword(h, bad) {
			t.Fatalf("wrong password %q accepted", bad)
		}
	}
	for _, broken := range []string{"", "plain", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", "$argon2id$v=19$m=999999999,t=2,p=1$c2FsdA$aGFzaA", h[:len(h)-3] + "!!!"} {
		if a.CheckPassword(broken, "correct horse battery staple") {
			t.Fatalf("malformed hash %q matched", broken)
		}
	}
}
