package resume

import (
	_ "embed"
	"maps"
	"strings"
	"sync"
)

//go:embed skills.txt
var skillsFile string

// Vocabulary maps skill names and synonyms to canonical skill names. The
// zero value is empty; DefaultVocabulary loads the list shipped with Candor,
// and admins extend it with Add.
type Vocabulary struct {
	terms       map[string]string // lower-cased term → canonical
	exact       map[string]string // case-sensitive term → canonical
	sectionOnly map[string]bool   // canonical names too ambiguous for free text
	maxWords    int
	firstWords  map[string]int // normalised first word of a term → most words of a term starting with it
}

// builtinVocabulary is parsed once and only ever read: Parse uses it when
// no vocabulary is given, and DefaultVocabulary hands out copies.
var builtinVocabulary = sync.OnceValue(loadVocabulary)

// DefaultVocabulary returns a fresh copy of the built-in vocabulary; callers
// may Add to it without affecting anyone else.
func DefaultVocabulary() *Vocabulary {
	b := builtinVocabulary()
	return &Vocabulary{terms: maps.Clone(b.terms), exact: maps.Clone(b.exact), sectionOnly: maps.Clone(b.sectionOnly), maxWords: b.maxWords, firstWords: maps.Clone(b.firstWords)}
}

func loadVocabulary() *Vocabulary {
	v := &Vocabulary{}
	for _, line := range strings.Split(skillsFile, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		mode := line[0]
		if mode == '!' || mode == '~' {
			line = line[1:]
		}
		name, syns, _ := strings.Cut(line, ":")
		var list []string
		for _, s := range strings.Split(syns, ",") {
			if s = strings.TrimSpace(s); s != "" {
				list = append(list, s)
			}
		}
		name = strings.TrimSpace(name)
		switch mode {
		case '!':
			v.AddExact(name, list...)
		case '~':
			v.Add(name, list...)
			v.sectionOnly[name] = true
		default:
			v.Add(name, list...)
		}
	}
	return v
}

func (v *Vocabulary) init() {
	if v.terms == nil {
		v.terms, v.exact, v.sectionOnly = map[string]string{}, map[string]string{}, map[string]bool{}
		v.firstWords = map[string]int{}
	}
}

// indexFirstWord lets scanVocabulary skip words no term starts with.
func (v *Vocabulary) indexFirstWord(term string) {
	f := strings.Fields(term)
	if len(f) == 0 {
		return
	}
	k := normSkill(f[0])
	v.firstWords[k] = max(v.firstWords[k], len(f))
}

// Add registers a canonical skill and its synonyms, matched ignoring case.
func (v *Vocabulary) Add(canonical string, synonyms ...string) {
	v.init()
	for _, t := range append([]string{canonical}, synonyms...) {
		key := normSkill(t)
		if key == "" {
			continue
		}
		v.terms[key] = canonical
		v.maxWords = max(v.maxWords, len(strings.Fields(key)))
		v.indexFirstWord(key)
	}
}

// AddExact registers a skill whose names are ordinary words in other cases
// ("Go", "Swift"): they match only as written.
func (v *Vocabulary) AddExact(canonical string, synonyms ...string) {
	v.init()
	for _, t := range append([]string{canonical}, synonyms...) {
		v.exact[strings.TrimSpace(t)] = canonical
		// Lower-case multi-letter synonyms such as "golang" are unambiguous.
		if t != canonical && strings.ToLower(t) == t {
			v.terms[normSkill(t)] = canonical
		}
		v.maxWords = max(v.maxWords, len(strings.Fields(t)))
		v.indexFirstWord(t)
	}
}

// Canonical returns the canonical name for term, if the vocabulary has it.
func (v *Vocabulary) Canonical(term string) (string, bool) {
	if v == nil || v.terms == nil {
		return "", false
	}
	term = strings.TrimSpace(term)
	if c, ok := v.exact[term]; ok {
		return c, true
	}
	c, ok := v.terms[normSkill(term)]
	return c, ok
}

// Len returns the number of terms known.
func (v *Vocabulary) Len() int { return len(v.terms) + len(v.exact) }

// normSkill lower-cases and collapses spaces; it keeps the punctuation that
// distinguishes skills (C++, C#, .NET, Node.js).
func normSkill(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.Trim(s, " \t.,;:()[]•·-–*"))), " ")
}

// Count returns how often each canonical skill is named in free text (the
// first 50,000 words; the terms a Skills section alone may use, such as C or
// R, are left out, but words common in prose such as "sales" count).
func (v *Vocabulary) Count(text string) map[string]int {
	out := map[string]int{}
	if v == nil || v.terms == nil {
		return out
	}
	scanVocabularyEach(text, v, false, true, 50000, func(c string) { out[c]++ })
	return out
}
