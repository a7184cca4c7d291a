package importer

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/candor-ats/candor/internal/export"
	"github.com/candor-ats/candor/internal/hiring"
)

// headerGuesses maps a normalized header (lower case, letters and digits
// only) to the field it usually holds, in the wordings of common ATS and
// spreadsheet exports.
var headerGuesses = map[string]hiring.ImportField{
	"firstname": hiring.FieldFirstName, "first": hiring.FieldFirstName, "givenname": hiring.FieldFirstName, "forename": hiring.FieldFirstName, "vorname": hiring.FieldFirstName, "prenom": hiring.FieldFirstName,
	"lastname": hiring.FieldLastName, "last": hiring.FieldLastName, "surname": hiring.FieldLastName, "familyname": hiring.FieldLastName, "nachname": hiring.FieldLastName, "nom": hiring.FieldLastName,
	"name": hiring.FieldFullName, "fullname": hiring.FieldFullName, "candidate": hiring.FieldFullName, "candidatename": hiring.FieldFullName,
	"email": hiring.FieldEmail, "emails": hiring.FieldEmail, "emailaddress": hiring.FieldEmail, "mail": hiring.FieldEmail, "email1": hiring.FieldEmail, "email2": hiring.FieldEmail, "workemail": hiring.FieldEmail, "personalemail": hiring.FieldEmail,
	"phone": hiring.FieldPhone, "phones": hiring.FieldPhone, "phonenumber": hiring.FieldPhone, "mobile": hiring.FieldPhone, "mobilephone": hiring.FieldPhone, "telephone": hiring.FieldPhone, "tel": hiring.FieldPhone, "cell": hiring.FieldPhone,
	"location": hiring.FieldLocation, "city": hiring.FieldLocation, "address": hiring.FieldLocation, "country": hiring.FieldLocation,
	"headline": hiring.FieldHeadline, "summary": hiring.FieldHeadline,
	"title": hiring.FieldCurrentTitle, "jobtitle": hiring.FieldCurrentTitle, "currenttitle": hiring.FieldCurrentTitle, "position": hiring.FieldCurrentTitle, "role": hiring.FieldCurrentTitle, "currentposition": hiring.FieldCurrentTitle,
	"company": hiring.FieldCurrentCompany, "currentcompany": hiring.FieldCurrentCompany, "employer": hiring.FieldCurrentCompany, "organization": hiring.FieldCurrentCompany, "organisation": hiring.FieldCurrentCompany, "currentemployer": hiring.FieldCurrentCompany,
	"source": hiring.FieldSource, "origin": hiring.FieldSource, "channel": hiring.FieldSource,
	"tags": hiring.FieldTags, "tag": hiring.FieldTags, "labels": hiring.FieldTags, "skills": hiring.FieldTags, "keywords": hiring.FieldTags,
	"linkedin": hiring.FieldLinkedIn, "linkedinurl": hiring.FieldLinkedIn, "linkedinprofile": hiring.FieldLinkedIn,
	"github": hiring.FieldGitHub, "githuburl": hiring.FieldGitHub, "githubprofile": hiring.FieldGitHub,
	"portfolio": hiring.FieldPortfolio, "website": hiring.FieldPortfolio, "url": hiring.FieldPortfolio, "homepage": hiring.FieldPortfolio, "portfoliourl": hiring.FieldPortfolio, "personalwebsite": hiring.FieldPortfolio,
}

func normHeader(h string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// GuessMapping proposes a field per header from its wording. A field other
// than email, phone and tags is proposed once (the first column wins), and a
// full name is dropped when first and last names have their own columns.
func GuessMapping(header []string) []hiring.ImportField {
	out := make([]hiring.ImportField, len(header))
	used := map[hiring.ImportField]bool{}
	for i, h := range header {
		f := headerGuesses[normHeader(h)]
		if f != hiring.FieldIgnore && used[f] && !multi(f) {
			f = hiring.FieldIgnore
		}
		out[i] = f
		used[f] = true
	}
	if used[hiring.FieldFirstName] && used[hiring.FieldLastName] {
		for i, f := range out {
			if f == hiring.FieldFullName {
				out[i] = hiring.FieldIgnore
			}
		}
	}
	return out
}

func multi(f hiring.ImportField) bool {
	return f == hiring.FieldEmail || f == hiring.FieldPhone || f == hiring.FieldTags
}

// FieldLabel is the human name of a field for the mapping form.
func FieldLabel(f hiring.ImportField) string {
	switch f {
	case hiring.FieldIgnore:
		return "Ignore this column"
	case hiring.FieldFirstName:
		return "First name"
	case hiring.FieldLastName:
		return "Last name"
	case hiring.FieldFullName:
		return "Full name"
	case hiring.FieldEmail:
		return "Email(s)"
	case hiring.FieldPhone:
		return "Phone(s)"
	case hiring.FieldLocation:
		return "Location"
	case hiring.FieldHeadline:
		return "Headline"
	case hiring.FieldCurrentTitle:
		return "Current title"
	case hiring.FieldCurrentCompany:
		return "Company"
	case hiring.FieldSource:
		return "Source"
	case hiring.FieldTags:
		return "Tags"
	case hiring.FieldLinkedIn:
		return "LinkedIn URL"
	case hiring.FieldGitHub:
		return "GitHub URL"
	case hiring.FieldPortfolio:
		return "Portfolio URL"
	}
	return string(f)
}

// Mapper turns records into candidate inputs by a column mapping.
type Mapper struct {
	Header  []string
	Mapping []hiring.ImportField
	// Source is used when no column gives one ("import" if empty).
	Source string
}

// Map converts one record. It returns the normalized input and the row's
// issues: errors (the row must not be imported) and warnings (it may).
func (m Mapper) Map(row int, rec []string) (hiring.CandidateInput, []hiring.ImportIssue) {
	var in hiring.CandidateInput
	var issues []hiring.ImportIssue
	if len(rec) != len(m.Header) {
		issues = append(issues, hiring.ImportIssue{Row: row, Severity: "warning",
			Message: fmt.Sprintf("has %d fields where the header has %d; missing ones are empty, extra ones ignored", len(rec), len(m.Header))})
	}
	column := map[string]string{} // domain field → header, to name columns in messages
	for i, f := range m.Mapping {
		if f == hiring.FieldIgnore || i >= len(rec) {
			continue
		}
		// A cell Candor's own export defused ("'+44 …") reads as it was.
		v := export.Unneutralize(strings.TrimSpace(rec[i]))
		if v == "" {
			continue
		}
		if strings.HasPrefix(v, "=") && f != hiring.FieldPhone {
			issues = append(issues, hiring.ImportIssue{Row: row, Severity: "warning", Field: m.header(i),
				Message: "looks like a spreadsheet formula; imported as plain text", Value: v})
		}
		switch f {
		case hiring.FieldFirstName:
			in.FirstName = v
			column["first_name"] = m.header(i)
		case hiring.FieldLastName:
			in.LastName = v
			column["last_name"] = m.header(i)
		case hiring.FieldFullName:
			first, last := SplitName(v)
			if in.FirstName == "" {
				in.FirstName = first
			}
			if in.LastName == "" {
				in.LastName = last
			}
			column["first_name"], column["last_name"] = m.header(i), m.header(i)
		case hiring.FieldEmail:
			in.Emails = append(in.Emails, splitList(v, ",; \t\n")...)
			column["emails"] = m.header(i)
		case hiring.FieldPhone:
			in.Phones = append(in.Phones, splitList(v, ",;|\n")...)
			column["phones"] = m.header(i)
		case hiring.FieldLocation:
			in.Location = v
			column["location"] = m.header(i)
		case hiring.FieldHeadline:
			in.Headline = v
			column["headline"] = m.header(i)
		case hiring.FieldCurrentTitle:
			in.CurrentTitle = v
			column["current_title"] = m.header(i)
		case hiring.FieldCurrentCompany:
			in.CurrentCompany = v
			column["current_company"] = m.header(i)
		case hiring.FieldSource:
			in.Source = v
			column["source"] = m.header(i)
		case hiring.FieldTags:
			in.Tags = append(in.Tags, splitList(v, ",;|\n")...)
			column["tags"] = m.header(i)
		case hiring.FieldLinkedIn, hiring.FieldGitHub, hiring.FieldPortfolio:
			kind := map[hiring.ImportField]hiring.LinkKind{hiring.FieldLinkedIn: hiring.LinkLinkedIn,
				hiring.FieldGitHub: hiring.LinkGitHub, hiring.FieldPortfolio: hiring.LinkPortfolio}[f]
			// The export joins several links of a kind with spaces.
			for _, u := range splitList(v, " \t\n,;|") {
				in.Links = append(in.Links, hiring.Link{Kind: kind, URL: withScheme(u)})
			}
			column["links"] = m.header(i)
		}
	}
	if in.Source == "" {
		in.Source = m.Source
		if in.Source == "" {
			in.Source = "import"
		}
	}
	in.Normalize()
	if err := in.Validate(); err != nil {
		for _, fe := range hiring.ErrorFields(err) {
			name := fe.Field
			if h, ok := column[strings.SplitN(fe.Field, ".", 2)[0]]; ok {
				name = h + " (" + fe.Field + ")"
			}
			issues = append(issues, hiring.ImportIssue{Row: row, Severity: "error", Field: name, Message: fe.Message,
				Value: valueOf(in, fe.Field)})
		}
	}
	return in, issues
}

func (m Mapper) header(i int) string {
	if i < len(m.Header) && m.Header[i] != "" {
		return m.Header[i]
	}
	return fmt.Sprintf("column %d", i+1)
}

// valueOf returns the offending value of an indexed list field for the report.
func valueOf(in hiring.CandidateInput, field string) string {
	var i int
	if _, err := fmt.Sscanf(field, "emails.%d", &i); err == nil && i < len(in.Emails) {
		return in.Emails[i]
	}
	if _, err := fmt.Sscanf(field, "phones.%d", &i); err == nil && i < len(in.Phones) {
		return in.Phones[i]
	}
	if _, err := fmt.Sscanf(field, "links.%d", &i); err == nil && i < len(in.Links) {
		return in.Links[i].URL
	}
	return ""
}

// HasErrors reports whether issues hold an error.
func HasErrors(issues []hiring.ImportIssue) bool {
	for _, is := range issues {
		if is.Severity == "error" {
			return true
		}
	}
	return false
}

// SplitName splits a full name: "Last, First" when there is a comma, else
// the last word is the last name.
func SplitName(s string) (first, last string) {
	s = strings.Join(strings.Fields(s), " ")
	if a, b, ok := strings.Cut(s, ","); ok {
		return strings.TrimSpace(b), strings.TrimSpace(a)
	}
	i := strings.LastIndexByte(s, ' ')
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i+1:]
}

func splitList(s, seps string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) })
}

// withScheme adds https:// to a bare "github.com/ada" so it validates as a URL.
func withScheme(v string) string {
	l := strings.ToLower(v)
	if strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.Contains(l, "://") {
		return v
	}
	if strings.Contains(v, ".") && !strings.ContainsAny(v, " @") {
		return "https://" + v
	}
	return v
}
