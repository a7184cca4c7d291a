package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
)

// DecideAfterDebrief acts on the application and records the decision.
func (db *DB) DecideAfterDebrief(ctx context.Context, appID string, d hiring.DebriefDecision) (hiring.Application, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Application{}, err
	}
	d.Note = strings.TrimSpace(d.Note)
	switch {
	case d.Decision != hiring.DecisionAdvance && d.Decision != hiring.DecisionReject && d.Decision != hiring.DecisionHold:
		return hiring.Application{}, invalid("decision", "must be advance, reject or hold")
	case !hiring.IsText(d.Note) || len([]rune(d.Note)) > 500:
		return hiring.Application{}, invalid("note", "must be text of at most 500 characters")
	}
	var out hiring.Application
	err = db.write(ctx, func(tx *sql.Tx) error {
		x, err := db.changeable(ctx, tx, a, appID, d.Version)
		if err != nil {
			return err
		}
		if x.Status != hiring.AppActive {
			return conflict("decision", "Decisions are taken on active applications; this one is "+string(x.Status)+".")
		}
		stage := ""
		switch d.Decision {
		case hiring.DecisionAdvance:
			next, err := nextStage(ctx, tx, x)
			if err != nil {
				return err
			}
			if x, _, err = db.moveTx(ctx, tx, a, appID, x.Version, next.ID); err != nil {
				return err
			}
			stage = next.Name
		case hiring.DecisionReject:
			reason, err := resolveReason(ctx, tx, d.ReasonID, d.Note)
			if err != nil {
				return err
			}
			if x, err = db.rejectTx(ctx, tx, a, appID, x.Version, d.ReasonID, reason); err != nil {
				return err
			}
		}
		summary := "decided after the debrief: " + d.Decision
		if stage != "" {
			summary += " to " + stage
		}
		if d.Note != "" {
			summary += " — " + d.Note
		}
		// A note may echo the feedback: private, so interviewers who have
		// not submitted theirs do not read it on the timeline.
		if err := db.record(ctx, tx, a, hiring.Activity{Action: "debrief.decided", SubjectType: "application", SubjectID: appID,
			CandidateID: x.CandidateID, JobID: x.JobID, Summary: summary,
			After: map[string]any{"decision": d.Decision, "note": d.Note, "stage": stage}}, d.Note != ""); err != nil {
			return err
		}
		out = x
		return nil
	})
	if err != nil {
		return hiring.Application{}, err
	}
	return out, nil
}

// nextStage answers the stage after the application's; a hired stage is not
// "next" (hiring asks its own question).
func nextStage(ctx context.Context, tx *sql.Tx, x hiring.Application) (hiring.Stage, error) {
	var s hiring.Stage
	err := tx.QueryRowContext(ctx, `SELECT id, job_id, name, kind, position FROM stages WHERE job_id = $1
		AND position > (SELECT position FROM stages WHERE id = $2) ORDER BY position LIMIT 1`, x.JobID, x.StageID).
		Scan(&s.ID, &s.JobID, &s.Name, &s.Kind, &s.Position)
	switch {
	case err == sql.ErrNoRows:
		return s, conflict("decision", "This is the last stage: there is nothing to advance to.")
	case err != nil:
		return s, dbErr("next stage", err)
	case s.Kind == hiring.StageHired:
		return s, conflict("decision", "The next stage hires: use Hire on the application, which asks first.")
	}
	return s, nil
}

// DebriefDecisions lists the application's decisions to those who read its
// feedback in full (the deciders).
func (db *DB) DebriefDecisions(ctx context.Context, appID string) ([]hiring.DebriefRecord, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	app, err := db.scorecardApp(ctx, db.rd, a, appID)
	if err != nil {
		return nil, err
	}
	if all, err := seesAllFeedback(ctx, db.rd, a, app.JobID); err != nil || !all {
		return []hiring.DebriefRecord{}, err
	}
	rows, err := db.rd.QueryContext(ctx, `SELECT actor_name, after_json, created_at FROM activity WHERE action = 'debrief.decided'
		AND subject_id = $1 ORDER BY created_at DESC, id DESC LIMIT 100`, appID)
	if err != nil {
		return nil, dbErr("debrief decisions", err)
	}
	defer rows.Close()
	out := []hiring.DebriefRecord{}
	for rows.Next() {
		var r hiring.DebriefRecord
		var after sql.NullString
		if err := rows.Scan(&r.ActorName, &after, timeCol{&r.At}); err != nil {
			return nil, dbErr("debrief decisions", err)
		}
		var m struct{ Decision, Note, Stage string }
		_ = json.Unmarshal([]byte(after.String), &m)
		r.Decision, r.Note, r.Stage = m.Decision, m.Note, m.Stage
		out = append(out, r)
	}
	return out, dbErr("debrief decisions", rows.Err())
}
