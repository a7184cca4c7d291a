package resume

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// Bullets seen in resumes converted from Word and web pages, " - " and
	// " @ " used as bullets inside a line, and wide gaps between columns.
	itemSepRe = regexp.MustCompile(`[,;|•·●▪■◦⋄➢►✓✔❖☑♦♣➔⇨❑〓\t]|\s[-–−~@]\s|\s{3,}`)
	// expNoteRe is the note a job board's export puts after each skill:
	// "Python- Experience - 24 months" (the duration is split off already).
	expNoteRe = regexp.MustCompile(`(?i)\s*[-–]\s*(?:experience|exprience)$`)
	parenRe   = regexp.MustCompile(`\([^)]*\)`)
	// dashLabelRe is a category label set off by a dash at the start of a
	// line: "• Operating System - Linux", "Virtualization platforms- VMware".
	dashLabelRe = regexp.MustCompile(`^[^\pL\pN]*(\pL[\pL /&]{0,30}?)\s?[-–]\s`)
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
	for _, line := range skillLines(secs) {
		if len(line) > 160 && strings.Count(line, ",") < 4 {
			continue // narrative prose, not a list
		}
		spoken := false // spoken languages under "Languages:" go to Profile.Languages
		// A category label is short and is not itself a list: in "Go, Rust:
		// expert" the colon does not end a label.
		if label, rest, ok := strings.Cut(line, ":"); ok && len(line)-len(rest) < 40 && !strings.ContainsAny(label, ",;|") {
			line = rest
			k, _ := headingKey(label)
			spoken = k == "languages"
		} else if m := dashLabelRe.FindStringSubmatchIndex(line); m != nil && skillishLabel(line[m[2]:m[3]]) {
			line = line[m[1]:] // "• Database - DB2, SQL": the category is not a skill
		}
		for _, item := range itemSepRe.Split(line, -1) {
			item = strings.TrimSpace(strings.Trim(dropExpNote(item), " .:*-–−~@"))
			if item == "" || hasDateRange(item) || len(item) > 60 || len(strings.Fields(item)) > 7 || !hasLetter(item) || isAddress(item) {
				continue
			}
			if low := strings.ToLower(item); countryNames[low] != "" || notSkills[low] || spoken && humanLanguages[low] || continuesProse(item) || orgOrDegree(low) {
				continue // a place, employer or degree from a line that ran into the list, a filler word, a piece of a sentence
			}
			if level[strings.ToLower(item)] || durationRe.MatchString(item) {
				continue // how long or how well ("Java - 3 years", "Python- Experience - 24 months", "Expert")
			}
			if c, ok := vocab.Canonical(item); ok {
				add(c)
				continue
			}
			add(item)
		}
	}
	conf := 0.8
	if len(out) == 0 {
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

func dropExpNote(item string) string {
	if len(item) > 10 && strings.EqualFold(item[len(item)-6:], "rience") {
		return expNoteRe.ReplaceAllString(item, "")
	}
	return item
}

// level words and durations annotate a skill listed before them.
var level = set("expert", "advanced", "intermediate", "beginner", "basic", "basics", "proficient", "fluent",
	"experience", "exprience", "experienced", "novice", "familiar", "working knowledge")

var durationRe = regexp.MustCompile(`(?i)^(?:(?:less|more) than |over |under |about |approx\.? )?\d+(?:\.\d+)?\+?\s*(?:years?|yrs?|months?|mos?)\b`)

// orgWords name employers and schools; degreeWords name qualifications.
var orgWords = set("pvt", "ltd", "limited", "inc", "llc", "llp", "gmbh", "corporation", "university", "college",
	"institute", "school")

// ("master" is not one of them: "Scrum Master", "Master Data Management".)
var degreeWords = set("diploma", "bachelor", "bachelors", "b.tech", "m.tech", "b.sc", "m.sc", "ph.d", "phd")

// orgOrDegree is an employer, a school or a qualification that sits in a
// skills block ("Acme Pvt. Ltd", "Post Graduate Diploma in Automation").
func orgOrDegree(low string) bool {
	for _, w := range strings.FieldsFunc(low, func(r rune) bool { return r == ' ' || r == ',' || r == '(' || r == ')' }) {
		w = strings.TrimSuffix(w, ".")
		if orgWords[w] || degreeWords[w] {
			return true
		}
	}
	return false
}

// isAddress is a web or mail address that ran into a list (a LINKS
// section, a profile URL under the skills).
func isAddress(item string) bool {
	low := strings.ToLower(item)
	return strings.Contains(low, "//") || strings.HasPrefix(low, "www.") || strings.Contains(low, "@") ||
		strings.HasPrefix(low, "http")
}

var notSkills = set("and", "or", "etc", "&amp", "others", "other", "various", "including", "skills")

var joinWords = set("and", "or", "in", "of", "with", "to", "for", "the", "on", "at", "by", "from", "as", "into", "which", "that", "who")

// continuesProse is a fragment cut out of a sentence by a comma or a line
// break: it starts with a lower-case joining word ("and uninstalling",
// "in team management").
func continuesProse(item string) bool {
	first, _, ok := strings.Cut(item, " ")
	return ok && joinWords[first]
}

// skillLines returns the lines of the Skills sections with parenthesised
// asides ("Java (Less than 1 year)", even across a line break) removed and
// wrapped lines rejoined. A section ends early at a bare sub-heading that is
// not about skills ("Project 1:", "Client Background:"), at a job entry or at
// its second sentence. A job's own skills blocks count only when the resume
// has no skills section of its own.
func skillLines(secs sections) []string {
	var out []string
	width := wrapWidth(secs)
	own := false // the resume has a skills section of its own
	for _, sec := range secs {
		own = own || sec.key == "skills" && !sec.inWork
	}
	for _, sec := range secs {
		if sec.key != "skills" || own && sec.inWork {
			continue
		}
		joined := parenRe.ReplaceAllString(unwrap(sec.lines, width), " ")
		start := len(out)
		prose := 0
		for _, line := range strings.Split(joined, "\n") {
			line = strings.TrimSpace(line)
			if line == "" {
				continue
			}
			if hasDateRange(line) {
				// A job entry ("September 2005 - till date"): its title and
				// employer lines came just before the dates.
				for n := 0; n < 3 && len(out) > start && jobHeaderLine(out[len(out)-1]); n++ {
					out = out[:len(out)-1]
				}
				break
			}
			if isSubHeading(line) && !skillishLabel(line) {
				break // a new block
			}
			if isProse(line) {
				// Sentences are skipped; a second one, even after list lines,
				// means the block is narrative from here on.
				if prose++; prose >= 2 {
					break
				}
				continue
			}
			out = append(out, line)
		}
	}
	return out
}

// wrapsOnto tells a comma list or a sentence that ran past the line width
// ("…, Microsoft⏎OneNote, Skype", "…with proven abilities⏎in team
// management") from one that ends at the line break (rows of a table, one
// list per line): the next line's first word would not have fitted on the
// previous line, which does not end a sentence or label, and the next line
// is not a new bullet or "Label:" line. Prose is then judged on whole
// sentences.
func wrapsOnto(prev, line string, width int) bool {
	if strings.ContainsAny(prev[len(prev)-1:], ":.|") {
		return false
	}
	first, _, _ := strings.Cut(line, " ")
	if utf8.RuneCountInString(prev)+1+utf8.RuneCountInString(first) <= width {
		return false
	}
	r, _ := utf8.DecodeRuneInString(line)
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return false
	}
	// A list that wrapped, or a sentence going on in lower case.
	if strings.Count(prev, ",") < 2 && !unicode.IsLower(r) {
		return false
	}
	label, _, ok := strings.Cut(line, ":")
	return (!ok || len(label) > 30) && !hasDateRange(line)
}

// unwrap joins lines with "\n", or with a space where a list or sentence
// wrapped.
func unwrap(lines []string, width int) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			if wrapsOnto(lines[i-1], l, width) {
				b.WriteByte(' ')
			} else {
				b.WriteByte('\n')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

// wrapWidth is the longest line of the resume (addresses aside, which run
// past the margin): the width its text was wrapped at, if it was.
func wrapWidth(secs sections) int {
	w := 0
	for _, sec := range secs {
		for _, l := range sec.lines {
			if n := utf8.RuneCountInString(l); n > w && !strings.Contains(l, "://") && !strings.Contains(l, "www.") {
				w = n
			}
		}
	}
	return w
}

// jobHeaderLine is a job title ("Sr consultant") or an employer line
// ("Acme Corp -  Pune, Maharashtra -", the form job boards export).
func jobHeaderLine(line string) bool {
	return strings.HasSuffix(line, " -") || strings.HasSuffix(line, " –") || placeLine(line) ||
		containsTitleWord(line) && !strings.ContainsAny(line, ";|•")
}

// placeLine is "Brooklyn, NY" or "Pune, India": the place of a job.
func placeLine(line string) bool {
	i := strings.LastIndexByte(line, ',')
	if i < 0 || strings.Count(line, ",") > 2 {
		return false
	}
	last := strings.TrimSpace(line[i+1:])
	return usStates[last] || countryNames[strings.ToLower(last)] != ""
}

// isSubHeading is a short line that only labels what follows: "Project 1:".
func isSubHeading(line string) bool {
	h, rest, ok := strings.Cut(line, ":")
	return ok && strings.TrimSpace(rest) == "" && len(strings.Fields(h)) <= 5
}

var skillishWords = []string{"skill", "tool", "technolog", "language", "database", "framework", "software", "platform",
	"operating", "os", "package", "environment", "ide", "server", "web", "cloud", "programming", "scripting", "testing",
	"methodolog", "expertise", "proficien", "competenc", "knowledge", "application", "devops", "version control",
	"network", "hardware", "library", "libraries", "concept", "domain", "area", "office", "design", "analytics", "data",
	"other", "utilit", "technical", "editor", "repositor"}

// skillishLabel tells a category label inside a skills list ("Databases:",
// "Tools:") from a heading that ends the list.
func skillishLabel(line string) bool {
	low := strings.ToLower(line)
	for _, w := range strings.FieldsFunc(low, func(r rune) bool { return !unicode.IsLetter(r) }) {
		for _, s := range skillishWords {
			if strings.HasPrefix(w, s) {
				return true
			}
		}
	}
	return false
}

// isProse is a sentence rather than a list item: many words, no list
// separators.
func isProse(line string) bool {
	words := len(strings.Fields(line))
	if words < 12 {
		return false
	}
	return strings.Count(line, ",")+strings.Count(line, ";")+strings.Count(line, "|")+strings.Count(line, "\t") < words/6
}

// scanVocabulary finds vocabulary terms in free text, longest first.
// inSection allows the ambiguous terms a Skills section may use.
func scanVocabulary(text string, vocab *Vocabulary, inSection bool) []string {
	var out []string
	seen := map[string]bool{}
	scanVocabularyEach(text, vocab, inSection, false, 20000, func(c string) {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	})
	return out
}

// scanVocabularyEach calls fn for every vocabulary term found in the first
// maxWords words of text, as often as it occurs. common also counts the
// words too common in prose for a skill list ("sales", "recruiting"), for
// callers that weigh terms by how often they occur.
func scanVocabularyEach(text string, vocab *Vocabulary, inSection, common bool, maxWords int, fn func(canonical string)) {
	words := skillWords(text, maxWords)
	norm := make([]string, len(words))
	for i, w := range words {
		words[i] = strings.TrimRight(w, ".-/")
		norm[i] = normSkill(words[i])
	}
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
				if ok && !inSection && ((freeTextStop[key] && !common) || vocab.sectionOnly[c] || (len(key) < 3 && !strings.ContainsAny(key, "+#"))) {
					ok = false
				}
			}
			if ok {
				fn(c)
				i += n - 1
				break
			}
		}
	}
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
	lines := secs.lines("languages")
	for _, line := range secs.lines("skills") {
		// A "Languages:" line kept inside a skills list may name spoken ones.
		if h, rest, ok := strings.Cut(line, ":"); ok && len(h) < 30 {
			if k, _ := headingKey(h); k == "languages" {
				lines = append(lines, rest)
			}
		}
	}
	for _, line := range lines {
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
