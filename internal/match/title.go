package match

import (
	"strings"
	"unicode"
)

// Seniority is a level read from a job or person's title.
type Seniority int

const (
	SeniorityUnknown Seniority = iota
	SeniorityIntern
	SeniorityJunior
	SeniorityMid
	SenioritySenior
	SeniorityLead // staff, lead, principal
	SeniorityHead // head, director, manager of managers
	SeniorityExec // VP, chief
)

var seniorityNames = map[Seniority]string{
	SeniorityIntern: "intern", SeniorityJunior: "junior", SeniorityMid: "mid-level", SenioritySenior: "senior",
	SeniorityLead: "lead", SeniorityHead: "head", SeniorityExec: "executive",
}

func (s Seniority) String() string { return seniorityNames[s] }

// MinYears is the experience a level usually asks for.
func (s Seniority) MinYears() float64 {
	switch s {
	case SeniorityJunior:
		return 0
	case SeniorityMid:
		return 2
	case SenioritySenior:
		return 5
	case SeniorityLead:
		return 7
	case SeniorityHead:
		return 8
	case SeniorityExec:
		return 10
	}
	return 0
}

// seniorityWords are title words that state a level; they are dropped from
// the title before it is compared.
var seniorityWords = map[string]Seniority{
	"intern": SeniorityIntern, "internship": SeniorityIntern, "trainee": SeniorityIntern, "apprentice": SeniorityIntern,
	"practicante": SeniorityIntern, "graduate": SeniorityJunior, "junior": SeniorityJunior, "jr": SeniorityJunior,
	"entry": SeniorityJunior, "associate": SeniorityJunior, "i": SeniorityJunior,
	"ii": SeniorityMid, "mid": SeniorityMid, "intermediate": SeniorityMid,
	"senior": SenioritySenior, "sr": SenioritySenior, "iii": SenioritySenior, "experienced": SenioritySenior,
	"staff": SeniorityLead, "lead": SeniorityLead, "principal": SeniorityLead, "architect": SeniorityLead,
	"iv": SeniorityLead, "expert": SeniorityLead,
	"head": SeniorityHead, "director": SeniorityHead,
	"vp": SeniorityExec, "vice": SeniorityExec, "president": SeniorityExec, "chief": SeniorityExec,
	"cto": SeniorityExec, "ceo": SeniorityExec, "cfo": SeniorityExec, "coo": SeniorityExec,
}

// titlePhrases is the title vocabulary: multi-word forms and abbreviations
// mapped to one normalized token sequence ("back-end developer" and
// "backend engineer" read the same). Longest phrases are tried first.
var titlePhrases = map[string]string{
	"back end": "backend", "back-end": "backend", "server side": "backend", "server-side": "backend",
	"front end": "frontend", "front-end": "frontend", "ui developer": "frontend engineer",
	"full stack": "fullstack", "full-stack": "fullstack",
	"site reliability": "devops", "sre": "devops engineer", "dev ops": "devops", "platform engineer": "devops engineer",
	"infrastructure engineer": "devops engineer", "cloud engineer": "devops engineer",
	"machine learning": "ml", "artificial intelligence": "ai", "ml engineer": "ml engineer",
	"data scientist": "datascience", "data science": "datascience",
	"quality assurance": "qa", "test engineer": "qa engineer", "tester": "qa engineer", "testing": "qa", "test": "qa",
	"automation engineer": "qa automation engineer", "sdet": "qa automation engineer",
	"software development engineer": "software engineer", "sde": "software engineer", "swe": "software engineer",
	"human resources": "hr", "people operations": "hr", "people partner": "hr partner", "talent acquisition": "recruiting",
	"recruiter": "recruiting", "recruitment": "recruiting",
	"project manager": "projectmanager", "program manager": "projectmanager", "project management": "projectmanager",
	"pmo": "projectmanager", "scrum master": "projectmanager",
	"product manager": "productmanager", "product owner": "productmanager",
	"business analyst": "businessanalyst", "business analysis": "businessanalyst",
	"data analyst": "dataanalyst", "data analytics": "dataanalyst", "analytics": "dataanalyst",
	"data engineer": "dataengineer", "big data": "dataengineer", "hadoop": "dataengineer", "etl": "dataengineer",
	"database administrator": "dba", "database": "dba", "sql developer": "dba developer",
	"network engineer": "networkengineer", "network security": "networkengineer security",
	"security engineer": "security engineer", "cyber security": "security", "cybersecurity": "security",
	"information security": "security",
	"web designer":         "webdesigner", "web design": "webdesigner", "ux designer": "designer", "ui designer": "designer",
	"graphic designer": "designer", "visual designer": "designer",
	"web developer": "frontend engineer", "html developer": "frontend engineer",
	"account executive": "sales", "sales representative": "sales", "business development": "sales",
	"account manager": "sales", "salesperson": "sales",
	"mechanical engineer": "mechanical engineer", "civil engineer": "civil engineer",
	"electrical engineer": "electrical engineer",
	".net":                "dotnet", "dot net": "dotnet", "asp.net": "dotnet", "c#": "dotnet",
	"java developer": "java engineer", "python developer": "python engineer",
	"blockchain": "blockchain", "sap": "sap",
	"operations manager": "operations manager", "lawyer": "legal", "advocate": "legal", "attorney": "legal",
	"counsel": "legal", "paralegal": "legal",
	"accountant": "accounting", "accounts": "accounting", "bookkeeper": "accounting",
	"financial analyst": "finance analyst", "teacher": "teaching", "tutor": "teaching",
}

// titleWords maps single words to their normalized form.
var titleWords = map[string]string{
	"developer": "engineer", "programmer": "engineer", "engineering": "engineer", "eng": "engineer",
	"dev": "engineer", "coder": "engineer", "mgr": "manager", "management": "manager",
	"backend": "backend", "frontend": "frontend", "fullstack": "fullstack", "devops": "devops",
	"analysis": "analyst", "analytics": "analyst", "designing": "designer", "design": "designer",
	"golang": "go", "js": "javascript", "reactjs": "react", "nodejs": "node",
}

// genericTitleWords say little about the role on their own.
var genericTitleWords = map[string]bool{"engineer": true, "manager": true, "specialist": true, "consultant": true,
	"analyst": true, "officer": true, "executive": true, "professional": true, "assistant": true, "team": true}

var titleStop = map[string]bool{"of": true, "and": true, "the": true, "for": true, "at": true, "in": true, "a": true,
	"an": true, "to": true, "with": true, "&": true, "/": true, "-": true, "m/f/d": true, "f/m/d": true, "remote": true,
	"contract": true, "temporary": true, "part-time": true, "full-time": true}

// Title is a normalized title: its role words and its level.
type Title struct {
	Words     []string
	Seniority Seniority
	// Tail marks words after the title's first comma, dash or bracket
	// ("Field Sales Representative, Google Cloud"): a team or product more
	// than the role, they weigh a third.
	Tail map[string]bool
}

func (t Title) weight(w string) float64 {
	wt := 1.0
	if genericTitleWords[w] {
		wt = 0.34
	}
	if t.Tail[w] {
		wt *= 0.3
	}
	return wt
}

// ParseTitle normalizes a job or person's title.
func ParseTitle(s string) Title {
	if len(s) > 200 {
		s = s[:200]
	}
	return parseTitle(s)
}

// RoleWords returns the normalized role words found anywhere in a text (a
// resume's), so a title can be compared with what the person wrote about
// their work when no title was parsed. At most the first 50,000 bytes count.
func RoleWords(text string) map[string]int {
	if len(text) > 50000 {
		text = text[:50000]
	}
	out := map[string]int{}
	for _, w := range parseTitleWords(text, nil) {
		out[w]++
	}
	return out
}

func parseTitle(s string) Title {
	var t Title
	head, tail := s, ""
	if i := strings.IndexAny(s, ",(|–—"); i > 0 {
		head, tail = s[:i], s[i:]
	} else if i := strings.Index(s, " - "); i > 0 {
		head, tail = s[:i], s[i:]
	}
	seen := map[string]bool{}
	for _, w := range parseTitleWords(head, &t.Seniority) {
		if !seen[w] {
			seen[w] = true
			t.Words = append(t.Words, w)
		}
	}
	var lv Seniority
	for _, w := range parseTitleWords(tail, &lv) {
		if !seen[w] {
			seen[w] = true
			t.Words = append(t.Words, w)
			if t.Tail == nil {
				t.Tail = map[string]bool{}
			}
			t.Tail[w] = true
		}
	}
	if t.Seniority == SeniorityUnknown {
		t.Seniority = lv
	}
	if t.Seniority == SeniorityUnknown && len(t.Words) > 0 {
		t.Seniority = SeniorityMid
	}
	return t
}

// parseTitleWords returns the normalized role words of s, in order, and
// raises *level to the highest level it names (level may be nil).
func parseTitleWords(s string, level *Seniority) []string {
	if level == nil {
		level = new(Seniority)
	}
	s = strings.ToLower(s)
	// Split on anything but letters, digits and the characters of ".net", "c#", "c++".
	var toks []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '#' || r == '+' || r == '-')
	}) {
		f = strings.Trim(f, ".-")
		if f != "" || strings.HasPrefix(f, ".") {
			toks = append(toks, f)
		}
	}
	var words []string
	for i := 0; i < len(toks); {
		matched := false
		for n := min(3, len(toks)-i); n >= 1; n-- {
			if rep, ok := titlePhrases[strings.Join(toks[i:i+n], " ")]; ok {
				words = append(words, strings.Fields(rep)...)
				i += n
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		w := toks[i]
		i++
		if lv, ok := seniorityWords[w]; ok {
			*level = max(*level, lv)
			continue
		}
		if w == "manager" {
			// a manager title with no other level reads as senior
			*level = max(*level, SenioritySenior)
		}
		if titleStop[w] || len(w) > 40 {
			continue
		}
		if rep, ok := titleWords[w]; ok {
			w = rep
		}
		words = append(words, w)
	}
	return words
}

// roleFamilies group role words that belong to one field: a word of the
// same family counts half (an HR generalist for a recruiter's job).
var roleFamilies = [][]string{
	{"hr", "recruiting", "staffing", "payroll", "personnel", "talent", "hiring", "sourcing"},
	{"legal", "law", "litigation", "counsel", "paralegal", "solicitor", "court", "privacy", "compliance", "contracts"},
	{"sales", "selling", "business", "account", "customers", "customer", "clients", "revenue", "marketing"},
	{"datascience", "dataanalyst", "dataengineer", "ml", "ai", "statistics", "quantitative", "analyst", "dba"},
	{"qa", "automation", "selenium", "quality"},
	{"devops", "systems", "infrastructure", "linux", "cloud", "reliability", "networkengineer", "security"},
	{"projectmanager", "productmanager", "program", "operations", "pmo", "delivery", "businessanalyst"},
	{"finance", "accounting", "banking", "financial", "audit", "tax", "treasury"},
	{"frontend", "backend", "fullstack", "software", "web", "webdesigner", "java", "python", "dotnet", "javascript"},
	{"mechanical", "civil", "electrical", "construction", "manufacturing", "hardware"},
}

var roleFamily = func() map[string]int {
	m := map[string]int{}
	for i, f := range roleFamilies {
		for _, w := range f {
			if _, ok := m[w]; !ok {
				m[w] = i + 1
			}
		}
	}
	return m
}()

// titleCoverage is the share of a title's role words (weighted as in
// TitleSimilarity) found among words, a word counting fully when named
// three times.
func titleCoverage(t Title, words map[string]int) float64 {
	var all, got float64
	for _, w := range t.Words {
		wt := t.weight(w)
		all += wt
		n := float64(words[w])
		if fam := roleFamily[w]; fam > 0 && n < 3 {
			var related float64
			for _, o := range roleFamilies[fam-1] {
				if o != w {
					related += float64(words[o])
				}
			}
			n = max(n, related/2)
		}
		got += wt * min(1, n/3)
	}
	if all == 0 {
		return 0
	}
	return got / all
}

// TitleSimilarity compares a wanted title a (a job's) with a held title b
// in [0,1]: mostly how much of a's role words b covers, partly a Dice
// coefficient (so extra words in b cost a little). Generic words
// ("engineer", "manager") and words after a comma count less.
func TitleSimilarity(a, b Title) float64 {
	if len(a.Words) == 0 || len(b.Words) == 0 {
		return 0
	}
	in := map[string]bool{}
	var wa, wb, common, commonB float64
	for _, w := range a.Words {
		in[w] = true
		wa += a.weight(w)
	}
	inA := in
	for _, w := range b.Words {
		wb += b.weight(w)
		if inA[w] {
			commonB += b.weight(w)
		}
	}
	for _, w := range a.Words {
		for _, x := range b.Words {
			if x == w {
				common += a.weight(w)
				break
			}
		}
	}
	cover := common / wa
	dice := (common + commonB) / (wa + wb)
	return 0.7*cover + 0.3*dice
}
