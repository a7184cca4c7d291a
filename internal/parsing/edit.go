package parsing

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/resume"
)

// Correct applies a person's correction of one parsed field (see ApplyEdit
// for the paths) and saves it; contact fields also set the candidate's
// field, as a human edit. version is the View's Version (0 skips the check).
func (s *Service) Correct(ctx context.Context, documentID string, version int, field, value string) (View, error) {
	d, err := s.store.Document(ctx, documentID, false)
	if err != nil {
		return View{}, err
	}
	dp, err := s.store.DocumentProfile(ctx, documentID)
	if err != nil {
		return View{}, err
	}
	v, err := viewOf(d, dp)
	if err != nil {
		return View{}, err
	}
	if !v.Parsed {
		return View{}, hiring.Errorf(hiring.EConflict, "This document has not been parsed yet.")
	}
	p := v.Profile
	value = strings.TrimSpace(value)
	if field == "basics.phone" && value != "" {
		value = s.normalizePhone(ctx, value, d.CandidateID)
	}
	vocab, err := s.vocabulary(ctx)
	if err != nil {
		return View{}, err
	}
	old := v.Profile.Basics
	if err := ApplyEdit(&p, field, value, vocab); err != nil {
		return View{}, err
	}
	raw, err := json.Marshal(p)
	if err != nil {
		return View{}, fmt.Errorf("parsing: encode profile: %w", err)
	}
	c := hiring.ProfileCorrection{Field: field, Value: value, Profile: raw}
	switch field {
	case "basics.name":
		c.Contact = &hiring.ContactCorrection{Field: "name", Value: value}
	case "basics.email":
		c.Contact = &hiring.ContactCorrection{Field: "email", Old: old.Email, Value: value}
	case "basics.phone":
		c.Contact = &hiring.ContactCorrection{Field: "phone", Old: old.Phone, Value: value}
	case "basics.location":
		c.Contact = &hiring.ContactCorrection{Field: "location", Value: LocationText(p.Basics.Location)}
	case "basics.label":
		c.Contact = &hiring.ContactCorrection{Field: "headline", Value: value}
	}
	if c.Contact != nil && c.Contact.Field == "name" && value == "" {
		return View{}, invalidValue("a name is required")
	}
	dp, err = s.store.CorrectProfile(ctx, documentID, version, c)
	if err != nil {
		return View{}, err
	}
	return viewOf(d, dp)
}

// normalizePhone writes a number the way the parser would (E.164), with the
// same region rules; a number it cannot read is kept as typed.
func (s *Service) normalizePhone(ctx context.Context, value, candidateID string) string {
	opts, err := s.parseOptions(ctx, candidateID)
	if err != nil {
		return value
	}
	if p := resume.Parse("Phone: "+value, opts); p.Basics.Phone != "" {
		return p.Basics.Phone
	}
	return value
}

var (
	datePattern = regexp.MustCompile(`^\d{4}(-(0[1-9]|1[0-2]))?$`)
	editPath    = regexp.MustCompile(`^(work|education)\.(\d{1,3})(?:\.([A-Za-z]+))?$`)
)

// Limits on what a person may type into a profile field.
const (
	maxFieldRunes = 300
	maxLongRunes  = 5000
	maxListItems  = 200
)

func notEditable() error {
	return &hiring.Error{Code: hiring.EInvalid, Message: "This field can't be edited.",
		Fields: []hiring.FieldError{{Field: "field", Message: "is not an editable profile field"}}}
}

func invalidValue(msg string) error {
	return &hiring.Error{Code: hiring.EInvalid, Message: "Please correct the value.",
		Fields: []hiring.FieldError{{Field: "value", Message: msg}}}
}

// ApplyEdit sets one field of p from what a person typed. Paths:
// basics.{name,label,email,phone,url,summary,location}; work.N.{name,
// position,location,startDate,endDate,summary}; education.N.{institution,
// studyType,area,startDate,endDate}; "work.N" or "education.N" with an
// empty value removes the entry, and N = the current count adds one;
// skills, languages and certificates take comma-separated lists
// ("English (native)" for a language); meta.yearsOfExperience a number.
// vocab canonicalizes skills (nil keeps them as typed).
func ApplyEdit(p *resume.Profile, field, value string, vocab *resume.Vocabulary) error {
	value = strings.TrimSpace(value)
	limit := maxFieldRunes
	if strings.HasSuffix(field, ".summary") {
		limit = maxLongRunes
	}
	if field == "skills" || field == "languages" || field == "certificates" {
		limit = maxLongRunes
	}
	if utf8.RuneCountInString(value) > limit {
		return invalidValue(fmt.Sprintf("at most %d characters", limit))
	}
	b := &p.Basics
	switch field {
	case "basics.name":
		b.Name = value
	case "basics.label":
		b.Label = value
	case "basics.summary":
		b.Summary = value
	case "basics.url":
		if value != "" && !hiring.ValidURL(value) {
			return invalidValue("must be a web address starting with https:// or http://")
		}
		b.URL = value
	case "basics.email":
		if value != "" {
			e, ok := hiring.NormalizeEmail(value)
			if !ok {
				return invalidValue("is not a valid email address")
			}
			value = e
		}
		b.Email = replaceFirst(&p.Meta.Emails, b.Email, value)
	case "basics.phone":
		if value != "" && !hiring.ValidPhone(value) {
			return invalidValue("is not a valid phone number")
		}
		b.Phone = replaceFirst(&p.Meta.Phones, b.Phone, value)
	case "basics.location":
		b.Location = parseLocation(value)
	case "skills":
		p.Skills = nil
		for _, s := range splitList(value) {
			if vocab != nil {
				if c, ok := vocab.Canonical(s); ok {
					s = c
				}
			}
			if !hasSkill(p.Skills, s) {
				p.Skills = append(p.Skills, resume.Skill{Name: s})
			}
		}
	case "languages":
		p.Languages = nil
		for _, s := range splitList(value) {
			l := resume.Language{Language: s}
			if i := strings.IndexByte(s, '('); i > 0 && strings.HasSuffix(s, ")") {
				l.Language, l.Fluency = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:len(s)-1])
			}
			p.Languages = append(p.Languages, l)
		}
	case "certificates":
		p.Certificates = nil
		for _, s := range splitList(value) {
			p.Certificates = append(p.Certificates, resume.Certificate{Name: s})
		}
	case "meta.yearsOfExperience":
		if value == "" {
			p.Meta.YearsOfExperience = 0
			break
		}
		y, err := strconv.ParseFloat(value, 64)
		if err != nil || y < 0 || y > 70 {
			return invalidValue("must be a number of years between 0 and 70")
		}
		p.Meta.YearsOfExperience = y
	default:
		return applyEntryEdit(p, field, value)
	}
	return nil
}

func applyEntryEdit(p *resume.Profile, field, value string) error {
	m := editPath.FindStringSubmatch(field)
	if m == nil {
		return notEditable()
	}
	i, _ := strconv.Atoi(m[2])
	sub := m[3]
	if strings.HasSuffix(sub, "Date") && value != "" && !datePattern.MatchString(value) {
		return invalidValue("must be a year (2021) or a year and month (2021-03)")
	}
	switch m[1] {
	case "work":
		if i > len(p.Work) || (i == len(p.Work) && (sub == "" || len(p.Work) >= maxListItems)) {
			return notEditable()
		}
		if sub == "" {
			if value != "" {
				return invalidValue("must be empty to remove the entry")
			}
			p.Work = append(p.Work[:i], p.Work[i+1:]...)
			return nil
		}
		if i == len(p.Work) {
			p.Work = append(p.Work, resume.Work{})
		}
		w := &p.Work[i]
		switch sub {
		case "name":
			w.Name = value
		case "position":
			w.Position = value
		case "location":
			w.Location = value
		case "startDate":
			w.StartDate = value
		case "endDate":
			w.EndDate = value
		case "summary":
			w.Summary = value
		case "current":
			w.Current = value == "true" || value == "on" || value == "yes"
		default:
			return notEditable()
		}
	case "education":
		if i > len(p.Education) || (i == len(p.Education) && (sub == "" || len(p.Education) >= maxListItems)) {
			return notEditable()
		}
		if sub == "" {
			if value != "" {
				return invalidValue("must be empty to remove the entry")
			}
			p.Education = append(p.Education[:i], p.Education[i+1:]...)
			return nil
		}
		if i == len(p.Education) {
			p.Education = append(p.Education, resume.Education{})
		}
		e := &p.Education[i]
		switch sub {
		case "institution":
			e.Institution = value
		case "studyType":
			e.StudyType = value
		case "area":
			e.Area = value
		case "startDate":
			e.StartDate = value
		case "endDate":
			e.EndDate = value
		default:
			return notEditable()
		}
	}
	return nil
}

// replaceFirst makes v the first of list in place of old, and returns v.
func replaceFirst(list *[]string, old, v string) string {
	out := []string{}
	if v != "" {
		out = append(out, v)
	}
	for _, x := range *list {
		if x != old && x != v {
			out = append(out, x)
		}
	}
	*list = out
	return v
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '\n' || r == ';' }) {
		if f = strings.TrimSpace(f); f != "" && len(out) < maxListItems {
			out = append(out, f)
		}
	}
	return out
}

func hasSkill(xs []resume.Skill, s string) bool {
	for _, x := range xs {
		if strings.EqualFold(x.Name, s) {
			return true
		}
	}
	return false
}
