package store

import (
	"context"

	"github.com/candor-ats/candor/internal/hiring"
)

// ReportAdverseImpact counts, per EEO answer to race and sex, the
// applications received in the period that were considered and selected at
// each stage kind (issue 13's adverse-impact report). The EEO answers are
// only ever grouped here: the query returns counts per answer, never a row
// per application, and only to the dedicated EEO permission.
func (db *DB) ReportAdverseImpact(ctx context.Context, f hiring.ReportFilter) ([]hiring.EEOStageCount, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !a.SeesEEO() {
		return nil, forbidden("The adverse-impact report is only for people with the EEO permission.")
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	q := &args{}
	scope := jobScope(a, f, q)
	if f.Source != "" {
		scope += " AND lower(a.source) = lower(" + q.add(f.Source) + ")"
	}
	from, to := q.add(TimeArg(f.From)), q.add(TimeArg(f.To))
	decline := q.add(hiring.EEODecline)
	// c: the cohort with its answers; s: each application once per step and
	// outcome (UNION removes repeats from moves back and forth).
	cte := `WITH c AS (SELECT a.id, r.race, r.sex FROM applications a JOIN jobs j ON j.id = a.job_id
		  JOIN eeo_responses r ON r.application_id = a.id
		  WHERE a.applied_at >= ` + from + ` AND a.applied_at < ` + to + ` AND ` + scope + `),
	s AS (SELECT e.application_id AS id, e.stage_kind AS step, 'c' AS m FROM application_events e JOIN c ON c.id = e.application_id
		  WHERE e.kind = 'entered' AND e.at < ` + to + `
		UNION SELECT e.application_id, e.from_stage_kind, 's' FROM application_events e JOIN c ON c.id = e.application_id
		  WHERE e.kind = 'entered' AND e.direction > 0 AND e.at < ` + to + `
		UNION SELECT e.application_id, e.stage_kind, 's' FROM application_events e JOIN c ON c.id = e.application_id
		  WHERE e.kind = 'hired' AND e.at < ` + to + `
		UNION SELECT e.application_id, 'overall', 's' FROM application_events e JOIN c ON c.id = e.application_id
		  WHERE e.kind = 'hired' AND e.at < ` + to + `
		UNION SELECT c.id, 'overall', 'c' FROM c)`
	var out []hiring.EEOStageCount
	for _, question := range []string{"race", "sex"} {
		rows, err := db.rd.QueryContext(ctx, cte+`
			SELECT c.`+question+`, s.step, SUM(CASE WHEN s.m = 'c' THEN 1 ELSE 0 END), SUM(CASE WHEN s.m = 's' THEN 1 ELSE 0 END)
			FROM s JOIN c ON c.id = s.id WHERE c.`+question+` <> '' AND c.`+question+` <> `+decline+`
			GROUP BY c.`+question+`, s.step`, q.list...)
		if err != nil {
			return nil, dbErr("adverse impact report", err)
		}
		for rows.Next() {
			x := hiring.EEOStageCount{Question: question}
			if err := rows.Scan(&x.Answer, &x.Step, &x.Considered, &x.Selected); err != nil {
				_ = rows.Close()
				return nil, dbErr("adverse impact report", err)
			}
			out = append(out, x)
		}
		_ = rows.Close()
		if err := rows.Err(); err != nil {
			return nil, dbErr("adverse impact report", err)
		}
	}
	return out, nil
}
