package auth

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/candor-ats/candor/internal/hiring"
)

// Password length limits (ASVS 6.2.1, 6.2.9): at least 8 characters, and any
// length up to 128 is accepted. There are no composition rules (6.2.5).
const (
	MinPasswordLen = 8
	MaxPasswordLen = 128
)

//go:embed common_passwords.txt
var commonPasswordsTxt string

// commonPasswords is the embedded list without its comment header: ~49,000
// leaked passwords, sorted, searched in place so the list costs no heap.
var commonPasswords = sync.OnceValue(func() string {
	s := commonPasswordsTxt
	for strings.HasPrefix(s, "#") {
		_, s, _ = strings.Cut(s, "\n")
	}
	return s
})

// inSortedLines reports whether s is one of the lines of list, whose lines
// are sorted bytewise, by bisecting on byte offsets.
func inSortedLines(list, s string) bool {
	lo, hi := 0, len(list)
	for lo < hi {
		mid := lo + (hi-lo)/2
		start := strings.LastIndexByte(list[:mid], '\n') + 1
		end := len(list)
		if k := strings.IndexByte(list[mid:], '\n'); k >= 0 {
			end = mid + k
		}
		switch line := list[start:end]; {
		case line == s:
			return true
		case line < s:
			lo = end + 1
		default:
			hi = start
		}
	}
	return false
}

func isCommonPassword(lower string) bool {
	return lower != "" && inSortedLines(commonPasswords(), lower)
}

// CheckPasswordPolicy checks a new password for a user with that email and
// name. The error is an EInvalid *hiring.Error on the field "password".
func CheckPasswordPolicy(pw string, email, name string) error {
	n := utf8.RuneCountInString(pw)
	var msg string
	switch {
	case !utf8.ValidString(pw):
		msg = "is not valid text"
	case n < MinPasswordLen:
		msg = "must be at least 8 characters long"
	case n > MaxPasswordLen:
		msg = "must be at most 128 characters long"
	default:
		// The rules give the precise reasons people recognise (leaked,
		// their name); the estimate catches what they miss (words repeated
		// or glued together, "monkeymonkey1", "zxcvbnmasdfg").
		if msg = weakReason(pw, email, name); msg == "" {
			msg = guessableReason(pw, email, name)
		}
	}
	if msg == "" {
		return nil
	}
	return &hiring.Error{
		Code:    hiring.EInvalid,
		Message: "Please choose another password.",
		Fields:  []hiring.FieldError{{Field: "password", Message: msg}},
	}
}

// weakReason returns why pw is easy to guess, or "".
func weakReason(pw, email, name string) string {
	lower := strings.ToLower(pw)
	stem := passwordStem(lower)
	if isCommonPassword(lower) || isCommonPassword(stem) || isCommonPassword(unleet(lower)) {
		return "is too common: it appears in lists of leaked passwords"
	}
	if distinctRunes(lower) <= 2 {
		return "repeats too few characters"
	}
	if isSequence(lower) || isKeyboardWalk(lower) || isKeyboardWalk(stem) {
		return "is a simple sequence of keys"
	}
	email = strings.ToLower(strings.TrimSpace(email))
	local, _, _ := strings.Cut(email, "@")
	if email != "" && (lower == email || stem == passwordStem(email) || stem == local) {
		return "must not be your email address"
	}
	if len(local) >= 4 && strings.Contains(lower, local) {
		return "must not contain your email address"
	}
	if nameKey := strings.Join(strings.Fields(strings.ToLower(name)), ""); nameKey != "" {
		if stem == nameKey || strings.ReplaceAll(lower, " ", "") == nameKey {
			return "must not be your name"
		}
		for _, part := range strings.Fields(strings.ToLower(name)) {
			if utf8.RuneCountInString(part) >= 3 && stem == part {
				return "must not be your name"
			}
		}
	}
	return ""
}

// passwordStem undoes the usual decorations: letter-for-digit swaps, and
// digits and symbols added before or after a word ("!Summer2024" → "summer").
func passwordStem(lower string) string {
	s := unleet(lower)
	s = strings.TrimFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	if utf8.RuneCountInString(s) < 3 {
		return lower // nothing word-like left: judge the password as typed
	}
	return s
}

var leet = strings.NewReplacer("0", "o", "1", "i", "3", "e", "4", "a", "5", "s", "7", "t", "@", "a", "$", "s", "!", "i")

// unleet maps digits back to letters only inside a word, keeping trailing
// digits as digits so that "dragon2024" still strips to "dragon".
func unleet(s string) string {
	trimmed := strings.TrimRightFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
	tail := s[len(trimmed):]
	head := strings.TrimLeftFunc(trimmed, func(r rune) bool { return !unicode.IsLetter(r) })
	lead := trimmed[:len(trimmed)-len(head)]
	return lead + leet.Replace(head) + tail
}

func distinctRunes(s string) int {
	seen := map[rune]bool{}
	for _, r := range s {
		seen[r] = true
	}
	return len(seen)
}

// isSequence reports runs like "abcdefgh", "12345678" or "98765432".
func isSequence(s string) bool {
	rs := []rune(s)
	if len(rs) < 3 {
		return false
	}
	step := rs[1] - rs[0]
	if step != 1 && step != -1 {
		return false
	}
	for i := 2; i < len(rs); i++ {
		if rs[i]-rs[i-1] != step {
			return false
		}
	}
	return true
}

var keyboardRows = []string{
	"`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./",
	"qwertzuiop", "yxcvbnm", "azertyuiop", "qsdfghjklm", "wxcvbn",
	"1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik,9ol.0p;/", "zaq1xsw2cde3vfr4bgt5nhy6mju7",
	"1q2w3e4r5t6y7u8i9o0p", "q1w2e3r4t5y6u7i8o9p0",
}

// isKeyboardWalk reports a password that is a run along a keyboard row,
// forwards or backwards, possibly repeated ("asdfasdf").
func isKeyboardWalk(s string) bool {
	if utf8.RuneCountInString(s) < 4 {
		return false
	}
	for _, row := range keyboardRows {
		if strings.Contains(row, s) || strings.Contains(reverse(row), s) {
			return true
		}
		// "qweqweqwe": a short walk repeated.
		for n := 3; n <= len(s)/2; n++ {
			if len(s)%n == 0 && strings.Repeat(s[:n], len(s)/n) == s && (strings.Contains(row, s[:n]) || strings.Contains(reverse(row), s[:n])) {
				return true
			}
		}
	}
	return false
}

func reverse(s string) string {
	rs := []rune(s)
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		rs[i], rs[j] = rs[j], rs[i]
	}
	return string(rs)
}
