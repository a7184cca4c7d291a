package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// CreateApplication puts a candidate into a job's pipeline.
func (db *DB) CreateApplication(ctx context.Context, in hiring.NewApplication) (hiring.Application, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Application{}, err
	}
	var v hiring.Validation
	if in.CandidateID == "" {
		v.Add("candidate_id", "is required")
	}
	if in.JobID == "" {
		v.Add("job_id", "is required")
	}
	in.Source = strings.TrimSpace(in.Source)
	if len([]rune(in.Source)) > 100 {
		v.Add("source", "must be at most 100 characters")
	}
	if err := v.Err(); err != nil {
		return hiring.Application{}, err
	}
	var x hiring.Application
	err = db.write(ctx, func(tx *sql.Tx) error {
		var err error
		x, err = db.insertApplication(ctx, tx, a, in)
		return err
	})
	return x, err
}

// insertApplication authorizes and writes a new application with its first
// stage visit and activity, all in tx.
func (db *DB) insertApplication(ctx context.Context, tx *sql.Tx, a hiring.Actor, in hiring.NewApplication) (hiring.Application, error) {
	job, err := db.loadJob(ctx, tx, a, in.JobID)
	if err != nil {
		if hiring.ErrorCode(err) == hiring.ENotFound {
			return hiring.Application{}, invalid("job_id", "no such job")
		}
		return hiring.Application{}, err
	}
	if err := canDecide(ctx, tx, a, in.JobID); err != nil {
		return hiring.Application{}, err
	}
	cand, err := db.loadCandidate(ctx, tx, a, in.CandidateID)
	if err != nil {
		if hiring.ErrorCode(err) == hiring.ENotFound {
			return hiring.Application{}, invalid("candidate_id", "no such candidate")
		}
		return hiring.Application{}, err
	}
	if job.Status == hiring.JobClosed || job.Status == hiring.JobArchived {
		return hiring.Application{}, conflict("job_id", "the job is "+string(job.Status))
	}
	stages, err := stagesOf(ctx, tx, in.JobID)
	if err != nil {
		return hiring.Application{}, err
	}
	var stage *hiring.Stage
	for i := range stages {
		if (in.StageID == "" && i == 0) || stages[i].ID == in.StageID {
			stage = &stages[i]
			break
		}
	}
	if stage == nil {
		return hiring.Application{}, invalid("stage_id", "is not a stage of this job")
	}
	if in.CreditedToID != "" {
		var one int
		if err := tx.QueryRowContext(ctx, "SELECT 1 FROM users WHERE id = $1", in.CreditedToID).Scan(&one); err == sql.ErrNoRows {
			return hiring.Application{}, invalid("credited_to_id", "no such user")
		} else if err != nil {
			return hiring.Application{}, dbErr("check user", err)
		}
	}
	t := now()
	applied := in.AppliedAt.UTC().Truncate(time.Microsecond)
	if in.AppliedAt.IsZero() {
		applied = t
	}
	id := NewID()
	_, err = tx.ExecContext(ctx, `INSERT INTO applications (id, candidate_id, job_id, stage_id, status, source, credited_to_id,
		applied_at, stage_entered_at, rejection_reason, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, 'active', $5, $6, $7, $8, '', 1, $9, $10)`,
		id, in.CandidateID, in.JobID, stage.ID, in.Source, nullString(in.CreditedToID), TimeArg(applied), TimeArg(t), TimeArg(t), TimeArg(t))
	if isUniqueViolation(err) {
		return hiring.Application{}, conflict("job_id", cand.Name()+" already has an active application for this job")
	}
	if err != nil {
		return hiring.Application{}, dbErr("create application", err)
	}
	if err := countActive(ctx, tx, in.JobID, +1); err != nil {
		return hiring.Application{}, err
	}
	if err := openVisit(ctx, tx, a, id, *stage, t); err != nil {
		return hiring.Application{}, err
	}
	if err := db.record(ctx, tx, a, hiring.Activity{Action: "application.created", SubjectType: "application", SubjectID: id,
		CandidateID: in.CandidateID, JobID: in.JobID, Summary: "added " + cand.Name() + " to " + job.Title + " in " + stage.Name,
		After: map[string]any{"stage": stage.Name, "source": in.Source}}, false); err != nil {
		return hiring.Application{}, err
	}
	return db.loadApp(ctx, tx, hiring.SystemActor(), id)
}

// countActive keeps jobs.active_applications in step with status changes.
func countActive(ctx context.Context, tx *sql.Tx, jobID string, delta int) error {
	_, err := tx.ExecContext(ctx, "UPDATE jobs SET active_applications = active_applications + $1 WHERE id = $2", delta, jobID)
	return dbErr("count active applications", err)
}

func openVisit(ctx context.Context, tx *sql.Tx, a hiring.Actor, appID string, s hiring.Stage, at time.Time) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO stage_visits (id, application_id, stage_id, stage_name, entered_at, actor_name) VALUES ($1, $2, $3, $4, $5, $6)",
		NewID(), appID, s.ID, s.Name, TimeArg(at), a.Name)
	return dbErr("stage visit", err)
}

func closeVisit(ctx context.Context, tx *sql.Tx, appID string, at time.Time) error {
	_, err := tx.ExecContext(ctx, "UPDATE stage_visits SET left_at = $1 WHERE application_id = $2 AND left_at IS NULL", TimeArg(at), appID)
	return dbErr("stage visit", err)
}

// changeable loads an application for a change: visible, the actor may
// decide on its job, and the version matches when one is given.
func (db *DB) changeable(ctx context.Context, tx *sql.Tx, a hiring.Actor, id string, version int) (hiring.Application, error) {
	x, err := db.loadApp(ctx, tx, a, id)
	if err != nil {
		return x, err
	}
	if err := canDecide(ctx, tx, a, x.JobID); err != nil {
		return x, err
	}
	if version != 0 && version != x.Version {
		return x, staleVersion("application")
	}
	return x, nil
}

func (db *DB) moveTx(ctx context.Context, tx *sql.Tx, a hiring.Actor, id string, version int, stageID string) (hiring.Application, bool, error) {
	x, err := db.changeable(ctx, tx, a, id, version)
	if err != nil {
		return x, false, err
	}
	var to hiring.Stage
	err = tx.QueryRowContext(ctx, "SELECT id, job_id, name, kind, position FROM stages WHERE id = $1", stageID).Scan(&to.ID, &to.JobID, &to.Name, &to.Kind, &to.Position)
	if err == sql.ErrNoRows || (err == nil && to.JobID != x.JobID) {
		return x, false, invalid("stage_id", "is not a stage of this job")
	}
	if err != nil {
		return x, false, dbErr("load stage", err)
	}
	if x.Status != hiring.AppActive {
		return x, false, conflict("status", "only active applications can be moved; this one is "+string(x.Status))
	}
	if to.ID == x.StageID {
		return x, false, nil
	}
	t := now()
	res, err := tx.ExecContext(ctx, "UPDATE applications SET stage_id = $1, stage_entered_at = $2, version = version + 1, updated_at = $3 WHERE id = $4 AND version = $5",
		to.ID, TimeArg(t), TimeArg(t), id, x.Version)
	if err != nil {
		return x, false, dbErr("move application", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return x, false, staleVersion("application")
	}
	if err := closeVisit(ctx, tx, id, t); err != nil {
		return x, false, err
	}
	if err := openVisit(ctx, tx, a, id, to, t); err != nil {
		return x, false, err
	}
	if err := db.record(ctx, tx, a, hiring.Activity{Action: "application.moved", SubjectType: "application", SubjectID: id,
		CandidateID: x.CandidateID, JobID: x.JobID, Summary: "moved " + x.CandidateName + " from " + x.StageName + " to " + to.Name,
		Before: map[string]any{"stage_id": x.StageID, "stage": x.StageName}, After: map[string]any{"stage_id": to.ID, "stage": to.Name}}, false); err != nil {
		return x, false, err
	}
	x, err = db.loadApp(ctx, tx, hiring.SystemActor(), id)
	return x, true, err
}

// MoveApplication moves an active application to another stage of its job.
func (db *DB) MoveApplication(ctx context.Context, id string, version int, stageID string) (hiring.Application, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Application{}, err
	}
	var x hiring.Application
	err = db.write(ctx, func(tx *sql.Tx) error {
		var err error
		x, _, err = db.moveTx(ctx, tx, a, id, version, stageID)
		return err
	})
	return x, err
}

// resolveReason checks a rejection reason: a listed reason, free text, or both.
func resolveReason(ctx context.Context, q querier, reasonID, text string) (string, error) {
	text = strings.TrimSpace(text)
	if len([]rune(text)) > 500 {
		return "", invalid("reason", "must be at most 500 characters")
	}
	if reasonID == "" {
		if text == "" {
			return "", invalid("reason_id", "choose a reason or write one")
		}
		return text, nil
	}
	var name string
	err := q.QueryRowContext(ctx, "SELECT name FROM rejection_reasons WHERE id = $1", reasonID).Scan(&name)
	if err == sql.ErrNoRows {
		return "", invalid("reason_id", "no such rejection reason")
	}
	if err != nil {
		return "", dbErr("rejection reason", err)
	}
	if text != "" {
		return name + ": " + text, nil
	}
	return name, nil
}

func (db *DB) rejectTx(ctx context.Context, tx *sql.Tx, a hiring.Actor, id string, version int, reasonID, reason string) (hiring.Application, error) {
	x, err := db.changeable(ctx, tx, a, id, version)
	if err != nil {
		return x, err
	}
	if x.Status != hiring.AppActive {
		return x, conflict("status", "only active applications can be rejected; this one is "+string(x.Status))
	}
	t := now()
	res, err := tx.ExecContext(ctx, `UPDATE applications SET status = 'rejected', rejection_reason_id = $1, rejection_reason = $2,
		rejected_at = $3, version = version + 1, updated_at = $4 WHERE id = $5 AND version = $6`,
		nullString(reasonID), reason, TimeArg(t), TimeArg(t), id, x.Version)
	if err != nil {
		return x, dbErr("reject application", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return x, staleVersion("application")
	}
	if err := countActive(ctx, tx, x.JobID, -1); err != nil {
		return x, err
	}
	if err := db.record(ctx, tx, a, hiring.Activity{Action: "application.rejected", SubjectType: "application", SubjectID: id,
		CandidateID: x.CandidateID, JobID: x.JobID, Summary: "rejected " + x.CandidateName + " for " + x.JobTitle + ": " + reason,
		Before: map[string]any{"status": string(x.Status)}, After: map[string]any{"status": "rejected", "reason": reason}}, false); err != nil {
		return x, err
	}
	return db.loadApp(ctx, tx, hiring.SystemActor(), id)
}

// RejectApplication rejects an active application with a reason.
func (db *DB) RejectApplication(ctx context.Context, id string, version int, reasonID, reasonText string) (hiring.Application, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Application{}, err
	}
	var x hiring.Application
	err = db.write(ctx, func(tx *sql.Tx) error {
		reason, err := resolveReason(ctx, tx, reasonID, reasonText)
		if err != nil {
			return err
		}
		x, err = db.rejectTx(ctx, tx, a, id, version, reasonID, reason)
		return err
	})
	return x, err
}

// setStatus performs hire, withdraw and reopen.
func (db *DB) setStatus(ctx context.Context, id string, version int, to hiring.ApplicationStatus) (hiring.Application, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Application{}, err
	}
	var x hiring.Application
	err = db.write(ctx, func(tx *sql.Tx) error {
		old, err := db.changeable(ctx, tx, a, id, version)
		if err != nil {
			return err
		}
		t := TimeArg(now())
		var query, action, summary string
		switch to {
		case hiring.AppHired:
			if old.Status != hiring.AppActive {
				return conflict("status", "only active applications can be hired; this one is "+string(old.Status))
			}
			query = "UPDATE applications SET status = 'hired', hired_at = $1, version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3"
			action, summary = "application.hired", "hired "+old.CandidateName+" for "+old.JobTitle
		case hiring.AppWithdrawn:
			if old.Status != hiring.AppActive {
				return conflict("status", "only active applications can be withdrawn; this one is "+string(old.Status))
			}
			query = "UPDATE applications SET status = 'withdrawn', withdrawn_at = $1, version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3"
			action, summary = "application.withdrawn", old.CandidateName+" withdrew from "+old.JobTitle
		default:
			if old.Status != hiring.AppRejected && old.Status != hiring.AppWithdrawn {
				return conflict("status", "only rejected or withdrawn applications can be reopened; this one is "+string(old.Status))
			}
			query = `UPDATE applications SET status = 'active', rejected_at = NULL, withdrawn_at = NULL, rejection_reason_id = NULL,
				rejection_reason = '', version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3`
			action, summary = "application.reopened", "reopened "+old.CandidateName+" for "+old.JobTitle
		}
		res, err := tx.ExecContext(ctx, query, t, id, old.Version)
		if isUniqueViolation(err) {
			return conflict("job_id", old.CandidateName+" already has an active application for this job")
		}
		if err != nil {
			return dbErr(action, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return staleVersion("application")
		}
		delta := -1
		if to == hiring.AppActive {
			delta = 1
		}
		if err := countActive(ctx, tx, old.JobID, delta); err != nil {
			return err
		}
		if err := db.record(ctx, tx, a, hiring.Activity{Action: action, SubjectType: "application", SubjectID: id,
			CandidateID: old.CandidateID, JobID: old.JobID, Summary: summary,
			Before: map[string]any{"status": string(old.Status)}, After: map[string]any{"status": string(to)}}, false); err != nil {
			return err
		}
		x, err = db.loadApp(ctx, tx, hiring.SystemActor(), id)
		return err
	})
	return x, err
}

// HireApplication marks an active application hired.
func (db *DB) HireApplication(ctx context.Context, id string, version int) (hiring.Application, error) {
	return db.setStatus(ctx, id, version, hiring.AppHired)
}

// WithdrawApplication records that the candidate withdrew.
func (db *DB) WithdrawApplication(ctx context.Context, id string, version int) (hiring.Application, error) {
	return db.setStatus(ctx, id, version, hiring.AppWithdrawn)
}

// ReopenApplication sets a rejected or withdrawn application active again.
func (db *DB) ReopenApplication(ctx context.Context, id string, version int) (hiring.Application, error) {
	return db.setStatus(ctx, id, version, hiring.AppActive)
}
