package resume

import (
	"regexp"
	"strings"
	"unicode"
)

var (
	itemSepRe   = regexp.MustCompile(`[,;|•·●▪■◦⋄➢►✓✔\t]|\s[-–]\s|\s{3,}`)
	parenRe     = regexp.MustCompile(`\([^)]*\)`)
)

// freeTextStop are vocabulary terms that are ordinary words in prose; they
// count as skills only when listed in a Skills section.
var freeTextStop = set("word", "security", "operations", "strategy", "training", "lean", "tax", "research", "writing",
	"editing", "sales", "leadership", "creative", "flexible", "organized", "analytical", "marketing", "banking",
	"insurance", "retail", "cleaning", "cooking", "driving", "typing", "networking", "shell", "express", "spark",
	"rest", "hive", "less", "sketch", "unity", "lambda", "analytics", "communication", "teamwork", "coaching",
	"research skills", "hospitality", "housekeeping", "administration", "scheduling", "advertising", "accounting",
	"auditing", "audit", "recruiting", "hiring", "sourcing", "purchasing", "procurement", "logistics", "mathematics",
	"math", "physics", "chemistry", "biology", "statistics", "teaching", "tutoring", "translation", "illustration",
	"animation", "photography", "fabric", "fabrics", "textiles", "drafting", "collaboration", "creativity",
	"adaptability", "flexibility", "organization", "compliance", "payroll", "budgeting", "forecasting", "branding",
	"merchandising", "onboarding", "manufacturing", "welding", "plumbing", "carpentry", "electrical", "sanitation",
	"virtualization", "firewalls", "blockchain", "robotics", "embedded", "algorithms", "research", "negotiation",
	"negotiations", "interpersonal", "analytics", "selling", "visualization", "outlook", "access", "excel",
	"strengths", "troubleshooting", "multitasking", "mentoring", "litigation", "contracts", "nursing", "cleaning equipment")

// findSkills takes the items of the Skills section (canonical names when the
// vocabulary knows them, the resume's own words otherwise). Without such a
// section it falls back to vocabulary terms found anywhere in the text.
func findSkills(secs sections, text string, vocab *Vocabulary) ([]Skill, float64) {
	var out []Skill
	seen := map[string]bool{}
	add := func(name string) {
		key := strings.ToLower(name)
		if name == "" || seen[key] || len(out) >= 80 {
			return
		}
		seen[key] = true
		out = append(out, Skill{Name: name})
	}
	for _, line := range secs.lines("skills") {
		if len(line) > 160 && strings.Count(line, ",") < 4 {
			continue // narrative prose, not a list
		}
		if _, rest, ok := strings.Cut(line, ":"); ok && len(line)-len(rest) < 40 {
			line = rest
		}
		line = parenRe.ReplaceAllString(line, " ")
		for _, item := range itemSepRe.Split(line, -1) {
			item = strings.TrimSpace(strings.Trim(item, " .:*-–"))
			if item == "" || hasDateRange(item) || len(item) > 60 || len(strings.Fields(item)) > 7 || !hasLetter(item) {
				continue
			}
			if c, ok := vocab.Canonical(item); ok {
				add(c)
				continue
			}
			if len(strings.Fields(item)) > 3 {
				// A phrase ("Proficient with POS systems"): the resume's own
				// words are the skill.
				add(item)
				continue
			}
			add(item)
		}
	}
	conf := 0.8
	if len(out) < 3 {
		for _, c := range scanVocabulary(text, vocab, false) {
			add(c)
		}
		conf = 0.5
	}
	if len(out) == 0 {
		return nil, 0
	}
	return out, conf
}

// scanVocabulary finds vocabulary terms in free text, longest first.
// inSection allows the ambiguous terms a Skills section may use.
func scanVocabulary(text string, vocab *Vocabulary, inSection bool) []string {
	words := skillWords(text, 20000)
	norm := make([]string, len(words))
	for i, w := range words {
		words[i] = strings.TrimRight(w, ".-/")
		norm[i] = normSkill(words[i])
	}
	var out []string
	seen := map[string]bool{}
	for i := 0; i < len(words); i++ {
		longest := vocab.firstWords[norm[i]]
		if longest == 0 {
			continue // no term starts with this word
		}
		for n := min(longest, len(words)-i); n >= 1; n-- {
			phrase := words[i]
			if n > 1 {
				phrase = strings.Join(words[i:i+n], " ")
			}
			c, ok := vocab.exact[phrase]
			if !ok {
				key := normSkill(phrase)
				c, ok = vocab.terms[key]
				if ok && !inSection && (freeTextStop[key] || vocab.sectionOnly[c] || (len(key) < 3 && !strings.ContainsAny(key, "+#"))) {
					ok = false
				}
			}
			if ok {
				if !seen[c] {
					seen[c] = true
					out = append(out, c)
				}
				i += n - 1
				break
			}
		}
	}
	return out
}

// skillWords splits text into runs of letters, digits and + # . - /
// (the characters of "C++", "C#", "Node.js", "CI/CD"), at most n of them.
func skillWords(text string, n int) []string {
	var out []string
	start := -1
	for i, r := range text {
		in := unicode.IsLetter(r) || unicode.IsNumber(r) || r == '+' || r == '#' || r == '.' || r == '-' || r == '/'
		switch {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			out = append(out, text[start:i])
			start = -1
			if len(out) >= n {
				return out
			}
		}
	}
	if start >= 0 {
		out = append(out, text[start:])
	}
	return out
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

var humanLanguages = set("english", "spanish", "french", "german", "hindi", "mandarin", "chinese", "cantonese",
	"japanese", "korean", "arabic", "portuguese", "italian", "russian", "dutch", "swedish", "norwegian", "danish",
	"finnish", "polish", "turkish", "greek", "hebrew", "bengali", "bangla", "urdu", "punjabi", "tamil", "telugu",
	"kannada", "malayalam", "marathi", "gujarati", "odia", "oriya", "assamese", "nepali", "sinhala", "malay",
	"bahasa", "indonesian", "thai", "vietnamese", "tagalog", "filipino", "swahili", "persian", "farsi", "ukrainian",
	"czech", "hungarian", "romanian", "bulgarian", "serbian", "croatian", "quechua", "catalan", "latin", "sanskrit")

var fluencyWords = []string{"native", "mother tongue", "bilingual", "fluent", "proficient", "professional",
	"advanced", "intermediate", "conversational", "basic", "beginner", "elementary", "a1", "a2", "b1", "b2", "c1", "c2"}

// findLanguages reads spoken languages from a Languages section or a
// "Languages:" line.
func findLanguages(secs sections, text string) []Language {
	var out []Language
	seen := map[string]bool{}
	for _, line := range secs.lines("languages") {
		for _, item := range regexp.MustCompile(`[,;|•/\t]| and `).Split(line, -1) {
			words := strings.FieldsFunc(strings.ToLower(item), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			for _, w := range words {
				if humanLanguages[w] && !seen[w] {
					seen[w] = true
					l := Language{Language: strings.ToUpper(w[:1]) + w[1:]}
					low := strings.ToLower(item)
					for _, f := range fluencyWords {
						if strings.Contains(low, f) {
							l.Fluency = strings.ToUpper(f[:1]) + f[1:]
							break
						}
					}
					out = append(out, l)
				}
			}
		}
	}
	return out
}

// parseCertificates takes each line (or bullet) of the certifications
// section as one certificate.
func parseCertificates(lines []string) []Certificate {
	var out []Certificate
	for _, l := range lines {
		for _, item := range regexp.MustCompile(`[•·●▪\t]`).Split(l, -1) {
			item = strings.TrimSpace(strings.Trim(item, " -–*"))
			if len(item) < 3 || len(item) > 150 || !hasLetter(item) {
				continue
			}
			c := Certificate{Name: item}
			if y := yearRe.FindString(item); y != "" {
				c.Date = y
			}
			out = append(out, c)
			if len(out) >= 30 {
				return out
			}
		}
	}
	return out
}
