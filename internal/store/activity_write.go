package store

import (
	"context"
	"database/sql"

	"github.com/candor-ats/candor/internal/hiring"
)

// record writes an activity row inside the caller's transaction, so the
// timeline and the change commit or fail together. private hides the entry
// from interviewers (private notes); salary keys are stripped on read.
func (db *DB) record(ctx context.Context, tx *sql.Tx, a hiring.Actor, e hiring.Activity, private bool) error {
	if e.ID == "" {
		e.ID = NewID()
	}
	if e.CreatedAt.IsZero() {
		e.CreatedAt = now()
	}
	if e.ActorID == "" && !a.System {
		e.ActorID = a.UserID
	}
	if e.ActorName == "" {
		e.ActorName = a.Name
	}
	if e.IP == "" {
		e.IP = a.IP
	}
	_, err := db.txExec(ctx, tx, `INSERT INTO activity (id, actor_id, actor_name, action, subject_type, subject_id,
		candidate_id, job_id, summary, before_json, after_json, ip, private, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
		e.ID, nullString(e.ActorID), e.ActorName, e.Action, e.SubjectType, e.SubjectID,
		nullString(e.CandidateID), nullString(e.JobID), e.Summary, nullJSON(e.Before), nullJSON(e.After),
		e.IP, private, TimeArg(e.CreatedAt))
	return dbErr("record activity", err)
}

// diff keeps the keys whose values differ, for before → after entries.
func diff(before, after map[string]any) (map[string]any, map[string]any) {
	b, a := map[string]any{}, map[string]any{}
	for k, av := range after {
		if !equalJSON(before[k], av) {
			b[k], a[k] = before[k], av
		}
	}
	return b, a
}

func equalJSON(x, y any) bool {
	return jsonArg(x).(string) == jsonArg(y).(string)
}
