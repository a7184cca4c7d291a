package mail

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"html"
	"sort"
	"strings"

	"github.com/candor-ats/candor/internal/markup"
)

// MergeField is one {{name}} a template may use.
type MergeField struct {
	Name        string
	Description string
}

// MergeFields are the fields templates may use, as the editor lists them.
// Any other {{…}} is an error when the template is saved.
var MergeFields = []MergeField{
	{"candidate.first_name", "The candidate's first name"},
	{"candidate.last_name", "The candidate's last name"},
	{"candidate.name", "The candidate's full name"},
	{"candidate.email", "The candidate's email address"},
	{"job.title", "The job's title (mail about an application)"},
	{"stage.name", "The application's current stage"},
	{"company.name", "Your company's name"},
	{"sender.name", "Who sends the mail (for automations: the company)"},
	{"status_link", "A personal link to the candidate's status page (a new one is made for each message)"},
}

// linkFields are merge fields whose value is an address: in the HTML part
// they become a link (the text part shows the address as it is).
var linkFields = map[string]bool{"status_link": true}

var knownField = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range MergeFields {
		m[f.Name] = true
	}
	return m
}()

// TemplateError says what is wrong with a template and where.
type TemplateError struct {
	Field string // "subject" or "body"
	Msg   string
}

func (e *TemplateError) Error() string { return e.Field + ": " + e.Msg }

// segment is literal text or a field reference.
type segment struct {
	text  string
	field string
}

// parse splits s into literal text and {{field}} references. "{{" must be
// closed by "}}" on the same line and name a known field (spaces around the
// name are allowed). A lone "}}" is plain text.
func parse(part, s string) ([]segment, error) {
	var out []segment
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			if s != "" {
				out = append(out, segment{text: s})
			}
			return out, nil
		}
		if i > 0 {
			out = append(out, segment{text: s[:i]})
		}
		rest := s[i+2:]
		j := strings.Index(rest, "}}")
		if j < 0 || strings.ContainsAny(rest[:j], "\n{") {
			return nil, &TemplateError{Field: part, Msg: "a “{{” is not closed with “}}” on the same line"}
		}
		name := strings.TrimSpace(rest[:j])
		if !knownField[name] {
			shown := name
			if len(shown) > 40 {
				shown = shown[:40] + "…"
			}
			return nil, &TemplateError{Field: part, Msg: fmt.Sprintf("unknown merge field {{%s}} (known: %s)", strings.ToValidUTF8(shown, "?"), strings.Join(FieldNames(), ", "))}
		}
		out = append(out, segment{field: name})
		s = rest[j+2:]
	}
}

// FieldNames lists the known merge fields, sorted.
func FieldNames() []string {
	n := make([]string, 0, len(MergeFields))
	for _, f := range MergeFields {
		n = append(n, f.Name)
	}
	sort.Strings(n)
	return n
}

// CheckTemplate reports the first problem of a subject and body: an unclosed
// "{{" or an unknown merge field (a *TemplateError).
func CheckTemplate(subject, body string) error {
	if _, err := parse("subject", subject); err != nil {
		return err
	}
	_, err := parse("body", body)
	return err
}

// Rendered is a template filled in for one recipient.
type Rendered struct {
	Subject string
	Text    string // plain-text part
	HTML    string // sanitized HTML fragment
}

// Render fills in a template. Values are never read as Markdown or HTML:
// the body is rendered with opaque placeholders, which are then replaced by
// the HTML-escaped values (and the result sanitized once more), so a
// candidate named "<img src=x onerror=…>" or "[click](javascript:…)" is
// shown as written. In the subject and the text part values appear as they
// are, with line breaks flattened.
func Render(subject, body string, values map[string]string) (Rendered, error) {
	ss, err := parse("subject", subject)
	if err != nil {
		return Rendered{}, err
	}
	bs, err := parse("body", body)
	if err != nil {
		return Rendered{}, err
	}
	val := func(f string) string { return flatten(values[f]) }
	var subj, text, md strings.Builder
	for _, s := range ss {
		if s.field != "" {
			subj.WriteString(val(s.field))
		} else {
			subj.WriteString(s.text)
		}
	}
	nonce := placeholderNonce()
	var holders []string
	for _, s := range bs {
		if s.field == "" {
			text.WriteString(s.text)
			md.WriteString(s.text)
			continue
		}
		text.WriteString(val(s.field))
		ph := fmt.Sprintf("0MF%sX%dZ", nonce, len(holders)) // a leading digit: never read as a tag name in <…>
		v := html.EscapeString(val(s.field))
		if linkFields[s.field] && (strings.HasPrefix(v, "https://") || strings.HasPrefix(v, "http://")) {
			v = `<a href="` + v + `">` + v + `</a>`
		}
		holders = append(holders, ph, v)
		md.WriteString(ph)
	}
	htmlPart := string(markup.Render(plainText(md.String())))
	textPart := plainText(text.String())
	if len(holders) > 0 {
		htmlPart = markup.Sanitize(strings.NewReplacer(holders...).Replace(htmlPart))
	}
	return Rendered{Subject: strings.TrimSpace(flatten(subj.String())), Text: textPart, HTML: htmlPart}, nil
}

// flatten makes a value one line (merge values go into subjects).
func flatten(s string) string {
	if !strings.ContainsAny(s, "\r\n\u2028\u2029\u0085\x00") {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == '\r' || r == '\n' || r == '\u2028' || r == '\u2029' || r == '\u0085' || r == 0
	}), " ")
}

func placeholderNonce() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return strings.ToUpper(hex.EncodeToString(b[:]))
}

// UsesField reports whether a (valid) subject or body refers to field.
func UsesField(subject, body, field string) bool {
	for i, s := range []string{subject, body} {
		segs, err := parse([]string{"subject", "body"}[i], s)
		if err != nil {
			continue
		}
		for _, g := range segs {
			if g.field == field {
				return true
			}
		}
	}
	return false
}
