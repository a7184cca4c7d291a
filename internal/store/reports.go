package store

import (
	"context"
	"database/sql"
	"sort"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// The reports' SQL (issue 13). Every query reads applications a of jobs j
// inside reportScope: the jobs the actor may see, narrowed by the filter.
// The figures come from application_events (reports_events.go), so a past
// period reads as it was then.

// reportScope checks the actor and the filter and returns the condition on
// a (applications) and j (jobs) that every report query applies.
func reportScope(ctx context.Context, f hiring.ReportFilter, q *args) (hiring.Actor, string, error) {
	a, err := actor(ctx)
	if err != nil {
		return a, "", err
	}
	if !a.CanReadReports() {
		return a, "", forbidden("Reports are for admins, recruiters and hiring managers.")
	}
	if err := f.Validate(); err != nil {
		return a, "", err
	}
	cond := jobScope(a, f, q)
	if f.Source != "" {
		cond += " AND lower(a.source) = lower(" + q.add(f.Source) + ")"
	}
	return a, cond, nil
}

// jobScope is the condition on jobs j: the ones a may see, narrowed by the
// filter's job-level fields (every field but the source).
func jobScope(a hiring.Actor, f hiring.ReportFilter, q *args) string {
	cond := jobRowVisible(a, "j", q)
	if f.DepartmentID != "" {
		cond += " AND j.department_id = " + q.add(f.DepartmentID)
	}
	if f.JobID != "" {
		cond += " AND j.id = " + q.add(f.JobID)
	}
	if f.LocationID != "" {
		cond += " AND EXISTS (SELECT 1 FROM job_locations rl WHERE rl.job_id = j.id AND rl.location_id = " + q.add(f.LocationID) + ")"
	}
	if f.RecruiterID != "" {
		cond += " AND EXISTS (SELECT 1 FROM job_team rt WHERE rt.job_id = j.id AND rt.role = 'recruiter' AND rt.user_id = " + q.add(f.RecruiterID) + ")"
	}
	return cond
}

// ReportFunnel counts, per stage kind (and per stage when perStage), the
// applications that entered, advanced from, were rejected (per reason) or
// withdrew or were hired in a stage during the period; each application
// once per figure however often it moved back and forth.
func (db *DB) ReportFunnel(ctx context.Context, f hiring.ReportFilter, perStage bool) ([]hiring.FunnelCount, error) {
	q := &args{}
	_, scope, err := reportScope(ctx, f, q)
	if err != nil {
		return nil, err
	}
	if !perStage && !db.cfg.RawReports {
		// Per stage kind the rollup answers (reports_rollup.go); per stage
		// (one job's figures) the events are few enough to read.
		built, err := db.rollupBuilt(ctx, db.rd)
		if err != nil {
			return nil, err
		}
		if built {
			return db.reportFunnelRollup(ctx, f)
		}
	}
	return db.reportFunnelRaw(ctx, f, perStage, scope, q)
}

func (db *DB) reportFunnelRaw(ctx context.Context, f hiring.ReportFilter, perStage bool, scope string, q *args) ([]hiring.FunnelCount, error) {
	from, to := q.add(TimeArg(f.From)), q.add(TimeArg(f.To))
	stageCols := "'' AS sid, '' AS sname"
	advCols := "'' AS sid, '' AS sname"
	if perStage {
		stageCols = "ev.stage_id AS sid, ev.stage_name AS sname"
		advCols = "ev.from_stage_id AS sid, COALESCE(fs.name, '') AS sname"
	}
	query := `WITH ev AS (SELECT e.application_id, e.kind, e.stage_id, e.stage_name, e.stage_kind, e.from_stage_id, e.from_stage_kind,
		  e.direction, e.reason_id
		FROM application_events e JOIN applications a ON a.id = e.application_id JOIN jobs j ON j.id = a.job_id
		WHERE e.at >= ` + from + ` AND e.at < ` + to + ` AND ` + scope + `)
	SELECT k, sid, sname, measure, rid, rname, COUNT(DISTINCT application_id) FROM (
	  SELECT ev.application_id, ev.stage_kind AS k, ` + stageCols + `, 'entered' AS measure, '' AS rid, '' AS rname FROM ev WHERE ev.kind = 'entered'
	  UNION ALL
	  SELECT ev.application_id, ev.from_stage_kind, ` + advCols + `, 'advanced', '', '' FROM ev LEFT JOIN stages fs ON fs.id = ev.from_stage_id
	    WHERE ev.kind = 'entered' AND ev.direction > 0
	  UNION ALL
	  SELECT ev.application_id, ev.stage_kind, ` + stageCols + `, 'rejected', COALESCE(ev.reason_id, ''), COALESCE(r.name, '') FROM ev
	    LEFT JOIN rejection_reasons r ON r.id = ev.reason_id WHERE ev.kind = 'rejected'
	  UNION ALL
	  SELECT ev.application_id, ev.stage_kind, ` + stageCols + `, 'withdrew', '', '' FROM ev WHERE ev.kind = 'withdrawn'
	  UNION ALL
	  SELECT ev.application_id, ev.stage_kind, ` + stageCols + `, 'hired', '', '' FROM ev WHERE ev.kind = 'hired'
	) x GROUP BY k, sid, sname, measure, rid, rname`
	rows, err := db.rd.QueryContext(ctx, query, q.list...)
	if err != nil {
		return nil, dbErr("funnel report", err)
	}
	defer rows.Close()
	out := []hiring.FunnelCount{}
	for rows.Next() {
		var c hiring.FunnelCount
		var kind string
		var sid, sname sql.NullString
		if err := rows.Scan(&kind, &sid, &sname, &c.Measure, &c.ReasonID, &c.Reason, &c.Count); err != nil {
			return nil, dbErr("funnel report", err)
		}
		c.StageKind, c.StageID, c.StageName = hiring.StageKind(kind), sid.String, sname.String
		out = append(out, c)
	}
	return out, dbErr("funnel report", rows.Err())
}

// ReportStays lists the stays in stages (other than hired ones) that ended
// in the period. A stay starts when an application enters a stage or is
// reopened where it was, and ends at its next move or decision.
func (db *DB) ReportStays(ctx context.Context, f hiring.ReportFilter) ([]hiring.StageStay, error) {
	q := &args{}
	_, scope, err := reportScope(ctx, f, q)
	if err != nil {
		return nil, err
	}
	from, to := q.add(TimeArg(f.From)), q.add(TimeArg(f.To))
	query := `WITH ev AS (SELECT e.application_id, e.id, e.kind, e.stage_id, e.stage_name, e.stage_kind, e.at,
		  LEAD(e.at) OVER (PARTITION BY e.application_id ORDER BY e.at, e.id) AS next_at
		FROM application_events e JOIN applications a ON a.id = e.application_id JOIN jobs j ON j.id = a.job_id
		WHERE e.at < ` + to + ` AND NOT (e.kind = 'reopened' AND e.from_stage_id IS NOT NULL) AND ` + scope + `
		  AND e.application_id IN (SELECT p.application_id FROM application_events p WHERE p.at >= ` + from + ` AND p.at < ` + to + `))
	SELECT stage_kind, stage_id, stage_name, at, next_at FROM ev
	WHERE kind IN ('entered', 'reopened') AND stage_kind <> 'hired' AND next_at IS NOT NULL AND next_at >= ` + from
	rows, err := db.rd.QueryContext(ctx, query, q.list...)
	if err != nil {
		return nil, dbErr("speed report", err)
	}
	defer rows.Close()
	out := []hiring.StageStay{}
	for rows.Next() {
		var s hiring.StageStay
		var kind string
		if err := rows.Scan(&kind, &s.StageID, &s.StageName, timeCol{&s.Entered}, timeCol{&s.Left}); err != nil {
			return nil, dbErr("speed report", err)
		}
		s.StageKind = hiring.StageKind(kind)
		out = append(out, s)
	}
	return out, dbErr("speed report", rows.Err())
}

// ReportHires lists the hires of the period.
func (db *DB) ReportHires(ctx context.Context, f hiring.ReportFilter) ([]hiring.HireTime, error) {
	q := &args{}
	_, scope, err := reportScope(ctx, f, q)
	if err != nil {
		return nil, err
	}
	query := `SELECT e.at, a.applied_at, COALESCE(j.published_at, j.created_at)
		FROM application_events e JOIN applications a ON a.id = e.application_id JOIN jobs j ON j.id = a.job_id
		WHERE e.kind = 'hired' AND e.at >= ` + q.add(TimeArg(f.From)) + ` AND e.at < ` + q.add(TimeArg(f.To)) + ` AND ` + scope
	rows, err := db.rd.QueryContext(ctx, query, q.list...)
	if err != nil {
		return nil, dbErr("speed report", err)
	}
	defer rows.Close()
	out := []hiring.HireTime{}
	for rows.Next() {
		var h hiring.HireTime
		if err := rows.Scan(timeCol{&h.HiredAt}, timeCol{&h.AppliedAt}, timeCol{&h.JobOpened}); err != nil {
			return nil, dbErr("speed report", err)
		}
		out = append(out, h)
	}
	return out, dbErr("speed report", rows.Err())
}

// ReportOpenAges lists when the active applications on open jobs in scope
// were received.
func (db *DB) ReportOpenAges(ctx context.Context, f hiring.ReportFilter) ([]time.Time, error) {
	q := &args{}
	_, scope, err := reportScope(ctx, f, q)
	if err != nil {
		return nil, err
	}
	rows, err := db.rd.QueryContext(ctx, `SELECT a.applied_at FROM applications a JOIN jobs j ON j.id = a.job_id
		WHERE a.status = 'active' AND j.status = 'open' AND `+scope, q.list...)
	if err != nil {
		return nil, dbErr("speed report", err)
	}
	defer rows.Close()
	out := []time.Time{}
	for rows.Next() {
		var t time.Time
		if err := rows.Scan(timeCol{&t}); err != nil {
			return nil, dbErr("speed report", err)
		}
		out = append(out, t)
	}
	return out, dbErr("speed report", rows.Err())
}

// ReportFirstActions lists the applications received in the period with
// the first thing done to them before its end.
func (db *DB) ReportFirstActions(ctx context.Context, f hiring.ReportFilter) ([]hiring.FirstAction, error) {
	q := &args{}
	_, scope, err := reportScope(ctx, f, q)
	if err != nil {
		return nil, err
	}
	from, to := q.add(TimeArg(f.From)), q.add(TimeArg(f.To))
	rows, err := db.rd.QueryContext(ctx, `SELECT a.applied_at, (SELECT MIN(e.at) FROM application_events e WHERE e.application_id = a.id
		  AND e.at < `+to+` AND NOT (e.kind = 'entered' AND e.from_stage_id IS NULL))
		FROM applications a JOIN jobs j ON j.id = a.job_id
		WHERE a.applied_at >= `+from+` AND a.applied_at < `+to+` AND `+scope, q.list...)
	if err != nil {
		return nil, dbErr("speed report", err)
	}
	defer rows.Close()
	out := []hiring.FirstAction{}
	for rows.Next() {
		var x hiring.FirstAction
		if err := rows.Scan(timeCol{&x.AppliedAt}, nullTimeCol{&x.First}); err != nil {
			return nil, dbErr("speed report", err)
		}
		out = append(out, x)
	}
	return out, dbErr("speed report", rows.Err())
}

// ReportSources follows the applications received in the period, per
// source (ASCII case ignored), to the end of the period.
func (db *DB) ReportSources(ctx context.Context, f hiring.ReportFilter) ([]hiring.SourceCohort, error) {
	q := &args{}
	_, scope, err := reportScope(ctx, f, q)
	if err != nil {
		return nil, err
	}
	from, to := q.add(TimeArg(f.From)), q.add(TimeArg(f.To))
	reached := func(cond string) string {
		return "SUM(CASE WHEN EXISTS (SELECT 1 FROM application_events e WHERE e.application_id = a.id AND e.at < " + to + " AND " + cond + ") THEN 1 ELSE 0 END)"
	}
	// The spelling shown is the smallest by code points on both engines.
	minSource := "MIN(a.source)"
	if db.dialect != DialectSQLite {
		minSource = `MIN(a.source COLLATE "C")`
	}
	rows, err := db.rd.QueryContext(ctx, `SELECT `+minSource+`, COUNT(*),
		  `+reached("e.kind = 'entered' AND e.direction > 0 AND e.from_stage_kind = 'screen'")+`,
		  `+reached("e.kind = 'entered' AND e.stage_kind = 'interview'")+`,
		  `+reached("e.kind = 'entered' AND e.stage_kind = 'offer'")+`,
		  `+reached("e.kind = 'hired'")+`
		FROM applications a JOIN jobs j ON j.id = a.job_id
		WHERE a.applied_at >= `+from+` AND a.applied_at < `+to+` AND `+scope+`
		GROUP BY lower(a.source)`, q.list...)
	if err != nil {
		return nil, dbErr("sources report", err)
	}
	defer rows.Close()
	out := []hiring.SourceCohort{}
	for rows.Next() {
		var s hiring.SourceCohort
		if err := rows.Scan(&s.Source, &s.Applications, &s.ScreenPassed, &s.Interviewed, &s.Offered, &s.Hired); err != nil {
			return nil, dbErr("sources report", err)
		}
		out = append(out, s)
	}
	return out, dbErr("sources report", rows.Err())
}

// ReportTeam counts per user what they did in the period on the
// applications in scope; notes count when written on an application in
// scope, private ones only the viewer's own.
func (db *DB) ReportTeam(ctx context.Context, f hiring.ReportFilter) ([]hiring.TeamCount, error) {
	q := &args{}
	a, scope, err := reportScope(ctx, f, q)
	if err != nil {
		return nil, err
	}
	from, to := q.add(TimeArg(f.From)), q.add(TimeArg(f.To))
	byUser := map[string]*hiring.TeamCount{}
	get := func(id string) *hiring.TeamCount {
		c := byUser[id]
		if c == nil {
			c = &hiring.TeamCount{UserID: id}
			byUser[id] = c
		}
		return c
	}
	rows, err := db.rd.QueryContext(ctx, `SELECT e.actor_id, COUNT(DISTINCT e.application_id),
		  SUM(CASE WHEN e.kind = 'entered' AND e.from_stage_id IS NOT NULL THEN 1 ELSE 0 END),
		  SUM(CASE WHEN e.kind = 'rejected' THEN 1 ELSE 0 END), SUM(CASE WHEN e.kind = 'hired' THEN 1 ELSE 0 END)
		FROM application_events e JOIN applications a ON a.id = e.application_id JOIN jobs j ON j.id = a.job_id
		WHERE e.actor_id IS NOT NULL AND e.at >= `+from+` AND e.at < `+to+` AND `+scope+`
		GROUP BY e.actor_id`, q.list...)
	if err != nil {
		return nil, dbErr("team report", err)
	}
	for rows.Next() {
		var id string
		var r, m, rj, h int
		if err := rows.Scan(&id, &r, &m, &rj, &h); err != nil {
			_ = rows.Close()
			return nil, dbErr("team report", err)
		}
		c := get(id)
		c.Reviewed, c.Moves, c.Rejections, c.Hires = r, m, rj, h
	}
	_ = rows.Close()
	if err := rows.Err(); err != nil {
		return nil, dbErr("team report", err)
	}
	me := q.add(a.UserID)
	rows, err = db.rd.QueryContext(ctx, `SELECT n.author_id, COUNT(*) FROM notes n JOIN applications a ON a.id = n.application_id JOIN jobs j ON j.id = a.job_id
		WHERE n.author_id IS NOT NULL AND n.created_at >= `+from+` AND n.created_at < `+to+` AND (n.private = FALSE OR n.author_id = `+me+`) AND `+scope+`
		GROUP BY n.author_id`, q.list...)
	if err != nil {
		return nil, dbErr("team report", err)
	}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			_ = rows.Close()
			return nil, dbErr("team report", err)
		}
		get(id).Notes = n
	}
	_ = rows.Close()
	if err := rows.Err(); err != nil {
		return nil, dbErr("team report", err)
	}
	out := make([]hiring.TeamCount, 0, len(byUser))
	if len(byUser) > 0 {
		ids := make([]string, 0, len(byUser))
		for id := range byUser {
			ids = append(ids, id)
		}
		p := &args{}
		rows, err := db.rd.QueryContext(ctx, "SELECT id, name, role FROM users WHERE id IN ("+p.in(ids)+")", p.list...)
		if err != nil {
			return nil, dbErr("team report", err)
		}
		for rows.Next() {
			var id, name, role string
			if err := rows.Scan(&id, &name, &role); err != nil {
				_ = rows.Close()
				return nil, dbErr("team report", err)
			}
			c := byUser[id]
			c.Name = name
			if a.SeesDirectory() {
				c.Role = hiring.Role(role)
			}
		}
		_ = rows.Close()
		if err := rows.Err(); err != nil {
			return nil, dbErr("team report", err)
		}
	}
	for _, c := range byUser {
		if c.Name == "" {
			c.Name = "(removed user)"
		}
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].UserID < out[j].UserID })
	return out, nil
}
