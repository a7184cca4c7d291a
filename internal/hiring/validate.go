package hiring

import (
	"fmt"
	"net/mail"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

func indexed(field string, i int) string { return field + "." + strconv.Itoa(i) }

// checkText requires min..max characters (runes) after trimming, and no control characters.
func checkText(v *Validation, field, s string, min, max int) {
	s = strings.TrimSpace(s)
	n := utf8.RuneCountInString(s)
	switch {
	case !utf8.ValidString(s):
		v.Add(field, "is not valid text")
	case n < min && min == 1:
		v.Add(field, "is required")
	case n < min:
		v.Add(field, "must be at least %d characters", min)
	case n > max:
		v.Add(field, "must be at most %d characters", max)
	case strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' }) >= 0:
		v.Add(field, "contains control characters")
	}
}

// IsCountryCode reports an ISO 3166-1 alpha-2 shape: two capital letters.
func IsCountryCode(s string) bool {
	return len(s) == 2 && isUpperASCII(s)
}

// CheckName trims a required name of at most 100 characters without control
// characters, records in v what is wrong with it, and returns it trimmed: the
// name rule of departments, locations, reasons, stages and users.
func CheckName(v *Validation, field, s string) string {
	checkText(v, field, s, 1, 100)
	return strings.TrimSpace(s)
}

func isCurrencyCode(s string) bool {
	return len(s) == 3 && isUpperASCII(s)
}

func isUpperASCII(s string) bool {
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// NormalizeEmail lower-cases and trims an address; ok is false when it is not
// a plain addr-spec.
func NormalizeEmail(s string) (string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" || len(s) > 254 {
		return s, false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return s, false
	}
	return s, true
}

// NormalizeTag trims and lower-cases a tag and folds inner whitespace to one dash.
func NormalizeTag(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.TrimSpace(s))), "-")
}

// CheckTags normalizes tags given to add (NormalizeTag), drops repeats, and
// holds each to the rules of a candidate's tags: at least one, each 1–50
// characters without control characters.
func CheckTags(tags []string) ([]string, error) {
	var v Validation
	if len(tags) == 0 {
		v.Add("tags", "at least one tag is required")
	}
	out := make([]string, 0, len(tags))
	for i, t := range tags {
		t = NormalizeTag(t)
		checkText(&v, indexed("tags", i), t, 1, 50)
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out, v.Err()
}

// ValidPhone accepts digits, spaces and + ( ) - . / with 5–20 digits.
func ValidPhone(s string) bool {
	d, ok := phoneDigits(s)
	return ok && len(d) >= 5 && len(d) <= 20
}

// phoneDigits returns the digits of a phone number; ok is false when it has
// characters other than digits and " +()-./".
func phoneDigits(s string) (string, bool) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case strings.ContainsRune(" +()-./", r):
		default:
			return "", false
		}
	}
	return b.String(), true
}

// ValidURL accepts absolute http(s) URLs.
func ValidURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && len(s) <= 2000
}

// Normalize trims fields, lower-cases emails and normalizes tags in place.
func (in *CandidateInput) Normalize() {
	in.FirstName = strings.TrimSpace(in.FirstName)
	in.LastName = strings.TrimSpace(in.LastName)
	in.Location = strings.TrimSpace(in.Location)
	in.Headline = strings.TrimSpace(in.Headline)
	in.CurrentTitle = strings.TrimSpace(in.CurrentTitle)
	in.CurrentCompany = strings.TrimSpace(in.CurrentCompany)
	in.Source = strings.TrimSpace(in.Source)
	in.Emails = compact(in.Emails, func(s string) string { e, _ := NormalizeEmail(s); return e })
	in.Phones = compact(in.Phones, strings.TrimSpace)
	in.Tags = compact(in.Tags, NormalizeTag)
	links := in.Links[:0:0]
	for _, l := range in.Links {
		l.URL = strings.TrimSpace(l.URL)
		if l.URL != "" {
			links = append(links, l)
		}
	}
	in.Links = links
}

func compact(xs []string, f func(string) string) []string {
	out := make([]string, 0, len(xs))
	seen := map[string]bool{}
	for _, x := range xs {
		x = f(x)
		if x == "" || seen[x] {
			continue
		}
		seen[x] = true
		out = append(out, x)
	}
	return out
}

// How many of each list a candidate may hold.
const (
	MaxEmails = 10
	MaxPhones = 10
	MaxLinks  = 20
	MaxTags   = 50
)

// TruncateLists keeps the first allowed number of emails, phones, links and
// tags: for a merge of imported data that adds what fits.
func (in *CandidateInput) TruncateLists() {
	in.Emails = in.Emails[:min(len(in.Emails), MaxEmails)]
	in.Phones = in.Phones[:min(len(in.Phones), MaxPhones)]
	in.Links = in.Links[:min(len(in.Links), MaxLinks)]
	in.Tags = in.Tags[:min(len(in.Tags), MaxTags)]
}

// ListOverflow names the lists that hold more than a candidate may
// ("12 email addresses (at most 10)"): a merge keeps everything both records
// held, and the next edit of the person asks for the extra ones to go.
func (c Candidate) ListOverflow() []string {
	var out []string
	for _, l := range []struct {
		n, max int
		what   string
	}{
		{len(c.Emails), MaxEmails, "email addresses"}, {len(c.Phones), MaxPhones, "phone numbers"},
		{len(c.Links), MaxLinks, "links"}, {len(c.Tags), MaxTags, "tags"},
	} {
		if l.n > l.max {
			out = append(out, fmt.Sprintf("%d %s (at most %d)", l.n, l.what, l.max))
		}
	}
	return out
}

// Validate checks a normalized candidate input.
func (in CandidateInput) Validate() error {
	var v Validation
	if in.FirstName == "" && in.LastName == "" {
		v.Add("first_name", "a first or last name is required")
	}
	checkText(&v, "first_name", in.FirstName, 0, 100)
	checkText(&v, "last_name", in.LastName, 0, 100)
	if len(in.Emails) > MaxEmails {
		v.Add("emails", "at most %d addresses", MaxEmails)
	}
	for i, e := range in.Emails {
		if _, ok := NormalizeEmail(e); !ok {
			v.Add(indexed("emails", i), "is not a valid email address")
		}
	}
	if len(in.Phones) > MaxPhones {
		v.Add("phones", "at most %d numbers", MaxPhones)
	}
	for i, p := range in.Phones {
		if !ValidPhone(p) {
			v.Add(indexed("phones", i), "is not a valid phone number")
		}
	}
	checkText(&v, "location", in.Location, 0, 200)
	checkText(&v, "headline", in.Headline, 0, 300)
	checkText(&v, "current_title", in.CurrentTitle, 0, 200)
	checkText(&v, "current_company", in.CurrentCompany, 0, 200)
	checkText(&v, "source", in.Source, 0, 100)
	if len(in.Links) > MaxLinks {
		v.Add("links", "at most %d links", MaxLinks)
	}
	for i, l := range in.Links {
		switch l.Kind {
		case LinkLinkedIn, LinkGitHub, LinkPortfolio, LinkOther:
		default:
			v.Add(indexed("links", i)+".kind", "must be one of linkedin, github, portfolio, other")
		}
		if !ValidURL(l.URL) {
			v.Add(indexed("links", i)+".url", "must be an http or https URL")
		}
	}
	if len(in.Tags) > MaxTags {
		v.Add("tags", "at most %d tags", MaxTags)
	}
	for i, t := range in.Tags {
		checkText(&v, indexed("tags", i), t, 1, 50)
	}
	return v.Err()
}

// Validate checks a note body.
func (in NewNote) Validate() error {
	var v Validation
	if in.CandidateID == "" {
		v.Add("candidate_id", "is required")
	}
	checkText(&v, "body", in.Body, 1, 20_000)
	return v.Err()
}

// Validate checks a new user.
func (in NewUser) Validate() error {
	var v Validation
	if _, ok := NormalizeEmail(in.Email); !ok {
		v.Add("email", "is not a valid email address")
	}
	checkText(&v, "name", in.Name, 1, 100)
	if !in.Role.Valid() {
		v.Add("role", "must be one of admin, recruiter, hiring_manager, interviewer")
	}
	if in.TimeZone != "" {
		if _, err := time.LoadLocation(in.TimeZone); err != nil {
			v.Add("time_zone", "is not a known time zone")
		}
	}
	return v.Err()
}
