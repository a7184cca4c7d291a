package store

import (
	"context"
	"encoding/json"
	"sort"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/match"
)

// matchPrefilter is how many candidates the SQL prefilter hands to the
// scorer: the best by weighted term overlap with the job.
const matchPrefilter = 1000

// matchSpec turns a job into what internal/match reads.
func matchSpec(j hiring.Job) match.Job {
	m := match.Job{ID: j.ID, Title: j.Title, Description: j.Description, Remote: j.WorkplaceType == hiring.Remote,
		AllowedCountries: j.AllowedCountries}
	for _, r := range j.Requirements {
		m.Requirements = append(m.Requirements, match.Requirement{Skill: r.Skill, MustHave: r.MustHave})
	}
	for _, l := range j.Locations {
		if l.Country != "" {
			m.Countries = append(m.Countries, l.Country)
		}
		if l.City != "" {
			m.Cities = append(m.Cities, l.City)
		}
	}
	return m
}

func toMatchScore(r match.Result) hiring.MatchScore {
	return hiring.MatchScore{Score: r.Score, MustMatched: r.MustMatched, MustMissing: r.MustMissing, NiceMatched: r.NiceMatched,
		NiceMissing: r.NiceMissing, Location: r.Location, SilverMedal: r.SilverMedal, Reasons: r.Reasons, Explanation: r.Explanation}
}

func clampMatches(limit int) int {
	if limit <= 0 || limit > hiring.MaxMatches {
		return 50
	}
	return limit
}

// matchCandidate is a candidate as the scorer reads it, with the list row.
type matchCandidate struct {
	summary  hiring.CandidateSummary
	location string
	headline string
	features matchFeatures
}

func (mc matchCandidate) forMatch() match.Candidate {
	c := match.Candidate{ID: mc.summary.ID, Title: mc.summary.CurrentTitle, Location: mc.location, Country: mc.features.Country,
		Years: mc.features.Years, LastActive: mc.summary.UpdatedAt, SkillMentions: mc.features.Mentions, RoleWords: mc.features.Roles,
		Skills: mc.features.Skills, PastTitles: mc.features.Titles}
	if c.Title == "" {
		c.Title = mc.headline
	}
	return c
}

// JobMatches ranks the candidates the actor may see who are not active on
// the job: a SQL prefilter by the job's skills and title words, then
// internal/match in memory.
func (db *DB) JobMatches(ctx context.Context, jobID string, limit int) ([]hiring.CandidateMatch, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	limit = clampMatches(limit)
	job, err := db.loadJobCount(ctx, db.rd, a, jobID, false)
	if err != nil {
		return nil, err
	}
	prep := match.Prepare(matchSpec(job))
	ids, err := db.matchPrefilter(ctx, a, job.ID, jobTerms(prep))
	if err != nil {
		return nil, err
	}
	cands, err := db.loadMatchCandidates(ctx, a, ids, job.ID)
	if err != nil {
		return nil, err
	}
	list := make([]match.Candidate, len(cands))
	byID := make(map[string]*matchCandidate, len(cands))
	for i := range cands {
		list[i] = cands[i].mc.forMatch()
		list[i].Stages = cands[i].stages
		byID[cands[i].mc.summary.ID] = &cands[i].mc
	}
	out := []hiring.CandidateMatch{}
	for _, r := range prep.Rank(list, now(), limit) {
		out = append(out, hiring.CandidateMatch{Candidate: byID[r.CandidateID].summary, MatchScore: toMatchScore(r)})
	}
	return out, nil
}

// matchPrefilterTerms reads, for each term, its most recently parsed
// candidates (an index range: term, active_at), sums the weights in a map
// (no sort in the database), and keeps the best matchPrefilter that are
// not active on the job.
func (db *DB) matchPrefilterTerms(ctx context.Context, jobID string, terms []weightedTerm) ([]string, error) {
	sum := map[string]float64{}
	for _, t := range terms {
		rows, err := db.reader.QueryContext(ctx, "SELECT candidate_id, weight FROM candidate_match_terms WHERE term = $1 ORDER BY active_at DESC LIMIT $2",
			t.term, matchPerTerm)
		if err != nil {
			return nil, dbErr("match prefilter", err)
		}
		for rows.Next() {
			var id string
			var w float64
			if err := rows.Scan(&id, &w); err != nil {
				rows.Close()
				return nil, dbErr("match prefilter", err)
			}
			sum[id] += w * t.w
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, dbErr("match prefilter", err)
		}
	}
	active := map[string]bool{}
	rows, err := db.reader.QueryContext(ctx, "SELECT candidate_id FROM applications WHERE job_id = $1 AND status = 'active'", jobID)
	if err != nil {
		return nil, dbErr("match prefilter", err)
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, dbErr("match prefilter", err)
		}
		active[id] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, dbErr("match prefilter", err)
	}
	type scored struct {
		id string
		s  float64
	}
	all := make([]scored, 0, len(sum))
	for id, s := range sum {
		if !active[id] {
			all = append(all, scored{id, s})
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].s != all[j].s {
			return all[i].s > all[j].s
		}
		return all[i].id < all[j].id
	})
	ids := make([]string, 0, min(len(all), matchPrefilter))
	for _, x := range all[:min(len(all), matchPrefilter)] {
		ids = append(ids, x.id)
	}
	return ids, nil
}

// matchPerTerm bounds how many candidates one term of the job reads: its
// most recently parsed ones, so a skill half the database names costs a
// bounded slice (rarer terms read all their candidates).
const matchPerTerm = 10000

// matchMaxJobTerms bounds the terms of one prefilter (must-haves first).
const matchMaxJobTerms = 24

// matchPrefilter returns the ids of the candidates to score: for actors who
// see every candidate, those with the most weighted overlap with the job's
// terms; for the others, the candidates of their own jobs (few). Candidates
// active on the job are left out.
func (db *DB) matchPrefilter(ctx context.Context, a hiring.Actor, jobID string, terms []weightedTerm) ([]string, error) {
	q := &args{}
	var sqlText string
	switch {
	case restricted(a):
		sqlText = "SELECT c.id FROM candidates c WHERE c.id IN (SELECT va.candidate_id FROM applications va JOIN job_team vt ON vt.job_id = va.job_id WHERE vt.user_id = " +
			q.add(a.UserID) + ") AND NOT EXISTS (SELECT 1 FROM applications x WHERE x.candidate_id = c.id AND x.job_id = " + q.add(jobID) +
			" AND x.status = 'active') ORDER BY c.updated_at DESC, c.id DESC LIMIT " + q.add(matchPrefilter)
	case len(terms) == 0:
		sqlText = "SELECT c.id FROM candidates c WHERE EXISTS (SELECT 1 FROM candidate_match m WHERE m.candidate_id = c.id)" +
			" AND NOT EXISTS (SELECT 1 FROM applications x WHERE x.candidate_id = c.id AND x.job_id = " + q.add(jobID) +
			" AND x.status = 'active') ORDER BY c.updated_at DESC, c.id DESC LIMIT " + q.add(matchPrefilter)
	default:
		return db.matchPrefilterTerms(ctx, jobID, terms)
	}
	rows, err := db.reader.QueryContext(ctx, sqlText, q.list...)
	if err != nil {
		return nil, dbErr("match prefilter", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, dbErr("match prefilter", err)
		}
		ids = append(ids, id)
	}
	return ids, dbErr("match prefilter", rows.Err())
}

type weightedTerm struct {
	term string
	w    float64
}

// jobTerms are a job's prefilter terms: must-haves weigh 3, title words 2,
// nice-to-haves 1; at most matchMaxJobTerms, in that order.
func jobTerms(p *match.Prepared) []weightedTerm {
	var out []weightedTerm
	seen := map[string]bool{}
	add := func(term string, w float64) {
		if !seen[term] && len(out) < matchMaxJobTerms {
			seen[term] = true
			out = append(out, weightedTerm{term, w})
		}
	}
	for _, k := range p.MustKeys() {
		add("s:"+k, 3)
	}
	for _, w := range p.TitleWords() {
		add("r:"+w, 2)
	}
	for _, k := range p.NiceKeys() {
		add("s:"+k, 1)
	}
	return out
}

type loadedMatch struct {
	mc     matchCandidate
	stages []match.PastStage
}

// loadMatchCandidates reads the candidates' rows, features and the stages
// they reached on other jobs the actor sees.
func (db *DB) loadMatchCandidates(ctx context.Context, a hiring.Actor, ids []string, exceptJob string) ([]loadedMatch, error) {
	out := make([]loadedMatch, 0, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	index := map[string]int{}
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(len(ids), start+500)]
		q := &args{}
		rows, err := db.reader.QueryContext(ctx, "SELECT "+summaryCols+", c.location, c.headline, COALESCE(m.features, '')"+candFrom+
			" LEFT JOIN candidate_match m ON m.candidate_id = c.id WHERE c.id IN ("+q.in(chunk)+")", q.list...)
		if err != nil {
			return nil, dbErr("match candidates", err)
		}
		for rows.Next() {
			var lm loadedMatch
			var emails []string
			var feat string
			s := &lm.mc.summary
			if err := rows.Scan(&s.ID, &s.FirstName, &s.LastName, jsonCol{&emails}, &s.CurrentTitle, &s.CurrentCompany, &s.Source,
				strCol{&s.OwnerID}, &s.OwnerName, jsonCol{&s.Tags}, timeCol{&s.UpdatedAt}, timeCol{&s.CreatedAt},
				&lm.mc.location, &lm.mc.headline, &feat); err != nil {
				rows.Close()
				return nil, dbErr("match candidates", err)
			}
			if len(emails) > 0 {
				s.Email = emails[0]
			}
			if s.Tags == nil {
				s.Tags = []string{}
			}
			if feat != "" {
				_ = json.Unmarshal([]byte(feat), &lm.mc.features)
			}
			index[s.ID] = len(out)
			out = append(out, lm)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, dbErr("match candidates", err)
		}
		// Stages reached on other jobs the actor sees: interview or later.
		q = &args{}
		rows, err = db.reader.QueryContext(ctx, `SELECT a.candidate_id, j.title, s.name, s.kind, sv.entered_at
			FROM stage_visits sv JOIN applications a ON a.id = sv.application_id JOIN jobs j ON j.id = a.job_id
			JOIN stages s ON s.id = sv.stage_id
			WHERE a.candidate_id IN (`+q.in(chunk)+`) AND s.kind IN ('interview', 'offer', 'hired') AND a.job_id <> `+q.add(exceptJob)+
			` AND `+jobRowVisible(a, "j", q), q.list...)
		if err != nil {
			return nil, dbErr("match stages", err)
		}
		for rows.Next() {
			var cid string
			var ps match.PastStage
			var at time.Time
			if err := rows.Scan(&cid, &ps.JobTitle, &ps.Stage, &ps.Kind, timeCol{&at}); err != nil {
				rows.Close()
				return nil, dbErr("match stages", err)
			}
			ps.At = at
			if i, ok := index[cid]; ok {
				out[i].stages = append(out[i].stages, ps)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, dbErr("match stages", err)
		}
	}
	return out, nil
}

// CandidateMatches ranks the open jobs the actor sees for a candidate,
// leaving out jobs the candidate is active on.
func (db *DB) CandidateMatches(ctx context.Context, candidateID string, limit int) ([]hiring.JobMatch, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	limit = clampMatches(limit)
	if err := db.canSeeCandidate(ctx, db.rd, a, candidateID); err != nil {
		return nil, err
	}
	cands, err := db.loadMatchCandidates(ctx, a, []string{candidateID}, "")
	if err != nil {
		return nil, err
	}
	if len(cands) == 0 {
		return nil, hiring.ErrNotFound("candidate")
	}
	q := &args{}
	rows, err := db.reader.QueryContext(ctx, "SELECT j.id FROM jobs j WHERE j.status = 'open' AND "+jobRowVisible(a, "j", q)+
		" AND NOT EXISTS (SELECT 1 FROM applications x WHERE x.job_id = j.id AND x.candidate_id = "+q.add(candidateID)+
		" AND x.status = 'active') ORDER BY j.created_at DESC, j.id LIMIT 500", q.list...)
	if err != nil {
		return nil, dbErr("candidate matches", err)
	}
	var jobIDs []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, dbErr("candidate matches", err)
		}
		jobIDs = append(jobIDs, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, dbErr("candidate matches", err)
	}
	c := cands[0].mc.forMatch()
	type scored struct {
		job hiring.Job
		r   match.Result
	}
	var all []scored
	t := now()
	for _, id := range jobIDs {
		j, err := db.loadJobCount(ctx, db.rd, a, id, false)
		if err != nil {
			continue // closed or hidden meanwhile
		}
		cc := c
		for _, s := range cands[0].stages {
			if s.JobTitle != "" {
				cc.Stages = append(cc.Stages, s)
			}
		}
		all = append(all, scored{j, match.Prepare(matchSpec(j)).Score(cc, t)})
	}
	sort.Slice(all, func(i, k int) bool {
		if all[i].r.Raw != all[k].r.Raw {
			return all[i].r.Raw > all[k].r.Raw
		}
		return all[i].job.ID < all[k].job.ID
	})
	out := []hiring.JobMatch{}
	for i, s := range all {
		if i == limit {
			break
		}
		out = append(out, hiring.JobMatch{JobID: s.job.ID, JobTitle: s.job.Title, DepartmentName: s.job.DepartmentName, MatchScore: toMatchScore(s.r)})
	}
	return out, nil
}
