// Package match scores a candidate against a job, and explains the score.
// It is pure Go: the store gathers each side's facts (skills from parsed
// resumes, titles, location, experience, past applications) and ranks in
// memory. No protected attribute is read: the inputs carry no name, age,
// gender, photo, nationality or date of birth, and experience above what a
// level asks for never lowers a score.
package match

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/candor-ats/candor/internal/resume"
)

// Requirement is one skill a job asks for.
type Requirement struct {
	Skill    string `json:"skill"`
	MustHave bool   `json:"must_have"`
}

// Job is what matching reads of an opening.
type Job struct {
	ID           string
	Title        string
	Description  string // the posting's text; compared with the resume as a whole
	Requirements []Requirement
	// Keywords are optional words or phrases screening looks for in the
	// resume text (case-insensitive, whole words).
	Keywords []string
	// MinYears is the experience the job asks for; 0 reads it from the title's level.
	MinYears float64
	// Remote jobs accept anyone in AllowedCountries (anyone at all when empty);
	// other jobs are in Countries (their offices' ISO codes) and Cities.
	Remote           bool
	AllowedCountries []string
	Countries        []string
	Cities           []string
}

// PastStage is the furthest a candidate got on one earlier application.
type PastStage struct {
	JobTitle string
	Stage    string // the stage's name
	Kind     string // hiring.StageKind: screen, interview, offer, hired …
	At       time.Time
}

// Candidate is what matching reads of a person.
type Candidate struct {
	ID         string
	Title      string   // current title or headline
	PastTitles []string // earlier positions, most recent first
	Skills     []string // canonical skill names
	Text       string   // resume text, for keywords (may be empty)
	// SkillMentions counts the skills the resume text names (SkillMentions(text)).
	SkillMentions map[string]int
	// RoleWords counts the normalized role words of the resume text
	// (RoleWords(text)), compared with the job's title when the parsed
	// titles say little.
	RoleWords  map[string]int
	Location   string  // as written ("Berlin, Germany")
	Country    string  // ISO code when known
	Years      float64 // total experience; 0 when unknown
	LastActive time.Time
	Stages     []PastStage
}

// Weights of each signal (points out of 100 when every signal applies; a
// signal without facts on the job's side drops out and the rest scale up).
const (
	WeightMust     = 30.0
	WeightNice     = 8.0
	WeightKeywords = 8.0
	WeightTitle    = 25.0
	WeightProfile  = 30.0
	WeightLocation = 8.0
	WeightYears    = 6.0
	WeightRecency  = 3.0
	WeightStages   = 3.0
)

// Result is a score and its reasons.
type Result struct {
	CandidateID string  `json:"candidate_id,omitempty"`
	JobID       string  `json:"job_id,omitempty"`
	Score       int     `json:"score"` // 0–100
	Raw         float64 `json:"-"`

	MustMatched     []string `json:"must_have_matched"`
	MustMissing     []string `json:"must_have_missing"`
	NiceMatched     []string `json:"nice_to_have_matched"`
	NiceMissing     []string `json:"nice_to_have_missing"`
	KeywordsMatched []string `json:"keywords_matched"`
	KeywordsMissing []string `json:"keywords_missing"`

	TitleSimilarity   float64 `json:"title_similarity"`
	ProfileSimilarity float64 `json:"profile_similarity"`
	// Location: "eligible", "not_eligible" or "unknown".
	Location string  `json:"location"`
	Years    float64 `json:"years_of_experience"`
	// YearsShort is true when the candidate has fewer years than the job asks.
	YearsShort  bool   `json:"years_short"`
	SilverMedal string `json:"silver_medal,omitempty"` // e.g. "reached Offer for Backend Engineer in 2025"

	Reasons     []string `json:"reasons"`
	Explanation string   `json:"explanation"`
}

// mustCap scales the score of a candidate who has none of the must-haves.
const mustCap = 0.8

var vocab = sync.OnceValue(resume.DefaultVocabulary)

// SkillMentions counts the skills a free text names (a resume's text), by
// SkillKey. A skill only mentioned in passing earns part of the credit a
// listed skill earns, more the more often it is named.
func SkillMentions(text string) map[string]int {
	if len(text) > 400000 {
		text = text[:400000]
	}
	out := map[string]int{}
	for c, n := range vocab().Count(text) {
		out[strings.ToLower(c)] += n
	}
	return out
}

// mentionCredit is the credit for a skill the text names n times: ½, ¾, 1.
func mentionCredit(n int) float64 {
	if n <= 0 {
		return 0
	}
	return math.Min(1, 0.25+0.25*float64(n))
}

// SkillKey is the key skills compare on: the vocabulary's canonical name,
// lower-cased (so "golang" and "Go" meet).
func SkillKey(s string) string {
	s = strings.TrimSpace(s)
	if c, ok := vocab().Canonical(s); ok {
		s = c
	}
	return strings.ToLower(s)
}

// Prepared is a job made ready to score many candidates.
type Prepared struct {
	Job      Job
	title    Title
	minYears float64
	must     []prep
	nice     []prep
	keywords []prep
	allowed  map[string]bool
	cities   map[string]bool
	vec      vector
	vecNorm  float64
	rawVec   vector
	idf      *IDF
}

// SetIDF weighs the profile comparison by term rarity among the candidates
// (NewIDF); Rank sets it from the candidates it ranks.
func (p *Prepared) SetIDF(f *IDF) {
	p.idf = f
	if p.rawVec != nil {
		p.vec = p.rawVec.weighted(f)
		p.vecNorm = p.vec.norm()
	}
}

type prep struct{ name, key string }

// Prepare normalizes a job once.
func Prepare(j Job) *Prepared {
	p := &Prepared{Job: j, title: ParseTitle(j.Title), allowed: map[string]bool{}, cities: map[string]bool{}}
	seen := map[string]bool{}
	for _, r := range j.Requirements {
		k := SkillKey(r.Skill)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		if r.MustHave {
			p.must = append(p.must, prep{strings.TrimSpace(r.Skill), k})
		} else {
			p.nice = append(p.nice, prep{strings.TrimSpace(r.Skill), k})
		}
	}
	for _, kw := range j.Keywords {
		kw = strings.Join(strings.Fields(kw), " ")
		if kw != "" && !seen["kw:"+strings.ToLower(kw)] {
			seen["kw:"+strings.ToLower(kw)] = true
			p.keywords = append(p.keywords, prep{kw, strings.ToLower(kw)})
		}
	}
	desc := j.Description
	if len(desc) > 100000 {
		desc = desc[:100000]
	}
	if strings.TrimSpace(desc) != "" || len(j.Requirements) > 0 {
		roles := RoleWords(desc)
		for _, w := range p.title.Words {
			roles[w] += 3
		}
		var listed []string
		for _, x := range append(append([]prep{}, p.must...), p.nice...) {
			listed = append(listed, x.key)
		}
		p.rawVec = profileVector(SkillMentions(desc), listed, roles)
		p.vec = p.rawVec
		p.vecNorm = p.vec.norm()
	}
	p.minYears = j.MinYears
	if p.minYears == 0 {
		p.minYears = p.title.Seniority.MinYears()
	}
	countries := j.Countries
	if j.Remote {
		countries = j.AllowedCountries
	}
	for _, c := range countries {
		if c = strings.ToUpper(strings.TrimSpace(c)); c != "" {
			p.allowed[c] = true
		}
	}
	for _, c := range j.Cities {
		if c = strings.ToLower(strings.TrimSpace(c)); c != "" {
			p.cities[c] = true
		}
	}
	return p
}

// MustKeys returns the job's must-have skill keys (for a prefilter).
func (p *Prepared) MustKeys() []string { return keys(p.must) }

// TitleWords returns the job title's role words that say something on their
// own (not "engineer", not the words after a comma), for a prefilter.
func (p *Prepared) TitleWords() []string {
	var out []string
	for _, w := range p.title.Words {
		if !genericTitleWords[w] && !p.title.Tail[w] {
			out = append(out, w)
		}
	}
	return out
}

// NiceKeys returns the job's nice-to-have skill keys.
func (p *Prepared) NiceKeys() []string { return keys(p.nice) }

func keys(ps []prep) []string {
	out := make([]string, len(ps))
	for i, x := range ps {
		out[i] = x.key
	}
	return out
}

// Score scores one candidate for one job (without term rarity: Rank and
// SetIDF add it).
func Score(j Job, c Candidate, now time.Time) Result { return Prepare(j).Score(c, now) }

// Score scores one candidate.
func (p *Prepared) Score(c Candidate, now time.Time) Result {
	r := Result{CandidateID: c.ID, JobID: p.Job.ID, Years: c.Years}
	has := make(map[string]bool, len(c.Skills))
	for _, s := range c.Skills {
		has[SkillKey(s)] = true
	}
	var total, got float64
	add := func(weight, frac float64) { total += weight; got += weight * frac }

	// Skills: a listed skill earns full credit, one the text names earns
	// more the more often it is named.
	credit := func(key string) float64 {
		if has[key] {
			return 1
		}
		return mentionCredit(c.SkillMentions[key])
	}
	var mustCredit, niceCredit float64
	for _, x := range p.must {
		cr := credit(x.key)
		mustCredit += cr
		if cr >= 0.5 {
			r.MustMatched = append(r.MustMatched, x.name)
		} else {
			r.MustMissing = append(r.MustMissing, x.name)
		}
	}
	for _, x := range p.nice {
		cr := credit(x.key)
		niceCredit += cr
		if cr >= 0.5 {
			r.NiceMatched = append(r.NiceMatched, x.name)
		} else {
			r.NiceMissing = append(r.NiceMissing, x.name)
		}
	}
	if n := len(p.must); n > 0 {
		add(WeightMust, mustCredit/float64(n))
		r.Reasons = append(r.Reasons, countPhrase(len(r.MustMatched), n, "must-have", r.MustMatched, r.MustMissing))
	}
	if n := len(p.nice); n > 0 {
		add(WeightNice, niceCredit/float64(n))
		r.Reasons = append(r.Reasons, countPhrase(len(r.NiceMatched), n, "nice-to-have", r.NiceMatched, r.NiceMissing))
	}

	// Keywords.
	if n := len(p.keywords); n > 0 {
		text := " " + foldText(c.Text+" "+c.Title+" "+strings.Join(c.PastTitles, " ")+" "+strings.Join(c.Skills, " ")) + " "
		for _, k := range p.keywords {
			if strings.Contains(text, " "+foldText(k.key)+" ") {
				r.KeywordsMatched = append(r.KeywordsMatched, k.name)
			} else {
				r.KeywordsMissing = append(r.KeywordsMissing, k.name)
			}
		}
		add(WeightKeywords, float64(len(r.KeywordsMatched))/float64(n))
		r.Reasons = append(r.Reasons, countPhrase(len(r.KeywordsMatched), n, "keyword", r.KeywordsMatched, r.KeywordsMissing))
	}

	// Title.
	if len(p.title.Words) > 0 {
		best, bestTitle := TitleSimilarity(p.title, ParseTitle(c.Title)), c.Title
		for i, t := range c.PastTitles {
			if i >= 10 {
				break
			}
			if s := 0.8 * TitleSimilarity(p.title, ParseTitle(t)); s > best {
				best, bestTitle = s, t
			}
		}
		if len(c.RoleWords) > 0 {
			if s := 0.75 * titleCoverage(p.title, c.RoleWords); s > best {
				best, bestTitle = s, ""
			}
		}
		r.TitleSimilarity = math.Round(best*100) / 100
		add(WeightTitle, best)
		switch {
		case bestTitle == "" && best >= 0.3:
			r.Reasons = append(r.Reasons, "the resume describes "+p.Job.Title+" work")
		case best >= 0.75:
			r.Reasons = append(r.Reasons, fmt.Sprintf("title matches (%s)", clip(bestTitle)))
		case best >= 0.3:
			r.Reasons = append(r.Reasons, fmt.Sprintf("related title (%s)", clip(bestTitle)))
		case strings.TrimSpace(c.Title) != "":
			r.Reasons = append(r.Reasons, fmt.Sprintf("different title (%s)", clip(c.Title)))
		}
	}

	// How close the resume reads to the job as a whole.
	if p.vecNorm > 0 {
		cv := profileVector(c.SkillMentions, c.Skills, c.RoleWords).weighted(p.idf)
		sim, shared := cosine(p.vec, cv, p.vecNorm)
		r.ProfileSimilarity = math.Round(sim*100) / 100
		add(WeightProfile, math.Min(1, sim*1.5))
		if sim >= 0.25 && len(shared) > 0 {
			r.Reasons = append(r.Reasons, "profile close to the job (shares "+strings.Join(shared, ", ")+")")
		}
	}

	// Location.
	country := strings.ToUpper(strings.TrimSpace(c.Country))
	if country == "" {
		country = CountryOf(c.Location)
	}
	where := strings.TrimSpace(c.Location)
	if where == "" {
		where = country
	}
	switch {
	case p.Job.Remote && len(p.allowed) == 0:
		r.Location = "eligible"
		if where != "" {
			r.Reasons = append(r.Reasons, "in "+clip(where)+" (remote, anywhere)")
		}
		add(WeightLocation, 1)
	case len(p.allowed) == 0 && len(p.cities) == 0:
		r.Location = "unknown" // the job names no place
	case country == "" && !p.inCity(c.Location):
		r.Location = "unknown"
		r.Reasons = append(r.Reasons, "location unknown")
		add(WeightLocation, 0.5)
	case p.allowed[country] || p.inCity(c.Location):
		r.Location = "eligible"
		frac := 1.0
		if !p.Job.Remote && len(p.cities) > 0 && !p.inCity(c.Location) {
			frac = 0.8 // right country, another city
		}
		r.Reasons = append(r.Reasons, "in "+clip(where))
		add(WeightLocation, frac)
	default:
		r.Location = "not_eligible"
		if p.Job.Remote {
			r.Reasons = append(r.Reasons, "in "+clip(where)+": outside the countries this remote job allows")
		} else {
			r.Reasons = append(r.Reasons, "in "+clip(where)+": would need to relocate")
		}
		add(WeightLocation, 0)
	}

	// Experience against the level (more than asked never lowers a score).
	if p.minYears > 0 {
		switch {
		case c.Years <= 0:
			add(WeightYears, 0.5)
		case c.Years >= p.minYears:
			add(WeightYears, 1)
			r.Reasons = append(r.Reasons, fmt.Sprintf("%s of experience (asks %s+)", yearsText(c.Years), trimFloat(p.minYears)))
		default:
			r.YearsShort = true
			add(WeightYears, c.Years/p.minYears)
			r.Reasons = append(r.Reasons, fmt.Sprintf("%s of experience (asks %s+)", yearsText(c.Years), trimFloat(p.minYears)))
		}
	}

	// Recency of activity.
	if !c.LastActive.IsZero() {
		age := now.Sub(c.LastActive)
		frac := 1.0
		if age > 90*24*time.Hour {
			frac = math.Max(0, 1-float64(age-90*24*time.Hour)/float64(3*365*24*time.Hour))
		}
		add(WeightRecency, frac)
		if age > 365*24*time.Hour {
			r.Reasons = append(r.Reasons, fmt.Sprintf("last active in %d", c.LastActive.Year()))
		}
	}

	// Stages reached before: silver medallists.
	if len(c.Stages) > 0 {
		best, bestRank := PastStage{}, 0
		for _, s := range c.Stages {
			if rk := stageRank(s.Kind); rk > bestRank || (rk == bestRank && s.At.After(best.At)) {
				best, bestRank = s, rk
			}
		}
		frac := float64(bestRank) / 4
		add(WeightStages, frac)
		if bestRank >= 2 {
			r.SilverMedal = fmt.Sprintf("reached %s for %s in %d", clip(best.Stage), clip(best.JobTitle), best.At.Year())
			r.Reasons = append(r.Reasons, r.SilverMedal)
		}
	}

	if total > 0 {
		r.Raw = got / total
	}
	// A job whose must-haves are all missing caps the score: skills are what
	// the job asked for first.
	if len(p.must) > 0 && len(r.MustMatched) == 0 {
		r.Raw *= mustCap
	}
	r.Score = int(math.Round(r.Raw * 100))
	r.Explanation = strings.Join(r.Reasons, "; ")
	ensure(&r)
	return r
}

func (p *Prepared) inCity(loc string) bool {
	if len(p.cities) == 0 || loc == "" {
		return false
	}
	for _, part := range strings.FieldsFunc(strings.ToLower(loc), func(r rune) bool { return r == ',' || r == '/' || r == ';' || r == '(' || r == ')' }) {
		if p.cities[strings.TrimSpace(part)] {
			return true
		}
	}
	return false
}

func ensure(r *Result) {
	for _, s := range []*[]string{&r.MustMatched, &r.MustMissing, &r.NiceMatched, &r.NiceMissing, &r.KeywordsMatched, &r.KeywordsMissing, &r.Reasons} {
		if *s == nil {
			*s = []string{}
		}
	}
}

// stageRank orders how far an application got: screen 1, interview 2, offer 3, hired 4.
func stageRank(kind string) int {
	switch kind {
	case "screen":
		return 1
	case "interview":
		return 2
	case "offer":
		return 3
	case "hired":
		return 4
	}
	return 0
}

// CountryOf reads an ISO country code from a free-text location
// ("Berlin, Germany" → DE; "Austin, TX" → US), or "".
func CountryOf(loc string) string {
	parts := strings.Split(loc, ",")
	for i := len(parts) - 1; i >= 0; i-- {
		p := strings.TrimSpace(parts[i])
		if p == "" {
			continue
		}
		if len(p) == 2 && strings.ToUpper(p) == p && resume.IsUSState(p) {
			return "US"
		}
		if code, ok := resume.CountryCode(p); ok {
			return code
		}
	}
	return ""
}

func countPhrase(n, of int, what string, matched, missing []string) string {
	s := fmt.Sprintf("%d of %d %ss", n, of, what)
	if len(matched) > 0 {
		s += ": " + list(matched)
	}
	if len(missing) > 0 {
		s += "; missing " + list(missing)
	}
	return s
}

func list(xs []string) string {
	if len(xs) > 5 {
		return strings.Join(xs[:5], ", ") + "…"
	}
	return strings.Join(xs, ", ")
}

func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

func yearsText(y float64) string {
	if y < 1 {
		return "under a year"
	}
	if y < 2 {
		return "1 year"
	}
	return fmt.Sprintf("%d years", int(y))
}

func trimFloat(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.1f", f), "0"), ".")
}

// foldText lower-cases and turns punctuation other than + # . into spaces,
// so keywords compare as whole words.
func foldText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range strings.ToLower(s) {
		if r == '+' || r == '#' || r == '.' || (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r > 127 {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
}

// Rank scores candidates and returns the best n, best first (ties by id).
func (p *Prepared) Rank(cs []Candidate, now time.Time, n int) []Result {
	if p.idf == nil {
		p.SetIDF(NewIDF(cs))
	}
	out := make([]Result, 0, len(cs))
	for _, c := range cs {
		out = append(out, p.Score(c, now))
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Raw != out[j].Raw {
			return out[i].Raw > out[j].Raw
		}
		return out[i].CandidateID < out[j].CandidateID
	})
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}
