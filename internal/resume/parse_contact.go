package resume

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
)

var (
	emailRe = regexp.MustCompile(`(?i)[a-z0-9][a-z0-9._%+\-]*\s?@\s?[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.[a-z]{2,24}`)
	// phoneCandRe finds runs that look like phone numbers: optional +, then
	// digits with the separators people type (single spaces, never the tabs
	// that separate layout columns, nor line breaks).
	phoneCandRe = regexp.MustCompile(`(?:\+|00)?\(?\d[\d \x{a0}().\-/]{6,20}\d`)
	urlRe       = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>"'()\t,]+|\b(?:linkedin\.com|github\.com|gitlab\.com|behance\.net|dribbble\.com)/[^\s<>"'()\t,]+`)
)

// findEmails returns distinct emails in order of appearance.
func findEmails(text string) []string {
	var out []string
	seen := map[string]bool{}
	// Scan only windows around each "@": the regexp over the whole text
	// was the slowest step of parsing.
	var found []string
	for i, n := 0, 0; n < 20; n++ {
		k := strings.IndexByte(text[i:], '@')
		if k < 0 {
			break
		}
		at := i + k
		lo, hi := max(i, at-64), min(len(text), at+256)
		for lo < at && !utf8.RuneStart(text[lo]) {
			lo++
		}
		if m := emailRe.FindStringIndex(text[lo:hi]); m != nil && lo+m[0] <= at && lo+m[1] > at {
			found = append(found, text[lo+m[0]:lo+m[1]])
			i = lo + m[1]
		} else {
			i = at + 1
		}
	}
	for _, m := range found {
		m = strings.ToLower(strings.Join(strings.Fields(m), ""))
		m = strings.TrimRight(m, ".-")
		if !seen[m] {
			seen[m] = true
			out = append(out, m)
		}
	}
	return out
}

// findPhones returns valid numbers in E.164, best first: numbers with a
// country code or a phone label rank above bare digit runs. Numbers without
// a country code are tried in region, then in countries the text mentions.
func findPhones(text, region string, regions []string) ([]string, float64) {
	type cand struct {
		e164  string
		score int
	}
	var cands []cand
	seen := map[string]bool{}
	tryRegions := append([]string{region}, regions...)
	// Only lines with enough digits can hold a number; the regexp is
	// costly on the rest.
	for _, loc := range matchLines(phoneCandRe, text, func(l string) bool { return countDigits(l) >= 7 }, 60) {
		raw := strings.TrimSpace(text[loc[0]:loc[1]])
		digits := countDigits(raw)
		if digits < 7 || digits > 15 || looksLikeDateRange(raw) {
			continue
		}
		before := strings.ToLower(text[max(0, loc[0]-24):loc[0]])
		labelled := strings.Contains(before, "phone") || strings.Contains(before, "mobile") || strings.Contains(before, "tel") ||
			strings.Contains(before, "cell") || strings.Contains(before, "mob") || strings.Contains(before, "contact") ||
			strings.Contains(before, "ph") || strings.Contains(before, "whatsapp")
		formatted := labelled || strings.HasPrefix(raw, "+") || phoneShapeRe.MatchString(raw)
		for _, r := range tryRegions {
			num, err := phonenumbers.Parse(raw, r)
			if err != nil {
				continue
			}
			// Template resumes use fictional numbers (555-01xx, 1234567890)
			// that are well-formed but not assigned; keep them when they are
			// written like phone numbers, at a lower rank.
			valid := phonenumbers.IsValidNumber(num)
			if !valid && !(formatted && phonenumbers.IsPossibleNumber(num) && r == region) {
				continue
			}
			e := phonenumbers.Format(num, phonenumbers.E164)
			if seen[e] {
				break
			}
			seen[e] = true
			score := 1
			if strings.HasPrefix(raw, "+") || strings.HasPrefix(raw, "00") {
				score += 2
			}
			if labelled {
				score += 2
			}
			if r == region {
				score++
			}
			if !valid {
				score -= 2
			}
			cands = append(cands, cand{e, score - len(cands)/4})
			break
		}
	}
	if len(cands) == 0 {
		return nil, 0
	}
	best := 0
	for i, c := range cands {
		if c.score > cands[best].score {
			best = i
		}
	}
	out := []string{cands[best].e164}
	for i, c := range cands {
		if i != best {
			out = append(out, c.e164)
		}
	}
	conf := 0.75
	if cands[best].score >= 3 {
		conf = 0.95
	}
	return out, conf
}

func countDigits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// phoneShapeRe accepts the usual written shapes: (555) 123-4567,
// 555-123-4567, 555.123.4567, 98765 43210.
var phoneShapeRe = regexp.MustCompile(`^\(?\d{3}\)?[\s.\-]\d{3}[\s.\-]\d{4}$|^\d{5}\s\d{5}$|^\d{10}$`)

var yearRangeRe = regexp.MustCompile(`^(19|20)\d\d\s*[-–/]\s*((19|20)\d\d|\d\d)$|^\d{1,2}[./]\d{1,2}[./]\d{2,4}$|^\d{1,2}/(19|20)\d\d\s*-\s*\d{1,2}/(19|20)\d\d$`)

func looksLikeDateRange(s string) bool { return yearRangeRe.MatchString(strings.TrimSpace(s)) }

// findLinks returns a portfolio URL and social profiles.
func findLinks(text string, emails []string) (string, []SocialProfile) {
	var portfolio string
	var profiles []SocialProfile
	seen := map[string]bool{}
	for _, loc := range matchLines(urlRe, text, mayHaveURL, 40) {
		m := text[loc[0]:loc[1]]
		u := strings.TrimRight(m, ".;:|/")
		low := strings.ToLower(u)
		if seen[low] || strings.Contains(low, "@") {
			continue
		}
		seen[low] = true
		full := u
		if !strings.HasPrefix(low, "http") {
			full = "https://" + u
		}
		switch {
		case strings.Contains(low, "linkedin.com/"):
			profiles = append(profiles, SocialProfile{Network: "LinkedIn", Username: lastPathPart(u, "in"), URL: full})
		case strings.Contains(low, "github.com/"):
			profiles = append(profiles, SocialProfile{Network: "GitHub", Username: lastPathPart(u, ""), URL: full})
		case strings.Contains(low, "gitlab.com/"):
			profiles = append(profiles, SocialProfile{Network: "GitLab", Username: lastPathPart(u, ""), URL: full})
		case strings.Contains(low, "twitter.com/") || strings.Contains(low, "x.com/"):
			profiles = append(profiles, SocialProfile{Network: "Twitter", Username: lastPathPart(u, ""), URL: full})
		case strings.Contains(low, "indeed.com/"):
			// Job-board links are not the candidate's site.
		default:
			if portfolio == "" && !emailDomain(low, emails) {
				portfolio = full
			}
		}
	}
	return portfolio, profiles
}

// mayHaveURL is true for lines urlRe could match: every URL it accepts
// contains "/" or "www.".
func mayHaveURL(l string) bool {
	if strings.IndexByte(l, '/') >= 0 {
		return true
	}
	for i := strings.IndexByte(l, '.'); i >= 0; {
		if i >= 3 && strings.EqualFold(l[i-3:i], "www") {
			return true
		}
		j := strings.IndexByte(l[i+1:], '.')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return false
}

// matchLines is re.FindAllStringIndex(text, n) run only on the lines that
// keep accepts (matches never span lines); indexes are into text.
func matchLines(re *regexp.Regexp, text string, keep func(string) bool, n int) [][]int {
	var out [][]int
	for off := 0; off < len(text) && len(out) < n; {
		end := strings.IndexByte(text[off:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += off
		}
		if line := text[off:end]; keep(line) {
			for _, m := range re.FindAllStringIndex(line, n-len(out)) {
				out = append(out, []int{off + m[0], off + m[1]})
			}
		}
		off = end + 1
	}
	return out
}

func emailDomain(url string, emails []string) bool {
	for _, e := range emails {
		if _, d, ok := strings.Cut(e, "@"); ok && strings.Contains(url, d) && !strings.Contains(d, "gmail") {
			return true
		}
	}
	return false
}

// lastPathPart extracts the user name from profile URLs.
func lastPathPart(u, after string) string {
	parts := strings.Split(strings.Trim(u, "/"), "/")
	for i, p := range parts {
		if after != "" && p == after && i+1 < len(parts) {
			return parts[i+1]
		}
	}
	if len(parts) >= 2 && after == "" {
		for i, p := range parts {
			if strings.Contains(p, ".com") && i+1 < len(parts) {
				return parts[i+1]
			}
		}
	}
	return ""
}

// nameStopWords appear in header lines that are not names.
var nameStopWords = set("resume", "curriculum", "vitae", "cv", "profile", "summary", "objective", "engineer", "developer",
	"manager", "analyst", "consultant", "designer", "accountant", "assistant", "director", "specialist", "officer",
	"intern", "executive", "associate", "teacher", "address", "phone", "email", "mobile", "contact", "experience",
	"education", "skills", "street", "road", "university", "college", "institute", "school", "limited", "ltd",
	"inc", "technologies", "solutions", "services", "senior", "junior", "lead", "administrator", "representative",
	"coordinator", "supervisor", "technician", "professional", "career", "page", "personal", "information", "details",
	"scientist", "architect", "programmer", "sales", "marketing", "finance", "advocate", "chef", "nurse", "agent",
	"india", "singapore", "united", "states", "road", "nagar", "state", "avenue", "data", "software", "web", "full",
	"stack", "clerk", "operator", "writer", "editor", "trainer", "instructor", "owner", "founder", "president",
	"compliance", "audit", "auditor", "risk", "product", "project", "business", "technical", "support", "customer",
	"name", "dob", "date", "birth", "gender", "nationality", "linkedin", "github", "portfolio", "website", "hr",
	"driver", "mechanic", "electrician", "pharmacist", "therapist", "counselor", "attorney", "paralegal", "banker",
	"present", "current", "license", "licence", "recruitment", "volunteer", "contestant", "bangalore", "bengaluru", "mumbai", "pune", "hyderabad", "chennai", "delhi", "city")

// findName looks for a "Name:" label, then for the first short line near the
// top made of two to four capitalised words.
func findName(lines []string, email string) (string, int, float64) {
	for i, l := range lines {
		if i > 40 {
			break
		}
		low := strings.ToLower(l)
		if strings.HasPrefix(low, "name:") || strings.HasPrefix(low, "name :") || strings.HasPrefix(low, "full name") {
			_, v, _ := strings.Cut(l, ":")
			if n := cleanName(v); n != "" {
				return n, i, 0.95
			}
		}
	}
	for i, l := range lines {
		if i > 12 {
			break
		}
		for _, part := range strings.Split(l, "\t") {
			part = strings.TrimSpace(part)
			// Text before separators like "|" or "," is often the name.
			for _, sep := range []string{" | ", " • ", " · ", ", ", " – ", " - "} {
				if k := strings.Index(part, sep); k > 0 {
					part = part[:k]
				}
			}
			n := cleanName(part)
			if n == "" && i == 0 {
				// Some people type their name in lower case.
				if n = cleanName(titleCase(part)); n != "" {
					n = part
				}
			}
			if n != "" {
				conf := 0.85
				if i > 3 {
					conf = 0.6
				}
				if email != "" && nameMatchesEmail(n, email) {
					conf = 0.97
				}
				return n, i, conf
			}
		}
	}
	return "", -1, 0
}

// cleanName returns s as a name if it reads like one.
func cleanName(s string) string {
	s = strings.TrimSpace(strings.Trim(s, " ,:;-–|•*"))
	s = strings.TrimLeft(s, ".")
	if strings.HasSuffix(s, ".") {
		if f := strings.Fields(s); len([]rune(f[len(f)-1])) > 2 {
			s = strings.TrimRight(s, ".")
		}
	}
	if s == "" || len(s) > 48 || strings.ContainsAny(s, "@/\\0123456789()[]{}+#%&=_:;!?\"") {
		return ""
	}
	words := strings.Fields(s)
	if len(words) < 2 || len(words) > 4 {
		// "ALEX" alone is not enough, but spaced capitals ("J O H N") are
		// not names either.
		return ""
	}
	for _, w := range words {
		lw := strings.ToLower(strings.Trim(w, ".,'’-"))
		if nameStopWords[lw] {
			return ""
		}
		r := []rune(w)
		if !unicode.IsUpper(r[0]) {
			return ""
		}
		for _, c := range r {
			if !unicode.IsLetter(c) && c != '.' && c != '\'' && c != '-' && c != '’' {
				return ""
			}
		}
		if len(r) == 1 {
			continue
		}
	}
	// All one-letter words ("J O H N") are letter spacing, not a name.
	long := 0
	for _, w := range words {
		if len([]rune(strings.Trim(w, "."))) > 1 {
			long++
		}
	}
	if long < 1 || (long == 1 && len(words) > 2) {
		return ""
	}
	return s
}

func nameMatchesEmail(name, email string) bool {
	local, _, _ := strings.Cut(email, "@")
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if len(w) >= 3 && strings.Contains(local, w) {
			return true
		}
	}
	return false
}

// findLabel takes the line after the name when it reads like a job title.
func findLabel(lines []string, nameLine int) (string, float64) {
	if nameLine < 0 || nameLine+1 >= len(lines) {
		return "", 0
	}
	l := strings.TrimSpace(strings.Split(lines[nameLine+1], "\t")[0])
	if len(l) > 60 || len(l) < 3 || strings.ContainsAny(l, "@0123456789") {
		return "", 0
	}
	if _, heading := headingKey(l); heading {
		return "", 0
	}
	if containsTitleWord(l) {
		return l, 0.7
	}
	return "", 0
}

var titleWords = []string{"engineer", "developer", "manager", "analyst", "consultant", "designer", "accountant",
	"assistant", "director", "specialist", "officer", "intern", "executive", "associate", "teacher", "scientist",
	"architect", "administrator", "lead", "head", "coordinator", "representative", "supervisor", "technician",
	"programmer", "advocate", "chef", "nurse", "agent", "clerk", "writer", "editor", "trainer", "founder",
	"president", "vp", "researcher", "student", "professor", "lecturer", "auditor", "controller", "cook", "driver",
	"worker", "operator", "advisor", "adviser", "strategist", "owner", "partner", "attendant", "cashier", "server",
	"banker", "recruiter", "marketer", "planner", "buyer", "trader", "tester", "expert", "member", "fellow", "apprentice"}

func containsTitleWord(s string) bool {
	low := strings.ToLower(s)
	for _, w := range strings.FieldsFunc(low, func(r rune) bool { return !unicode.IsLetter(r) }) {
		for _, t := range titleWords {
			if w == t || w == t+"s" {
				return true
			}
		}
	}
	return false
}

func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}
