package match

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/resume"
)

// The offline evaluation (docs/matching.md): 33 jobs from the shared
// postings against the 214 distinct resumes of the shared categorized sets,
// graded per resume category; precision@10 and nDCG@10 must reach targets.
const (
	// targetPrecision is issue 12's target, not reached yet (docs/matching.md).
	targetPrecision = 0.70
	// floorPrecision guards against regressions: the test fails below it.
	floorPrecision = 0.53
	sharedData     = "../../../shared/data"
)

type evalJob struct {
	ID     string         `json:"id"`
	File   string         `json:"file"`
	Row    int            `json:"row"`
	Title  string         `json:"title"`
	Must   []string       `json:"must"`
	Nice   []string       `json:"nice"`
	Group  string         `json:"group"`
	Grades map[string]int `json:"grades"`
}

type evalSet struct {
	Groups map[string]map[string]int `json:"groups"`
	Jobs   []evalJob                 `json:"jobs"`
}

type evalCandidate struct {
	Candidate
	Category string
}

func sharedDataDir(t testing.TB) string {
	// .ci/run names the folder (a clone elsewhere has no ../shared/data).
	dir := os.Getenv("CANDOR_SHARED_DATA")
	if dir == "" {
		dir = sharedData
	}
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the shared data folder %s is missing under CI: %v", dir, err)
		}
		t.Skipf("the shared data folder %s is absent (present in CI)", dir)
	}
	return dir
}

func loadEvalCandidates(t testing.TB, dir string) []evalCandidate {
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	var out []evalCandidate
	add := func(id, category, text string) {
		p := resume.Parse(text, resume.ParseOptions{Now: now})
		c := Candidate{ID: id, Text: text, Years: p.Meta.YearsOfExperience}
		c.Title = p.Basics.Label
		for _, w := range p.Work {
			if w.Position != "" {
				if c.Title == "" {
					c.Title = w.Position
				} else {
					c.PastTitles = append(c.PastTitles, w.Position)
				}
			}
		}
		for _, s := range p.Skills {
			c.Skills = append(c.Skills, s.Name)
		}
		c.SkillMentions = SkillMentions(text)
		c.RoleWords = RoleWords(text)
		c.Location = strings.Trim(p.Basics.Location.City+", "+p.Basics.Location.CountryCode, ", ")
		out = append(out, evalCandidate{Candidate: c, Category: strings.ToLower(category)})
	}
	f, err := os.Open(filepath.Join(dir, "resumes-text/updated-resume-dataset/UpdatedResumeDataSet.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for i, r := range rows[1:] {
		if len(r) < 2 || seen[r[1]] {
			continue
		}
		seen[r[1]] = true
		add(fmt.Sprintf("csv:%d", i+1), r[0], r[1])
	}
	pdfs, _ := filepath.Glob(filepath.Join(dir, "resumes-pdf/kaggle-livecareer/*.pdf"))
	for _, p := range pdfs {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := resume.Extract(context.Background(), data, resume.DefaultLimits())
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(p), err)
		}
		name := filepath.Base(p)
		cat, _, _ := strings.Cut(name, "__")
		add("pdf:"+name, cat, doc.Text)
	}
	return out
}

// jobText reads a label's posting, checking that the label points at the
// posting it names, and returns the posting's text.
func jobText(t *testing.T, dir string, j evalJob) string {
	path := filepath.Join(dir, "jobs", j.File)
	if j.Row == 0 {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("job %s: %v", j.ID, err)
		}
		doc, err := resume.Extract(context.Background(), data, resume.DefaultLimits())
		if err != nil {
			t.Fatalf("job %s: %v", j.ID, err)
		}
		return doc.Text
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	titleCol := 1
	if strings.HasPrefix(j.File, "google") {
		r.Comma = ';'
	}
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", j.File, err)
	}
	if j.Row >= len(rows) || rows[j.Row][titleCol] != j.Title {
		t.Fatalf("job %s: row %d of %s is not %q", j.ID, j.Row, j.File, j.Title)
	}
	if strings.HasPrefix(j.File, "google") {
		return strings.Join(rows[j.Row][4:], "\n")
	}
	return rows[j.Row][3] // Glassdoor: Job Description
}

func TestMatchingQuality(t *testing.T) {
	dir := sharedDataDir(t)
	raw, err := os.ReadFile("testdata/eval_jobs.json")
	if err != nil {
		t.Fatal(err)
	}
	var set evalSet
	if err := json.Unmarshal(raw, &set); err != nil {
		t.Fatal(err)
	}
	cands := loadEvalCandidates(t, dir)
	if len(set.Jobs) < 30 || len(cands) < 200 {
		t.Fatalf("the set has %d jobs × %d candidates; the issue asks for at least 30 × 200", len(set.Jobs), len(cands))
	}
	plain := make([]Candidate, len(cands))
	category := map[string]string{}
	for i, c := range cands {
		plain[i] = c.Candidate
		category[c.ID] = c.Category
	}
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	var sumP, sumN float64
	var lines []string
	for _, j := range set.Jobs {
		text := jobText(t, dir, j)
		grades := map[string]int{}
		for k, v := range set.Groups[j.Group] {
			grades[k] = v
		}
		for k, v := range j.Grades {
			grades[k] = v
		}
		job := Job{ID: j.ID, Title: j.Title, Description: text}
		for _, s := range j.Must {
			job.Requirements = append(job.Requirements, Requirement{Skill: s, MustHave: true})
		}
		for _, s := range j.Nice {
			job.Requirements = append(job.Requirements, Requirement{Skill: s})
		}
		top := Prepare(job).Rank(plain, now, 10)
		var rel, dcg float64
		for i, r := range top {
			g := grades[category[r.CandidateID]]
			if g > 0 {
				rel++
			}
			dcg += (math.Pow(2, float64(g)) - 1) / math.Log2(float64(i+2))
		}
		var all []int
		for _, c := range cands {
			all = append(all, grades[c.Category])
		}
		sort.Sort(sort.Reverse(sort.IntSlice(all)))
		var idcg float64
		for i := 0; i < 10 && i < len(all); i++ {
			idcg += (math.Pow(2, float64(all[i])) - 1) / math.Log2(float64(i+2))
		}
		p, n := rel/10, 0.0
		if idcg > 0 {
			n = dcg / idcg
		}
		sumP += p
		sumN += n
		var cats []string
		for _, r := range top {
			cats = append(cats, category[r.CandidateID]+"("+strconv.Itoa(r.Score)+")")
		}
		lines = append(lines, fmt.Sprintf("%-8s p@10 %.1f nDCG@10 %.2f  %s: %s", j.ID, p, n, j.Title, strings.Join(cats, ", ")))
	}
	meanP, meanN := sumP/float64(len(set.Jobs)), sumN/float64(len(set.Jobs))
	for _, l := range lines {
		t.Log(l)
	}
	t.Logf("%d jobs × %d candidates: precision@10 %.3f, nDCG@10 %.3f (issue target precision@10 ≥ %.2f, regression floor %.2f)",
		len(set.Jobs), len(cands), meanP, meanN, targetPrecision, floorPrecision)
	if meanP < targetPrecision {
		t.Logf("precision@10 %.3f is below the issue's target %.2f (docs/matching.md says why)", meanP, targetPrecision)
	}
	if meanP < floorPrecision {
		t.Fatalf("precision@10 %.3f fell below the floor %.2f", meanP, floorPrecision)
	}
}
