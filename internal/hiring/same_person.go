package hiring

import (
	"slices"
	"strings"
	"unicode"
)

// Exact-email matching (imports merge on it; the duplicate rules report it)
// must not join different people. Two rules keep it honest, kept here so the
// store's SQL and Go lookups agree: placeholder addresses match nobody, and a
// match merges only when the names agree.

// placeholderEmails are addresses people leave in a resume template or type
// into a form to get past it. Many unrelated people carry them.
var placeholderEmails = []string{
	"a@a.com", "abc@abc.com", "abc@example.com", "email@domain.com", "email@email.com", "email@example.com",
	"email@gmail.com", "example@email.com", "example@example.com", "example@gmail.com", "first.last@example.com",
	"firstname.lastname@example.com", "firstname@example.com", "hello@example.com", "info@example.com",
	"jane.doe@example.com", "jane.doe@gmail.com", "jane@example.com", "janedoe@example.com", "janedoe@gmail.com",
	"john.doe@email.com", "john.doe@example.com", "john.doe@gmail.com", "john@example.com", "johndoe@example.com",
	"johndoe@gmail.com", "mail@example.com", "me@example.com", "name@domain.com", "name@email.com",
	"name@example.com", "name@gmail.com", "sample@email.com", "sample@example.com", "test@example.com",
	"test@gmail.com", "test@test.com", "user@domain.com", "user@email.com", "user@example.com", "x@x.com",
	"xxx@xxx.com", "you@example.com", "you@yourdomain.com", "your.email@example.com", "your.email@gmail.com",
	"your.name@email.com", "your.name@example.com", "your@email.com", "your@example.com", "youremail@email.com",
	"youremail@example.com", "youremail@gmail.com", "yourname@email.com", "yourname@example.com",
	"yourname@gmail.com",
}

// placeholderLocalParts are mailbox names that never belong to a candidate,
// at any domain ("noreply@…", also with a "+tag").
var placeholderLocalParts = []string{"do-not-reply", "do_not_reply", "donotreply", "mailer-daemon", "no-reply", "no_reply", "noreply"}

// PlaceholderEmails lists the placeholder addresses (lower case) for
// queries that must skip them; PlaceholderEmail is the full rule.
func PlaceholderEmails() []string { return slices.Clone(placeholderEmails) }

// PlaceholderLocalParts lists the mailbox names that are placeholders at any domain.
func PlaceholderLocalParts() []string { return slices.Clone(placeholderLocalParts) }

// PlaceholderEmail reports whether an address is a known placeholder,
// which must never match one person to another.
func PlaceholderEmail(email string) bool {
	e := strings.ToLower(strings.TrimSpace(email))
	at := strings.LastIndexByte(e, '@')
	if at < 0 {
		return false
	}
	local := e[:at]
	if i := strings.IndexByte(local, '+'); i >= 0 {
		local = local[:i]
	}
	return slices.Contains(placeholderLocalParts, local) || slices.Contains(placeholderEmails, e)
}

// SameName reports whether two names can be the same person's: ignoring
// case, punctuation and word order, every word of the shorter is in the
// longer ("Lovelace, Ada" = "ada lovelace"; "Ada" = "Ada Lovelace", a record
// with the first name only), or one of them is unknown (empty).
func SameName(a, b string) bool {
	ka, kb := nameWords(a), nameWords(b)
	if len(ka) > len(kb) {
		ka, kb = kb, ka
	}
	for _, w := range ka {
		if !slices.Contains(kb, w) {
			return false
		}
	}
	return true
}

func nameWords(s string) []string {
	w := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
	slices.Sort(w)
	return w
}
