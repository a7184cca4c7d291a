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
	return db.insertApplicationCounting(ctx, tx, a, in, true)
}

// insertApplicationCounting is insertApplication; count false leaves the
// job's active count to the caller (countActive), who does it last: on
// PostgreSQL the job's row stays locked from that UPDATE to the commit, and
// the careers intake adds many applications to one job at once.
func (db *DB) insertApplicationCounting(ctx context.Context, tx *sql.Tx, a hiring.Actor, in hiring.NewApplication, count bool) (hiring.Application, error) {
	q := db.cached(tx) // the careers intake adds applications by the hundred a second
	job, err := db.loadJob(ctx, q, a, in.JobID)
	if err != nil {
		if hiring.ErrorCode(err) == hiring.ENotFound {
			return hiring.Application{}, invalid("job_id", "no such job")
		}
		return hiring.Application{}, err
	}
	if err := canDecide(ctx, tx, a, in.JobID); err != nil {
		return hiring.Application{}, err
	}
	cand, err := db.loadCandidate(ctx, q, a, in.CandidateID)
	if err != nil {
		if hiring.ErrorCode(err) == hiring.ENotFound {
			return hiring.Application{}, invalid("candidate_id", "no such candidate")
		}
		return hiring.Application{}, err
	}
	if job.Status == hiring.JobClosed || job.Status == hiring.JobArchived {
		return hiring.Application{}, conflict("job_id", "the job is "+string(job.Status))
	}
	stages, err := stagesOf(ctx, q, in.JobID)
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
	_, err = db.txExec(ctx, tx, `INSERT INTO applications (id, candidate_id, job_id, stage_id, status, source, credited_to_id,
		applied_at, stage_entered_at, rejection_reason, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, 'active', $5, $6, $7, $8, '', 1, $9, $10)`,
		id, in.CandidateID, in.JobID, stage.ID, in.Source, nullString(in.CreditedToID), TimeArg(applied), TimeArg(t), TimeArg(t), TimeArg(t))
	if isUniqueViolation(err) {
		return hiring.Application{}, conflict("job_id", cand.Name()+" already has an active application for this job")
	}
	if err != nil {
		return hiring.Application{}, dbErr("create application", err)
	}
	if count {
		if err := countActive(ctx, tx, in.JobID, +1); err != nil {
			return hiring.Application{}, err
		}
	}
	if err := openVisit(ctx, tx, a, id, *stage, t); err != nil {
		return hiring.Application{}, err
	}
	entered := t
	if applied.Before(t) {
		entered = applied
	}
	if err := enteredEvent(ctx, tx, a, id, in.JobID, *stage, "", entered); err != nil {
		return hiring.Application{}, err
	}
	if err := db.record(ctx, tx, a, hiring.Activity{Action: "application.created", SubjectType: "application", SubjectID: id,
		CandidateID: in.CandidateID, JobID: in.JobID, Summary: "added " + cand.Name() + " to " + job.Title + " in " + stage.Name,
		After: map[string]any{"stage": stage.Name, "source": in.Source}}, false); err != nil {
		return hiring.Application{}, err
	}
	return db.loadApp(ctx, q, hiring.SystemActor(), id)
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

// moveTx moves an application to another stage of its job. The hired stage
// is not a place but a decision: entering it hires (hireTx), and moving a
// hired application out of it reopens it there (reopenTx).
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
	switch {
	case x.Status == hiring.AppActive && to.Kind == hiring.StageHired:
		x, err = db.hireTx(ctx, tx, a, x, &to)
		return x, err == nil, err
	case x.Status == hiring.AppHired && to.Kind != hiring.StageHired:
		x, err = db.reopenTx(ctx, tx, a, x, &to)
		return x, err == nil, err
	case x.Status != hiring.AppActive && x.Status != hiring.AppHired:
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
	if err := changeVisit(ctx, tx, a, x, to, t); err != nil {
		return x, false, err
	}
	if err := db.record(ctx, tx, a, hiring.Activity{Action: "application.moved", SubjectType: "application", SubjectID: id,
		CandidateID: x.CandidateID, JobID: x.JobID, Summary: "moved " + x.CandidateName + " from " + x.StageName + " to " + to.Name,
		Before: map[string]any{"stage_id": x.StageID, "stage": x.StageName}, After: map[string]any{"stage_id": to.ID, "stage": to.Name}}, false); err != nil {
		return x, false, err
	}
	x, err = db.loadApp(ctx, tx, hiring.SystemActor(), id)
	if err != nil {
		return x, false, err
	}
	return x, true, db.automate(ctx, tx, hiring.TriggerStageEntered, x, &to, "")
}

// changeVisit ends x's current stage visit and opens one in s, and records
// the move in the stage history.
func changeVisit(ctx context.Context, tx *sql.Tx, a hiring.Actor, x hiring.Application, s hiring.Stage, at time.Time) error {
	if err := closeVisit(ctx, tx, x.ID, at); err != nil {
		return err
	}
	if err := openVisit(ctx, tx, a, x.ID, s, at); err != nil {
		return err
	}
	return enteredEvent(ctx, tx, a, x.ID, x.JobID, s, x.StageID, at)
}

// hiredStage is the job's first stage of kind hired, where hired
// applications sit; ok is false for a pipeline without one.
func hiredStage(ctx context.Context, tx *sql.Tx, jobID string) (s hiring.Stage, ok bool, err error) {
	stages, err := stagesOf(ctx, tx, jobID)
	if err != nil {
		return s, false, err
	}
	for _, st := range stages {
		if st.Kind == hiring.StageHired {
			return st, true, nil
		}
	}
	return s, false, nil
}

// hireTx is the one way an application becomes hired (the Hire action, a
// move into a hired stage, a bulk move there): status hired with hired_at,
// in the hired stage `to` (nil: the job's first; a pipeline without one
// leaves it where it is).
func (db *DB) hireTx(ctx context.Context, tx *sql.Tx, a hiring.Actor, x hiring.Application, to *hiring.Stage) (hiring.Application, error) {
	if x.Status != hiring.AppActive {
		return x, conflict("status", "only active applications can be hired; this one is "+string(x.Status))
	}
	if to == nil {
		s, ok, err := hiredStage(ctx, tx, x.JobID)
		if err != nil {
			return x, err
		}
		if ok {
			to = &s
		}
	}
	t := now()
	stageID, entered := x.StageID, x.StageEnteredAt
	if to != nil && to.ID != x.StageID {
		stageID, entered = to.ID, t
	}
	res, err := tx.ExecContext(ctx, `UPDATE applications SET status = 'hired', hired_at = $1, stage_id = $2, stage_entered_at = $3,
		version = version + 1, updated_at = $1 WHERE id = $4 AND version = $5`, TimeArg(t), stageID, TimeArg(entered), x.ID, x.Version)
	if err != nil {
		return x, dbErr("hire application", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return x, staleVersion("application")
	}
	before := map[string]any{"status": string(x.Status), "stage_id": x.StageID, "stage": x.StageName}
	after := map[string]any{"status": string(hiring.AppHired), "stage_id": x.StageID, "stage": x.StageName}
	if stageID != x.StageID {
		if err := changeVisit(ctx, tx, a, x, *to, t); err != nil {
			return x, err
		}
		after["stage_id"], after["stage"] = to.ID, to.Name
	}
	if err := countActive(ctx, tx, x.JobID, -1); err != nil {
		return x, err
	}
	if err := statusEvent(ctx, tx, a, evHired, x.ID, x.JobID, stageID, "", "", "", t); err != nil {
		return x, err
	}
	if err := db.record(ctx, tx, a, hiring.Activity{Action: "application.hired", SubjectType: "application", SubjectID: x.ID,
		CandidateID: x.CandidateID, JobID: x.JobID, Summary: "hired " + x.CandidateName + " for " + x.JobTitle,
		Before: before, After: after}, false); err != nil {
		return x, err
	}
	y, err := db.loadApp(ctx, tx, hiring.SystemActor(), x.ID)
	if err != nil || stageID == x.StageID {
		return y, err
	}
	return y, db.automate(ctx, tx, hiring.TriggerStageEntered, y, to, "")
}

// reopenTx sets a rejected, withdrawn or hired application active again,
// in stage `to`. nil: a rejected or withdrawn one stays where it was; a
// hired one leaves the hired stage for the stage it came from (or the one
// before the hired stage), since staying there would hire it again.
func (db *DB) reopenTx(ctx context.Context, tx *sql.Tx, a hiring.Actor, x hiring.Application, to *hiring.Stage) (hiring.Application, error) {
	switch x.Status {
	case hiring.AppRejected, hiring.AppWithdrawn, hiring.AppHired:
	default:
		return x, conflict("status", "only rejected, withdrawn or hired applications can be reopened; this one is "+string(x.Status))
	}
	if to == nil && x.Status == hiring.AppHired {
		s, err := db.stageBeforeHired(ctx, tx, x)
		if err != nil {
			return x, err
		}
		to = s
	}
	t := now()
	stageID, entered := x.StageID, x.StageEnteredAt
	if to != nil && to.ID != x.StageID {
		stageID, entered = to.ID, t
	}
	res, err := tx.ExecContext(ctx, `UPDATE applications SET status = 'active', rejected_at = NULL, withdrawn_at = NULL, hired_at = NULL,
		rejection_reason_id = NULL, rejection_reason = '', stage_id = $1, stage_entered_at = $2, version = version + 1, updated_at = $3
		WHERE id = $4 AND version = $5`, stageID, TimeArg(entered), TimeArg(t), x.ID, x.Version)
	if isUniqueViolation(err) {
		return x, conflict("job_id", x.CandidateName+" already has an active application for this job")
	}
	if err != nil {
		return x, dbErr("reopen application", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return x, staleVersion("application")
	}
	summary := "reopened " + x.CandidateName + " for " + x.JobTitle
	before := map[string]any{"status": string(x.Status), "stage_id": x.StageID, "stage": x.StageName}
	after := map[string]any{"status": string(hiring.AppActive), "stage_id": x.StageID, "stage": x.StageName}
	if stageID != x.StageID {
		if err := changeVisit(ctx, tx, a, x, *to, t); err != nil {
			return x, err
		}
		after["stage_id"], after["stage"] = to.ID, to.Name
		summary += " in " + to.Name
	}
	if err := countActive(ctx, tx, x.JobID, +1); err != nil {
		return x, err
	}
	from := ""
	if stageID != x.StageID {
		from = x.StageID
	}
	if err := statusEvent(ctx, tx, a, evReopened, x.ID, x.JobID, stageID, from, "", "", t); err != nil {
		return x, err
	}
	if err := db.record(ctx, tx, a, hiring.Activity{Action: "application.reopened", SubjectType: "application", SubjectID: x.ID,
		CandidateID: x.CandidateID, JobID: x.JobID, Summary: summary, Before: before, After: after}, false); err != nil {
		return x, err
	}
	if x.Status == hiring.AppRejected {
		// The rejection is undone: its mail, if still waiting, must not go.
		if err := db.cancelRejectionMail(ctx, tx, a, x); err != nil {
			return x, err
		}
	}
	y, err := db.loadApp(ctx, tx, hiring.SystemActor(), x.ID)
	if err != nil || stageID == x.StageID {
		return y, err
	}
	return y, db.automate(ctx, tx, hiring.TriggerStageEntered, y, to, "")
}

// stageBeforeHired is where a hired application goes back to when it is
// reopened: the last stage it was in that is not a hired one, or else the
// stage before the job's first hired stage. nil: it is not in a hired stage.
func (db *DB) stageBeforeHired(ctx context.Context, tx *sql.Tx, x hiring.Application) (*hiring.Stage, error) {
	stages, err := stagesOf(ctx, tx, x.JobID)
	if err != nil {
		return nil, err
	}
	byID := map[string]hiring.Stage{}
	for _, s := range stages {
		byID[s.ID] = s
	}
	if byID[x.StageID].Kind != hiring.StageHired {
		return nil, nil
	}
	var prev string
	err = tx.QueryRowContext(ctx, `SELECT v.stage_id FROM stage_visits v JOIN stages s ON s.id = v.stage_id
		WHERE v.application_id = $1 AND s.kind <> 'hired' ORDER BY v.entered_at DESC, v.id DESC LIMIT 1`, x.ID).Scan(&prev)
	if err != nil && err != sql.ErrNoRows {
		return nil, dbErr("stage history", err)
	}
	if s, ok := byID[prev]; ok {
		return &s, nil
	}
	var before *hiring.Stage
	for i := range stages {
		if stages[i].Kind == hiring.StageHired {
			break
		}
		before = &stages[i]
	}
	return before, nil
}

// MoveApplication moves an application to another stage of its job; into
// the hired stage it hires, out of it it reopens (see moveTx).
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
	if err := statusEvent(ctx, tx, a, evRejected, id, x.JobID, x.StageID, "", reasonID, reason, t); err != nil {
		return x, err
	}
	if err := db.record(ctx, tx, a, hiring.Activity{Action: "application.rejected", SubjectType: "application", SubjectID: id,
		CandidateID: x.CandidateID, JobID: x.JobID, Summary: "rejected " + x.CandidateName + " for " + x.JobTitle + ": " + reason,
		Before: map[string]any{"status": string(x.Status)}, After: map[string]any{"status": "rejected", "reason": reason}}, false); err != nil {
		return x, err
	}
	y, err := db.loadApp(ctx, tx, hiring.SystemActor(), id)
	if err != nil {
		return y, err
	}
	return y, db.automate(ctx, tx, hiring.TriggerRejected, y, nil, "")
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

// WithdrawApplication records that the candidate withdrew.
func (db *DB) WithdrawApplication(ctx context.Context, id string, version int) (hiring.Application, error) {
	return db.decide(ctx, id, version, func(tx *sql.Tx, a hiring.Actor, old hiring.Application) (hiring.Application, error) {
		if old.Status != hiring.AppActive {
			return old, conflict("status", "only active applications can be withdrawn; this one is "+string(old.Status))
		}
		at := now()
		t := TimeArg(at)
		res, err := tx.ExecContext(ctx, "UPDATE applications SET status = 'withdrawn', withdrawn_at = $1, version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3",
			t, id, old.Version)
		if err != nil {
			return old, dbErr("withdraw application", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return old, staleVersion("application")
		}
		if err := countActive(ctx, tx, old.JobID, -1); err != nil {
			return old, err
		}
		if err := statusEvent(ctx, tx, a, evWithdrawn, id, old.JobID, old.StageID, "", "", "", at); err != nil {
			return old, err
		}
		if err := db.record(ctx, tx, a, hiring.Activity{Action: "application.withdrawn", SubjectType: "application", SubjectID: id,
			CandidateID: old.CandidateID, JobID: old.JobID, Summary: old.CandidateName + " withdrew from " + old.JobTitle,
			Before: map[string]any{"status": string(old.Status)}, After: map[string]any{"status": string(hiring.AppWithdrawn)}}, false); err != nil {
			return old, err
		}
		return db.loadApp(ctx, tx, hiring.SystemActor(), id)
	})
}

// HireApplication hires an active application: it moves to the job's hired
// stage, like a move there does (one rule, hireTx).
func (db *DB) HireApplication(ctx context.Context, id string, version int) (hiring.Application, error) {
	return db.decide(ctx, id, version, func(tx *sql.Tx, a hiring.Actor, x hiring.Application) (hiring.Application, error) {
		return db.hireTx(ctx, tx, a, x, nil)
	})
}

// ReopenApplication sets a rejected, withdrawn or hired application active
// again (a hired one back in the stage before hired).
func (db *DB) ReopenApplication(ctx context.Context, id string, version int) (hiring.Application, error) {
	return db.decide(ctx, id, version, func(tx *sql.Tx, a hiring.Actor, x hiring.Application) (hiring.Application, error) {
		return db.reopenTx(ctx, tx, a, x, nil)
	})
}

// decide runs one decision on a changeable application in a transaction.
func (db *DB) decide(ctx context.Context, id string, version int, fn func(*sql.Tx, hiring.Actor, hiring.Application) (hiring.Application, error)) (hiring.Application, error) {
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
		x, err = fn(tx, a, old)
		return err
	})
	return x, err
}
