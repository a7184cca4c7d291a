package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
)

// maxActionLen is the longest activity action name.
const maxActionLen = 100

const actCols = `v.id, v.actor_id, v.actor_name, v.action, v.subject_type, v.subject_id, v.candidate_id, v.job_id, v.summary,
	v.before_json, v.after_json, v.ip, v.created_at`

func scanActivity(row interface{ Scan(...any) error }) (hiring.Activity, error) {
	var e hiring.Activity
	err := row.Scan(&e.ID, strCol{&e.ActorID}, &e.ActorName, &e.Action, &e.SubjectType, &e.SubjectID, strCol{&e.CandidateID},
		strCol{&e.JobID}, &e.Summary, jsonCol{&e.Before}, jsonCol{&e.After}, &e.IP, timeCol{&e.CreatedAt})
	return e, err
}

// activityVisible is the access condition on an activity row v. Interviewers
// see only entries about their jobs, never private ones; hiring managers see
// their jobs' entries and, on timelines, candidate-level ones; recruiters all
// but confidential jobs off their teams; admins everything.
func activityVisible(a hiring.Actor, p *args, jobless bool) string {
	switch {
	case a.IsAdmin():
		return "1=1"
	case a.Role == hiring.RoleRecruiter:
		return "(v.job_id IS NULL OR " + jobIDVisible(a, "v.job_id", p) + ")"
	case a.Role == hiring.RoleInterviewer:
		return "v.private = FALSE AND v.job_id IS NOT NULL AND " + jobIDVisible(a, "v.job_id", p)
	}
	if jobless {
		// Hiring managers see no talent pools (hiring/pool.go), nor their entries.
		return "v.subject_type <> 'pool' AND (v.job_id IS NULL OR " + jobIDVisible(a, "v.job_id", p) + ")"
	}
	return "v.job_id IS NOT NULL AND " + jobIDVisible(a, "v.job_id", p)
}

func (db *DB) activityPage(ctx context.Context, a hiring.Actor, where []string, p *args, pr hiring.PageRequest) (hiring.Page[hiring.Activity], error) {
	limit := pr.Clamp()
	cur, err := decodeCursor(pr.Cursor, 1)
	if err != nil {
		return hiring.Page[hiring.Activity]{}, err
	}
	var total int
	if pr.CountTotal {
		if err := db.rd.QueryRowContext(ctx, "SELECT COUNT(*) FROM activity v"+whereSQL(where), p.list...).Scan(&total); err != nil {
			return hiring.Page[hiring.Activity]{}, dbErr("count activity", err)
		}
	}
	if cur != nil {
		where = append(where, "v.id < "+p.add(cur[0]))
	}
	rows, err := db.rd.QueryContext(ctx, "SELECT "+actCols+" FROM activity v"+whereSQL(where)+" ORDER BY v.id DESC LIMIT "+strconv.Itoa(limit+1), p.list...)
	if err != nil {
		return hiring.Page[hiring.Activity]{}, dbErr("activity", err)
	}
	defer rows.Close()
	var out []hiring.Activity
	for rows.Next() {
		e, err := scanActivity(rows)
		if err != nil {
			return hiring.Page[hiring.Activity]{}, dbErr("activity", err)
		}
		if !a.SeesPrivate() {
			// Salary changes live in job entries; interviewers see the entry without them.
			delete(e.Before, "salary")
			delete(e.After, "salary")
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return hiring.Page[hiring.Activity]{}, dbErr("activity", err)
	}
	page := pageOf(out, limit, func(e hiring.Activity) []string { return []string{e.ID} })
	page.Total = total
	return page, nil
}

// CandidateActivity is a candidate's timeline as the actor may see it.
func (db *DB) CandidateActivity(ctx context.Context, candidateID string, pr hiring.PageRequest) (hiring.Page[hiring.Activity], error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Page[hiring.Activity]{}, err
	}
	if err := db.canSeeCandidate(ctx, db.rd, a, candidateID); err != nil {
		return hiring.Page[hiring.Activity]{}, err
	}
	p := &args{}
	where := []string{"v.candidate_id = " + p.add(candidateID), activityVisible(a, p, true)}
	return db.activityPage(ctx, a, where, p, pr)
}

// JobActivity is a job's timeline.
func (db *DB) JobActivity(ctx context.Context, jobID string, pr hiring.PageRequest) (hiring.Page[hiring.Activity], error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Page[hiring.Activity]{}, err
	}
	if err := db.canSeeJob(ctx, db.rd, a, jobID); err != nil {
		return hiring.Page[hiring.Activity]{}, err
	}
	p := &args{}
	where := []string{"v.job_id = " + p.add(jobID)}
	if !a.SeesPrivate() {
		where = append(where, "v.private = FALSE")
	}
	return db.activityPage(ctx, a, where, p, pr)
}

// RecentActivity is the dashboard feed: hiring records the actor may see.
func (db *DB) RecentActivity(ctx context.Context, pr hiring.PageRequest) (hiring.Page[hiring.Activity], error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Page[hiring.Activity]{}, err
	}
	p := &args{}
	where := []string{"v.subject_type IN ('job', 'stage', 'candidate', 'application', 'note', 'document')", activityVisible(a, p, false),
		// The parser's results are the system's bookkeeping: after a demo
		// load or a big import they would be all the feed shows. Each stays
		// on its candidate's timeline.
		"NOT (v.actor_id IS NULL AND v.action IN ('document.parsed', 'document.parse_failed'))"}
	return db.activityPage(ctx, a, where, p, pr)
}

// AuditLog is the admins' unfiltered log.
func (db *DB) AuditLog(ctx context.Context, f hiring.ActivityFilter, pr hiring.PageRequest) (hiring.Page[hiring.Activity], error) {
	a, err := requireAdmin(ctx, "the audit log")
	if err != nil {
		return hiring.Page[hiring.Activity]{}, err
	}
	p := &args{}
	var where []string
	if f.ActorID != "" {
		where = append(where, "v.actor_id = "+p.add(f.ActorID))
	}
	if f.Action != "" {
		// No action is longer (RecordActivity holds them to it); a longer
		// prefix would also pass SQLite's LIKE pattern limit.
		if len(f.Action) > maxActionLen {
			return hiring.Page[hiring.Activity]{}, invalid("action", "must be at most 100 characters")
		}
		// Actions are lower case; SQLite's LIKE ignores ASCII case and
		// PostgreSQL's does not, so the prefix is lowered for both.
		where = append(where, "v.action LIKE "+p.add(escapeLike(strings.ToLower(f.Action))+"%")+" ESCAPE '\\'")
	}
	if f.SubjectType != "" {
		where = append(where, "v.subject_type = "+p.add(f.SubjectType))
	}
	if f.CandidateID != "" {
		where = append(where, "v.candidate_id = "+p.add(f.CandidateID))
	}
	if f.JobID != "" {
		where = append(where, "v.job_id = "+p.add(f.JobID))
	}
	if !f.Since.IsZero() {
		where = append(where, "v.created_at >= "+p.add(TimeArg(f.Since)))
	}
	if !f.Until.IsZero() {
		where = append(where, "v.created_at < "+p.add(TimeArg(f.Until)))
	}
	return db.activityPage(ctx, a, where, p, pr)
}

// RecordActivity writes a standalone entry (logins, logouts…). The actor
// fields come from the context, so callers cannot write in someone's name.
func (db *DB) RecordActivity(ctx context.Context, e hiring.Activity) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	var v hiring.Validation
	if e.Action == "" || len(e.Action) > maxActionLen {
		v.Add("action", "is required (at most 100 characters)")
	}
	if e.SubjectType == "" {
		v.Add("subject_type", "is required")
	}
	if err := v.Err(); err != nil {
		return err
	}
	if !a.System {
		e.ActorID, e.ActorName = a.UserID, a.Name
	}
	e.ID, e.CreatedAt = "", now()
	return db.write(ctx, func(tx *sql.Tx) error { return db.record(ctx, tx, a, e, false) })
}
