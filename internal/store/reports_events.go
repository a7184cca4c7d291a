package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// The application_events rows (migration 00040) are the stage history the
// reports read. Each change to an application writes its rows here in the
// change's own transaction; rows are never updated.

// Event kinds in application_events.kind.
const (
	evEntered   = "entered"
	evRejected  = "rejected"
	evWithdrawn = "withdrawn"
	evMerged    = "merged"
	evHired     = "hired"
	evReopened  = "reopened"
)

// enteredEvent records that an application was placed in stage s at t,
// coming from stage fromID ("" when it was created there). The direction
// compares the two stages' positions as they are now, at the time of the move.
func enteredEvent(ctx context.Context, tx *sql.Tx, a hiring.Actor, appID, jobID string, s hiring.Stage, fromID string, at time.Time) error {
	id := NewID()
	_, err := tx.ExecContext(ctx, `INSERT INTO application_events (id, application_id, job_id, kind, stage_id, stage_name, stage_kind, from_stage_id, from_stage_kind, direction, actor_id, at)
		VALUES ($1, $2, $3, 'entered', $4, $5, $6, $7, COALESCE((SELECT kind FROM stages WHERE id = $7), ''),
		  COALESCE((SELECT CASE WHEN t.position > f.position THEN 1 WHEN t.position < f.position THEN -1 ELSE 0 END
		            FROM stages t, stages f WHERE t.id = $4 AND f.id = $7), 0), $8, $9)`,
		id, appID, jobID, s.ID, s.Name, string(s.Kind), nullString(fromID), nullString(a.UserID), TimeArg(at))
	if err != nil {
		return dbErr("stage history", err)
	}
	return rollupInsert(ctx, tx, appID, id)
}

// statusEvent records a decision on an application sitting in stageID
// (rejected, withdrawn, merged, hired, reopened). fromID is set for a
// reopening into another stage.
func statusEvent(ctx context.Context, tx *sql.Tx, a hiring.Actor, kind, appID, jobID, stageID, fromID, reasonID, reason string, at time.Time) error {
	id := NewID()
	_, err := tx.ExecContext(ctx, `INSERT INTO application_events (id, application_id, job_id, kind, stage_id, stage_name, stage_kind, from_stage_id, reason_id, reason, actor_id, at)
		VALUES ($1, $2, $3, $4, $5, COALESCE((SELECT name FROM stages WHERE id = $5), ''), COALESCE((SELECT kind FROM stages WHERE id = $5), ''),
		  $6, $7, $8, $9, $10)`,
		id, appID, jobID, kind, stageID, nullString(fromID), nullString(reasonID), reason, nullString(a.UserID), TimeArg(at))
	if err != nil {
		return dbErr("stage history", err)
	}
	return rollupInsert(ctx, tx, appID, id)
}
