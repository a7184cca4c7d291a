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
		{"trustno1", false, "common"},
		{"Jennifer1987", false, "common"},
		{"soccer12345!", false, "common"},
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
		{"Lovelace1843", false, "common"}, // "lovelace" is on the leaked list too
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

// The list is searched by bisection, so it must stay sorted and every entry
// must be found; words next to entries must not be.
// A name that no leaked list holds is still refused as a password stem.
func TestPasswordNotName(t *testing.T) {
	err := CheckPasswordPolicy("Quenneville1843", "aq@example.com", "Ada Quenneville")
	if f := hiring.ErrorFields(err); len(f) != 1 || !strings.Contains(f[0].Message, "name") {
		t.Fatalf("CheckPasswordPolicy = %v, want a name message", err)
	}
}

func TestCommonListSortedAndSearchable(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(commonPasswords(), "\n"), "\n")
	if len(lines) < 40000 {
		t.Fatalf("common password list has %d entries", len(lines))
	}
	for i, l := range lines {
		if l == "" || l != strings.ToLower(l) {
			t.Fatalf("entry %d %q is empty or not lower-case", i, l)
		}
		if i > 0 && lines[i-1] >= l {
			t.Fatalf("entries %q and %q out of order", lines[i-1], l)
		}
		if !isCommonPassword(l) {
			t.Fatalf("entry %q not found", l)
		}
		if isCommonPassword(l + "\x00") {
			t.Fatalf("a neighbour of %q was found", l)
		}
	}
	for _, s := range []string{"", "correct horse battery staple", "\xff\xff", "!"} {
		if isCommonPassword(s) {
			t.Errorf("%q reported common", s)
		}
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

// Passwords today's rules let through but that are quick to guess: the
// strength estimate refuses them with a message saying why.
func TestPasswordStrengthEstimate(t *testing.T) {
	for _, tt := range []struct{ pw, email, name, why string }{
		{"poluserpoluser", "pol.user@example.com", "Pol User", "name or email"},
		{"poluserpoluser", "ada@example.com", "Ada Lovelace", "repeats"},
		{"abcabcabcabc", "ada@example.com", "Ada Lovelace", "repeats"},
		{"zxcvbnmasdfg", "ada@example.com", "Ada Lovelace", "guess"},
		{"monkeymonkey1", "ada@example.com", "Ada Lovelace", "guess"},
		{"lovelaceexample", "ada.lovelace@example.com", "Ada Lovelace", "name or email"},
	} {
		err := CheckPasswordPolicy(tt.pw, tt.email, tt.name)
		f := hiring.ErrorFields(err)
		if hiring.ErrorCode(err) != hiring.EInvalid || len(f) != 1 || f[0].Field != "password" {
			t.Errorf("CheckPasswordPolicy(%q) = %v, want an invalid password field", tt.pw, err)
			continue
		}
		if !strings.Contains(f[0].Message, tt.why) {
			t.Errorf("CheckPasswordPolicy(%q) says %q, want it to mention %q", tt.pw, f[0].Message, tt.why)
		}
	}
	for _, pw := range []string{"correct horse battery staple", "violet tugboat sings at noon", GeneratePassword()} {
		if err := CheckPasswordPolicy(pw, "pol.user@example.com", "Pol User"); err != nil {
			t.Errorf("CheckPasswordPolicy(%q) = %v, want ok", pw, err)
		}
	}
}
