package match

import (
	"math"
	"sort"
	"strings"
)

// A profile vector is a bag of skills and role words with log-scaled
// counts, compared by cosine: how close a resume reads to a job's
// description, the requirements and title counting extra.

// softSkills say little about fit on their own; they weigh a fifth.
var softSkills = map[string]bool{"communication": true, "teamwork": true, "leadership": true, "microsoft office": true,
	"problem solving": true, "time management": true, "organization": true, "attention to detail": true,
	"adaptability": true, "creativity": true, "critical thinking": true, "interpersonal skills": true,
	"self-motivated": true, "work ethic": true, "multitasking": true, "decision making": true, "microsoft word": true,
	"excel": true, "microsoft powerpoint": true, "microsoft outlook": true, "research": true, "analytical skills": true,
	"customer focus": true, "writing": true, "training": true, "team leadership": true, "networking": false}

type vector map[string]float64

// IDF weighs terms by how rare they are among the candidates ranked: a
// skill everyone names says little. Nil means every term weighs the same.
type IDF struct {
	df map[string]int
	n  int
}

// NewIDF counts, over a set of candidates, how many name each term.
func NewIDF(cs []Candidate) *IDF {
	idf := &IDF{df: map[string]int{}, n: len(cs)}
	for _, c := range cs {
		for t := range profileVector(c.SkillMentions, c.Skills, c.RoleWords) {
			idf.df[t]++
		}
	}
	return idf
}

func (f *IDF) weight(t string) float64 {
	if f == nil || f.n == 0 {
		return 1
	}
	return math.Log(1 + float64(f.n)/float64(1+f.df[t]))
}

func (v vector) weighted(f *IDF) vector {
	if f == nil {
		return v
	}
	out := make(vector, len(v))
	for t, x := range v {
		out[t] = x * f.weight(t)
	}
	return out
}

func termWeight(term string) float64 {
	if strings.HasPrefix(term, "s:") && softSkills[term[2:]] {
		return 0.2
	}
	if strings.HasPrefix(term, "r:") && genericTitleWords[term[2:]] {
		return 0.2
	}
	return 1
}

// profileVector builds a vector from skill mentions, listed skills and role words.
func profileVector(mentions map[string]int, listed []string, roles map[string]int) vector {
	v := vector{}
	for k, n := range mentions {
		v["s:"+k] += float64(n)
	}
	for _, s := range listed {
		v["s:"+SkillKey(s)] += 2
	}
	for w, n := range roles {
		v["r:"+w] += float64(n)
	}
	for k, n := range v {
		v[k] = (1 + math.Log(n)) * termWeight(k)
	}
	return v
}

func (v vector) norm() float64 {
	var s float64
	for _, x := range v {
		s += x * x
	}
	return math.Sqrt(s)
}

// cosine returns the similarity of a and b and the shared terms that
// weigh most, best first.
func cosine(a, b vector, an float64) (float64, []string) {
	if an == 0 || len(b) == 0 {
		return 0, nil
	}
	type shared struct {
		t string
		w float64
	}
	var dot float64
	var sh []shared
	for t, x := range a {
		if y, ok := b[t]; ok {
			dot += x * y
			sh = append(sh, shared{t, x * y})
		}
	}
	bn := b.norm()
	if bn == 0 || dot == 0 {
		return 0, nil
	}
	sort.Slice(sh, func(i, j int) bool {
		if sh[i].w != sh[j].w {
			return sh[i].w > sh[j].w
		}
		return sh[i].t < sh[j].t
	})
	var top []string
	for _, s := range sh {
		if len(top) == 4 {
			break
		}
		if strings.HasPrefix(s.t, "s:") {
			top = append(top, s.t[2:])
		}
	}
	return dot / (an * bn), top
}
