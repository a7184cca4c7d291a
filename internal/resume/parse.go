package resume

import (
	"strings"
	"time"
)

// ParseOptions tune Parse.
type ParseOptions struct {
	// DefaultRegion is the ISO 3166 region for phone numbers written without
	// a country code when the resume names no country ("US" if empty).
	DefaultRegion string
	// Vocabulary normalises skills; nil means DefaultVocabulary().
	Vocabulary *Vocabulary
	// Now is the date "Present" means; zero means time.Now().
	Now time.Time
}

// Parse reads a profile out of resume text. It never fails: fields it cannot
// find stay empty, and Meta.Confidence says how sure it is of the rest.
func Parse(text string, opts ParseOptions) Profile {
	if opts.Vocabulary == nil {
		opts.Vocabulary = builtinVocabulary()
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if opts.DefaultRegion == "" {
		opts.DefaultRegion = "US"
	}
	text = strings.ReplaceAll(text, "\f", "\n")
	if strings.IndexByte(text, '&') >= 0 {
		// Text copied out of web pages keeps HTML's escapes ("SKILLS &amp;
		// ABILITIES"); only the common ones, so a literal "&" stays as it is.
		text = entityReplacer.Replace(text)
	}
	lines := splitLines(text)
	secs := splitSections(lines)
	p := Profile{Meta: Meta{Confidence: map[string]float64{}}}
	conf := p.Meta.Confidence

	p.Meta.Emails = findEmails(text)
	if len(p.Meta.Emails) > 0 {
		p.Basics.Email = p.Meta.Emails[0]
		conf["basics.email"] = 0.99
	}
	p.Basics.Location, conf["basics.location"] = findLocation(secs.header(), text)
	region := opts.DefaultRegion
	if p.Basics.Location.CountryCode != "" {
		region = p.Basics.Location.CountryCode
	}
	phones, phoneConf := findPhones(text, region, countriesMentioned(text))
	p.Meta.Phones = phones
	if len(phones) > 0 {
		p.Basics.Phone = phones[0]
		conf["basics.phone"] = phoneConf
	}
	p.Basics.URL, p.Basics.Profiles = findLinks(text, p.Meta.Emails)
	if p.Basics.URL != "" {
		conf["basics.url"] = 0.8
	}
	if len(p.Basics.Profiles) > 0 {
		conf["basics.profiles"] = 0.95
	}
	var nameLine int
	p.Basics.Name, nameLine, conf["basics.name"] = findName(lines, p.Basics.Email)
	p.Basics.Label, conf["basics.label"] = findLabel(lines, nameLine)
	p.Basics.Summary = secs.text("summary", 1000)

	p.Work = parseWork(secs.lines("work"), opts.Now)
	if len(p.Work) > 0 {
		conf["work"] = 0.7
	}
	p.Meta.YearsOfExperience = yearsOfExperience(p.Work, text, opts.Now)
	if p.Meta.YearsOfExperience > 0 {
		conf["meta.yearsOfExperience"] = 0.6
	}
	p.Education = parseEducation(secs.lines("education"))
	if len(p.Education) > 0 {
		conf["education"] = 0.7
	}
	p.Skills, conf["skills"] = findSkills(secs, text, opts.Vocabulary)
	p.Languages = findLanguages(secs, text)
	if len(p.Languages) > 0 {
		conf["languages"] = 0.8
	}
	p.Certificates = parseCertificates(secs.lines("certificates"))
	if len(p.Certificates) > 0 {
		conf["certificates"] = 0.7
	}
	for k, v := range conf {
		if v == 0 {
			delete(conf, k)
		}
	}
	return p
}

var entityReplacer = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'", "&nbsp;", " ")

// splitLines trims lines and drops empty ones, keeping tabs (column breaks
// from the PDF layout) inside lines.
func splitLines(text string) []string {
	raw := strings.Split(text, "\n")
	out := make([]string, 0, len(raw))
	for _, l := range raw {
		l = strings.TrimSpace(strings.Join(strings.Fields(strings.ReplaceAll(l, "\t", " \x00 ")), " "))
		l = strings.ReplaceAll(l, " \x00 ", "\t")
		l = strings.Trim(l, "\x00 \t")
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}
