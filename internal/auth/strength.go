package auth

import (
	"strings"
	"unicode"

	"github.com/trustelem/zxcvbn"
)

// MinPasswordScore is the lowest zxcvbn score accepted: 3 is "safely
// unguessable" (an estimated 10^8 guesses or more), enough against offline
// guessing of an argon2id hash (ASVS 6.2.11's "password strength meter" use).
const MinPasswordScore = 3

// estimateRunes bounds what the estimate reads: its matching grows faster
// than the square of the length (a 128-character password costs ~6× a
// 64-character one, over 100 ms). A prefix this long that scores well makes
// the whole password at least as hard to guess; a weak prefix refuses it.
const estimateRunes = 64

// guessableReason estimates the guesses pw needs with zxcvbn, the user's
// name and email counting as words an attacker tries first, and returns a
// reason when the score is under MinPasswordScore.
func guessableReason(pw, email, name string) string {
	if rs := []rune(pw); len(rs) > estimateRunes {
		pw = string(rs[:estimateRunes])
	}
	r := zxcvbn.PasswordStrength(pw, userInputs(email, name))
	if r.Score >= MinPasswordScore {
		return ""
	}
	// The weakest kind of part found names the problem; the port has no
	// feedback messages of its own.
	hint := "is too easy to guess"
	for _, kind := range []struct{ pattern, says string }{
		{"repeat", "repeats a word or pattern"},
		{"spatial", "follows keys along the keyboard"},
		{"sequence", "is a sequence such as abc or 123"},
		{"date", "contains a date"},
		{"dictionary", "is made of common words or names"},
	} {
		for _, m := range r.Sequence {
			if m.Pattern == kind.pattern {
				if m.Pattern == "dictionary" && m.DictionaryName == "user_inputs" {
					kind.says = "contains your name or email"
				}
				return hint + ": it " + kind.says + "; a few unrelated words make a strong passphrase"
			}
		}
	}
	return hint + ": make it longer, for instance a few unrelated words"
}

// userInputs are the words of the name and email zxcvbn should treat as
// known to an attacker: the whole address, its local part and that part's
// pieces ("ada.lovelace"), the name and each of its words, and the domain's
// labels (the company's name).
func userInputs(email, name string) []string {
	var out []string
	add := func(s string) {
		if s = strings.ToLower(strings.TrimSpace(s)); len(s) >= 2 {
			out = append(out, s)
		}
	}
	split := func(s string) []string {
		return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	}
	local, domain, _ := strings.Cut(email, "@")
	add(email)
	add(local)
	for _, p := range split(local) {
		add(p)
	}
	labels := strings.Split(domain, ".")
	for _, l := range labels[:max(len(labels)-1, 0)] {
		add(l)
	}
	add(name)
	add(strings.Join(strings.Fields(name), ""))
	for _, p := range split(name) {
		add(p)
	}
	return out
}
