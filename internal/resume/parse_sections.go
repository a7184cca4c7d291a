package resume

import (
	"strings"
	"unicode"
)

// sectionHeadings maps heading words to section keys. Headings are matched
// on whole short lines, after dropping punctuation and letter spacing.
var sectionHeadings = map[string]string{
	"experience": "work", "work experience": "work", "professional experience": "work", "employment": "work",
	"employment history": "work", "work history": "work", "career history": "work", "experience details": "work",
	"relevant experience": "work", "research experience": "work", "professional background": "work",
	"work experience details": "work", "internships": "work", "internship": "work", "career summary": "work",
	"professional history": "work", "experiences": "work", "organizational experience": "work",
	"education": "education", "academic background": "education", "educational background": "education",
	"academic qualifications": "education", "educational qualifications": "education", "qualifications": "education",
	"education and training": "education", "academics": "education", "academic profile": "education",
	"educational qualification": "education", "academic qualification": "education", "education details": "education",
	"education & training": "education", "academic credentials": "education",
	"skills": "skills", "technical skills": "skills", "key skills": "skills", "core competencies": "skills",
	"skill set": "skills", "skillset": "skills", "areas of expertise": "skills", "expertise": "skills",
	"competencies": "skills", "technical proficiency": "skills", "it skills": "skills", "core skills": "skills",
	"skills & abilities": "skills", "skills and abilities": "skills", "professional skills": "skills",
	"technical expertise": "skills", "software skills": "skills", "computer skills": "skills", "tech stack": "skills",
	"highlights": "skills", "skill highlights": "skills", "key competencies": "skills", "strengths": "skills",
	"technical skill set": "skills", "tools": "skills", "technologies": "skills", "skills summary": "skills",
	"summary": "summary", "professional summary": "summary", "profile": "summary", "objective": "summary",
	"career objective": "summary", "about me": "summary", "professional profile": "summary", "personal statement": "summary",
	"executive summary": "summary", "summary of qualifications": "summary", "career profile": "summary", "overview": "summary",
	"languages": "languages", "language skills": "languages", "languages known": "languages",
	"certifications": "certificates", "certificates": "certificates", "certification": "certificates",
	"licenses": "certificates", "licenses & certifications": "certificates", "certifications & licenses": "certificates",
	"licenses and certifications": "certificates", "courses": "certificates", "trainings": "certificates",
	"projects": "other", "personal projects": "other", "academic projects": "other", "awards": "other",
	"honors": "other", "achievements": "other", "accomplishments": "other", "interests": "other", "hobbies": "other", "hobby": "other",
	"references": "other", "publications": "other", "volunteer": "other", "volunteering": "other",
	"personal details": "other", "personal information": "other", "activities": "other", "extracurricular activities": "other",
	"contact": "contact", "contact details": "contact", "contact information": "contact", "declaration": "other",
	"conferences": "other", "awards and honors": "other", "honors & awards": "other", "additional information": "other",
	"affiliations": "other", "professional affiliations": "other", "training": "other", "personal profile": "other",
	"technical skill": "skills", "technical skillset": "skills", "technical profile": "skills", "technical skills set": "skills", "key technical skills": "skills",
	"other technical skills": "skills", "additional skills": "skills", "skills set": "skills", "technical competencies": "skills",
	"technical knowledge": "skills", "knowledge purview": "skills", "it proficiency": "skills", "computer proficiency": "skills",
	"soft skills": "skills", "skill": "skills", "technical summary": "skills", "tools and technologies": "skills",
	"tools & technologies": "skills", "technologies and tools": "skills", "programming languages": "skills",
	"certifications licenses": "certificates", "licenses certifications": "certificates", "certifications and licenses": "certificates",
	"links": "other", "project": "other", "project details": "other", "project undertaken": "other", "projects undertaken": "other",
	"academic project": "other", "academic projects undertaken": "other", "project description": "other", "description": "other",
	"roles and responsibilities": "other", "responsibilities": "other", "role": "other", "client": "other", "environment": "other",
	"industrial visits": "other", "other qualifications": "education", "areas of interest": "other", "area of interest": "other",
	"groups": "other", "military service": "other", "patents": "other", "personal traits": "other", "key strengths": "other",
	"strength": "other", "personal skills": "other", "hobbies and interests": "other", "interests and hobbies": "other",
	"activities and interests": "other", "extra curricular activities": "other", "co curricular activities": "other",
	"other information": "other", "personal details and declaration": "other", "workshops": "other", "seminars": "other", "work experience summary": "work", "professional experience summary": "work",
}

type section struct {
	key   string
	lines []string
	// inWork marks a mixed-case heading under a capitals WORK heading: a
	// block of one job ("Key Skills" of a project), not of the resume.
	inWork bool
}

type sections []section

// headingKey reports whether line is a section heading and which.
func headingKey(line string) (string, bool) {
	if len(line) > 48 || strings.HasSuffix(line, ".") {
		return "", false // a sentence's last word wrapped onto its own line: "skills."
	}
	l := strings.ToLower(line)
	l = strings.TrimRight(l, ": ")
	l = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsLetter(r) || r == ' ' || r == '&':
			return r
		case r == '/' || r == '-':
			return ' ' // "CERTIFICATIONS/LICENSES"
		}
		return -1 // also digits: "Project 1:"
	}, l)
	l = strings.Join(strings.Fields(l), " ")
	if k, ok := sectionHeadings[l]; ok {
		return k, true
	}
	if skillsHeadingSuffix(line, l) {
		return "skills", true
	}
	if capsHeading(line, l) {
		return "other", true
	}
	// Letter-spaced headings: "S K I L L S".
	if compact := strings.ReplaceAll(l, " ", ""); len(compact) >= 4 && len(l) >= 2*len(compact)-1 {
		for h, k := range sectionHeadings {
			if strings.ReplaceAll(h, " ", "") == compact {
				return k, true
			}
		}
	}
	return "", false
}

// skillsHeadingSuffix accepts headings that name a field before the word
// skills ("SAP FICO SKILL SET:", "JAVA SKILLS"). Only capitals or a closing
// colon make such a line a heading: in mixed case it is as likely an item
// ("Excellent communication skills").
func skillsHeadingSuffix(line, norm string) bool {
	if !strings.HasSuffix(norm, " skills") && !strings.HasSuffix(norm, " skill set") &&
		!strings.HasSuffix(norm, " skillset") && !strings.HasSuffix(norm, " skills set") {
		return false
	}
	return strings.Count(norm, " ") < 5 && (strings.HasSuffix(strings.TrimSpace(line), ":") || noLower(line))
}

// noLower reports whether s has no lower-case letters (a heading in capitals).
func noLower(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// sectionNouns end headings the table does not list ("TECHNICAL EXPERIENCE
// SUMMARY", "ACADEMIC ACHIEVEMENTS").
var sectionNouns = set("summary", "experience", "details", "information", "profile", "projects", "achievements",
	"history", "responsibilities", "activities", "interests", "objective", "declaration", "background", "awards",
	"hobbies", "publications", "references", "certifications", "accomplishments")

// capsHeading is a short line in capitals ending in a section noun: an
// unlisted heading, which ends the section before it.
func capsHeading(line, norm string) bool {
	i := strings.LastIndexByte(norm, ' ')
	if i < 0 || !sectionNouns[norm[i+1:]] {
		return false
	}
	return strings.Count(norm, " ") < 5 && noLower(line) && !strings.ContainsAny(line, ",;|")
}

// headingBullets separate a heading from the first item on its line:
// "SKILLS • Team building".
const headingBullets = "•·●▪■◦➢►✓✔❖"

// splitSections cuts lines at headings; lines before the first heading form
// the "header" section.
func splitSections(lines []string) sections {
	secs := sections{{key: "header"}}
	capsKey := ""
	for _, l := range lines {
		first := l
		if i := strings.IndexByte(l, '\t'); i >= 0 {
			first = l[:i]
		} else if i := strings.IndexAny(l, headingBullets); i > 0 {
			first = strings.TrimSpace(l[:i])
		}
		if k, ok := headingKey(first); ok {
			caps := noLower(first)
			secs = append(secs, section{key: k, inWork: !caps && capsKey == "work"})
			if caps {
				capsKey = k
			}
			if first != l {
				secs[len(secs)-1].lines = append(secs[len(secs)-1].lines, strings.TrimSpace(l[len(first):]))
			}
			continue
		}
		// "Skills: Java, Go" — a heading with its content on the same line.
		if h, rest, ok := strings.Cut(l, ":"); ok && len(h) < 30 {
			if k, ok := headingKey(h); ok && k != "summary" && strings.TrimSpace(rest) != "" {
				if k == "languages" && secs[len(secs)-1].key == "skills" {
					// Inside a skills list, "Languages: C, C++, Java" are
					// programming languages; spoken ones are sorted out later.
					secs[len(secs)-1].lines = append(secs[len(secs)-1].lines, l)
					continue
				}
				secs = append(secs, section{key: k, lines: []string{strings.TrimSpace(rest)}})
				continue
			}
		}
		secs[len(secs)-1].lines = append(secs[len(secs)-1].lines, l)
	}
	return secs
}

func (s sections) header() []string { return s[0].lines }

// lines returns all lines of sections with key, in order.
func (s sections) lines(key string) []string {
	var out []string
	for _, sec := range s {
		if sec.key == key {
			out = append(out, sec.lines...)
		}
	}
	return out
}

func (s sections) text(key string, limit int) string {
	return truncateUTF8(strings.Join(s.lines(key), " "), limit)
}
