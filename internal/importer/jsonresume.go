package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/resume"
)

// maxJSONDocument bounds one JSON Resume document inside an upload.
const maxJSONDocument = 5 << 20

// JSONResumes reads JSON Resume documents: one object or an array of them.
// Each call to Next decodes one document without reading the others.
type JSONResumes struct {
	dec   *json.Decoder
	array bool
	n     int
	done  bool
}

// OpenJSONResumes starts reading r.
func OpenJSONResumes(r io.Reader) (*JSONResumes, error) {
	dec, _, err := Decode(r)
	if err != nil {
		return nil, err
	}
	d := json.NewDecoder(dec)
	// Peek the first token: '[' means an array, '{' a single document.
	tok, err := d.Token()
	if err == io.EOF {
		return nil, invalidFile("is empty")
	}
	if err != nil {
		return nil, invalidFile("is not JSON (" + err.Error() + ")")
	}
	switch tok {
	case json.Delim('['):
		return &JSONResumes{dec: d, array: true}, nil
	case json.Delim('{'):
		// Re-read the object as a whole: rebuild a decoder over "{" + rest.
		rest := io.MultiReader(strings.NewReader("{"), d.Buffered(), dec)
		return &JSONResumes{dec: json.NewDecoder(rest)}, nil
	}
	return nil, invalidFile("must hold a JSON Resume object or an array of them")
}

// Next returns the next document's number (from 1) and its raw bytes, or
// io.EOF. A syntax error ends the file: nothing after it can be trusted.
func (j *JSONResumes) Next() (int, json.RawMessage, error) {
	if j.done || (j.array && !j.dec.More()) {
		j.done = true
		return 0, nil, io.EOF
	}
	j.n++
	var raw json.RawMessage
	if err := j.dec.Decode(&raw); err != nil {
		j.done = true
		if err == io.EOF && !j.array {
			return 0, nil, io.EOF
		}
		return j.n, nil, fmt.Errorf("is not valid JSON: %w", err)
	}
	if !j.array {
		j.done = true
	}
	if len(raw) > maxJSONDocument {
		return j.n, nil, fmt.Errorf("is larger than %d MB", maxJSONDocument>>20)
	}
	return j.n, raw, nil
}

// JSONResume is one imported document: the JSON Resume profile, plus what
// Candor's own export (export.ToResume) adds under meta that the schema,
// and so resume.Meta, has no place for.
type JSONResume struct {
	resume.Profile
	Tags   []string // meta.tags
	Source string   // meta.source: where the candidate first came from
}

// candorMeta reads the meta fields only Candor writes.
type candorMeta struct {
	Meta struct {
		Tags   []string `json:"tags"`
		Source string   `json:"source"`
	} `json:"meta"`
}

// ParseJSONResume decodes one document, with messages that name the JSON
// path at fault.
func ParseJSONResume(raw []byte) (JSONResume, error) {
	var p JSONResume
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return p, errors.New("is not a JSON object")
	}
	var extra candorMeta
	for _, v := range []any{&p.Profile, &extra} {
		if err := json.Unmarshal(raw, v); err != nil {
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				return p, fmt.Errorf("%s must be a %s, not a %s", te.Field, jsonType(te.Type.Kind().String()), te.Value)
			}
			return p, fmt.Errorf("cannot be read: %v", err)
		}
	}
	p.Tags, p.Source = extra.Meta.Tags, strings.TrimSpace(extra.Meta.Source)
	if strings.TrimSpace(p.Basics.Name) == "" && strings.TrimSpace(p.Basics.Email) == "" {
		return p, errors.New("has no basics.name (nor basics.email)")
	}
	return p, nil
}

// Candidate maps the document to candidate fields: FromProfile, with the
// exported tags first (they are the candidate's own; skills only add to
// them), at most 50 like any candidate, and the exported source kept.
func (j JSONResume) Candidate() hiring.CandidateInput {
	in := FromProfile(j.Profile)
	var tags []string
	for _, t := range j.Tags {
		if len([]rune(strings.TrimSpace(t))) <= 50 {
			tags = append(tags, t)
		}
	}
	in.Tags = append(tags, in.Tags...)
	if j.Source != "" {
		in.Source = j.Source
	}
	in.Normalize()
	if len(in.Tags) > 50 {
		in.Tags = in.Tags[:50]
	}
	return in
}

func jsonType(kind string) string {
	switch kind {
	case "struct", "map":
		return "object"
	case "slice":
		return "array"
	case "bool":
		return "boolean"
	}
	if strings.HasPrefix(kind, "int") || strings.HasPrefix(kind, "float") {
		return "number"
	}
	return kind
}

// FromProfile maps a JSON Resume profile to candidate fields: basics →
// name and contact, profiles and url → links, the current (or first) work
// entry → title and company.
func FromProfile(p resume.Profile) hiring.CandidateInput {
	b := p.Basics
	in := hiring.CandidateInput{Headline: b.Label}
	in.FirstName, in.LastName = SplitName(b.Name)
	if b.Email != "" {
		in.Emails = append(in.Emails, b.Email)
	}
	in.Emails = append(in.Emails, p.Meta.Emails...)
	if b.Phone != "" {
		in.Phones = append(in.Phones, b.Phone)
	}
	in.Phones = append(in.Phones, p.Meta.Phones...)
	var loc []string
	for _, s := range []string{b.Location.City, b.Location.Region, b.Location.CountryCode} {
		if s = strings.TrimSpace(s); s != "" {
			loc = append(loc, s)
		}
	}
	in.Location = strings.Join(loc, ", ")
	if in.Location == "" {
		// export.ToResume writes Candor's free-text location as the address.
		in.Location = strings.TrimSpace(b.Location.Address)
	}
	if b.URL != "" {
		in.Links = append(in.Links, hiring.Link{Kind: hiring.LinkPortfolio, URL: withScheme(b.URL)})
	}
	for _, sp := range b.Profiles {
		u := sp.URL
		net := strings.ToLower(sp.Network)
		kind := hiring.LinkOther
		switch {
		case strings.Contains(net, "linkedin") || strings.Contains(strings.ToLower(u), "linkedin.com"):
			kind = hiring.LinkLinkedIn
			if u == "" && sp.Username != "" {
				u = "https://www.linkedin.com/in/" + sp.Username
			}
		case strings.Contains(net, "github") || strings.Contains(strings.ToLower(u), "github.com"):
			kind = hiring.LinkGitHub
			if u == "" && sp.Username != "" {
				u = "https://github.com/" + sp.Username
			}
		}
		if u != "" {
			in.Links = append(in.Links, hiring.Link{Kind: kind, URL: withScheme(u)})
		}
	}
	if w, ok := currentWork(p.Work); ok {
		in.CurrentTitle, in.CurrentCompany = w.Position, w.Name
	}
	for _, s := range p.Skills {
		if len(in.Tags) < 20 && len([]rune(s.Name)) <= 50 {
			in.Tags = append(in.Tags, s.Name)
		}
	}
	in.Source = "JSON Resume"
	in.Normalize()
	return in
}

// currentWork prefers a position without an end date, else the first listed
// (JSON Resume lists work newest first by convention).
func currentWork(ws []resume.Work) (resume.Work, bool) {
	for _, w := range ws {
		if w.Current || w.EndDate == "" {
			return w, true
		}
	}
	if len(ws) > 0 {
		return ws[0], true
	}
	return resume.Work{}, false
}

// inputIssues turns an invalid profile mapping into report lines.
func inputIssues(row int, in hiring.CandidateInput) []hiring.ImportIssue {
	err := in.Validate()
	if err == nil {
		return nil
	}
	var out []hiring.ImportIssue
	for _, fe := range hiring.ErrorFields(err) {
		out = append(out, hiring.ImportIssue{Row: row, Severity: "error", Field: fe.Field, Message: fe.Message, Value: valueOf(in, fe.Field)})
	}
	return out
}
