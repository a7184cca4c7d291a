package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"sort"
	"strings"

	"github.com/candor-ats/candor/internal/match"
)

// matchFeatures is what job matching reads of a candidate beyond the
// candidates row, packed into candidate_match.features.
type matchFeatures struct {
	Skills   []string       `json:"s,omitempty"` // listed by a parse (canonical)
	Mentions map[string]int `json:"m,omitempty"` // skill key → mentions in the resume text
	Roles    map[string]int `json:"r,omitempty"` // role word → mentions (the 40 most named)
	Titles   []string       `json:"t,omitempty"` // positions held, most recent first
	Years    float64        `json:"y,omitempty"`
	Country  string         `json:"c,omitempty"`
}

// profileForMatch is the part of a JSON Resume profile matching reads.
type profileForMatch struct {
	Basics struct {
		Label    string `json:"label"`
		Location struct {
			CountryCode string `json:"countryCode"`
		} `json:"location"`
	} `json:"basics"`
	Work []struct {
		Position string `json:"position"`
	} `json:"work"`
	Skills []struct {
		Name string `json:"name"`
	} `json:"skills"`
	Meta struct {
		YearsOfExperience float64 `json:"yearsOfExperience"`
	} `json:"meta"`
}

// Bounds on what one candidate stores for matching.
const (
	matchMaxRoles = 40
	matchMaxTerms = 60
	matchMaxText  = 200_000
)

// writeMatchFeatures rebuilds a candidate's matching features from their
// parsed resumes (the three most recently parsed), in the caller's
// transaction: the prefilter terms and the packed features.
func (db *DB) writeMatchFeatures(ctx context.Context, tx *sql.Tx, candidateID string) error {
	rows, err := tx.QueryContext(ctx, `SELECT p.text, p.profile FROM documents d JOIN document_profiles p ON p.document_id = d.id
		WHERE d.candidate_id = $1 AND d.parse_status = 'parsed' ORDER BY p.parsed_at DESC, d.id LIMIT 3`, candidateID)
	if err != nil {
		return dbErr("match features", err)
	}
	f := matchFeatures{Mentions: map[string]int{}, Roles: map[string]int{}}
	seenSkill, seenTitle := map[string]bool{}, map[string]bool{}
	n := 0
	for rows.Next() {
		var text string
		var raw []byte
		if err := rows.Scan(&text, &raw); err != nil {
			rows.Close()
			return dbErr("match features", err)
		}
		n++
		if len(text) > matchMaxText {
			text = text[:matchMaxText]
		}
		var p profileForMatch
		_ = json.Unmarshal(raw, &p) // a profile that does not decode adds nothing
		for _, s := range p.Skills {
			if k := match.SkillKey(s.Name); k != "" && !seenSkill[k] && len(f.Skills) < matchMaxTerms {
				seenSkill[k] = true
				f.Skills = append(f.Skills, s.Name)
			}
		}
		for _, t := range append([]string{p.Basics.Label}, func() []string {
			var ts []string
			for _, w := range p.Work {
				ts = append(ts, w.Position)
			}
			return ts
		}()...) {
			t = strings.TrimSpace(t)
			if t != "" && !seenTitle[strings.ToLower(t)] && len(f.Titles) < 10 && len(t) < 200 {
				seenTitle[strings.ToLower(t)] = true
				f.Titles = append(f.Titles, t)
			}
		}
		f.Years = max(f.Years, p.Meta.YearsOfExperience)
		if f.Country == "" {
			f.Country = strings.ToUpper(p.Basics.Location.CountryCode)
		}
		for k, c := range match.SkillMentions(text) {
			f.Mentions[k] += c
		}
		for w, c := range match.RoleWords(text) {
			f.Roles[w] += c
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return dbErr("match features", err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM candidate_match_terms WHERE candidate_id = $1", candidateID); err != nil {
		return dbErr("match features", err)
	}
	if n == 0 {
		_, err := tx.ExecContext(ctx, "DELETE FROM candidate_match WHERE candidate_id = $1", candidateID)
		return dbErr("match features", err)
	}
	f.Roles = topCounts(f.Roles, matchMaxRoles)
	f.Mentions = topCounts(f.Mentions, matchMaxTerms)
	raw, err := json.Marshal(f)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO candidate_match (candidate_id, features, updated_at) VALUES ($1, $2, $3)
		ON CONFLICT (candidate_id) DO UPDATE SET features = excluded.features, updated_at = excluded.updated_at`,
		candidateID, string(raw), TimeArg(now())); err != nil {
		return dbErr("match features", err)
	}
	t := TimeArg(now())
	for term, w := range matchTerms(f) {
		if _, err := tx.ExecContext(ctx, "INSERT INTO candidate_match_terms (term, candidate_id, weight, active_at) VALUES ($1, $2, $3, $4)",
			term, candidateID, w, t); err != nil {
			return dbErr("match terms", err)
		}
	}
	return nil
}

// matchTerms are a candidate's prefilter rows: skills (listed 1, named in
// the text ½ to 1) and the most named role words.
func matchTerms(f matchFeatures) map[string]float64 {
	out := map[string]float64{}
	for k, c := range f.Mentions {
		out["s:"+k] = min(1, 0.25+0.25*float64(c))
	}
	for _, s := range f.Skills {
		out["s:"+match.SkillKey(s)] = 1
	}
	for w, c := range topCounts(f.Roles, 12) {
		out["r:"+w] = min(1, float64(c)/3)
	}
	for _, t := range f.Titles {
		for _, w := range match.ParseTitle(t).Words {
			out["r:"+w] = 1
		}
	}
	return out
}

// topCounts keeps the n largest counts (ties by key).
func topCounts(m map[string]int, n int) map[string]int {
	if len(m) <= n {
		return m
	}
	type kv struct {
		k string
		v int
	}
	all := make([]kv, 0, len(m))
	for k, v := range m {
		all = append(all, kv{k, v})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].v != all[j].v {
			return all[i].v > all[j].v
		}
		return all[i].k < all[j].k
	})
	out := make(map[string]int, n)
	for _, x := range all[:n] {
		out[x.k] = x.v
	}
	return out
}
