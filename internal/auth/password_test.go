package auth

import (
	"strings"
	"testing"
)

func TestDummyHashIsWellFormed(t *testing.T) {
	// It must cost a full verification (parse succeeds) yet match nothing usual.
	for _, pw := range []string{"", "password", goodPasswordInternal} {
		if checkPassword(dummyHash, pw) {
			t.Fatalf("dummy hash matches %q", pw)
		}
	}
	if !strings.HasPrefix(dummyHash, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatal("dummy hash parameters differ from HashPassword's: timing would reveal unknown emails")
	}
}

const goodPasswordInternal = "correct horse battery staple"
