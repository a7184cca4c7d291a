package store

import (
	"context"
	"database/sql"

	"github.com/candor-ats/candor/internal/hiring"
)

func stagesOf(ctx context.Context, q querier, jobID string) ([]hiring.Stage, error) {
	rows, err := q.QueryContext(ctx, "SELECT id, job_id, name, kind, position FROM stages WHERE job_id = $1 ORDER BY position, id", jobID)
	if err != nil {
		return nil, dbErr("stages", err)
	}
	defer rows.Close()
	out := []hiring.Stage{}
	for rows.Next() {
		var s hiring.Stage
		if err := rows.Scan(&s.ID, &s.JobID, &s.Name, &s.Kind, &s.Position); err != nil {
			return nil, dbErr("stages", err)
		}
		out = append(out, s)
	}
	return out, dbErr("stages", rows.Err())
}

// stageByID loads a stage whose job the actor may see.
func (db *DB) stageByID(ctx context.Context, q querier, a hiring.Actor, id string) (hiring.Stage, error) {
	p := &args{}
	var s hiring.Stage
	err := q.QueryRowContext(ctx, "SELECT s.id, s.job_id, s.name, s.kind, s.position FROM stages s WHERE s.id = "+p.add(id)+
		" AND "+jobIDVisible(a, "s.job_id", p), p.list...).Scan(&s.ID, &s.JobID, &s.Name, &s.Kind, &s.Position)
	return s, notFound("stage", err)
}

// StagesByJob lists the pipelines of every visible job among ids in one
// query, without application counts.
func (db *DB) StagesByJob(ctx context.Context, ids []string) (map[string][]hiring.Stage, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if err := checkBatch("job_ids", ids); err != nil {
		return nil, err
	}
	out := map[string][]hiring.Stage{}
	if len(ids) == 0 {
		return out, nil
	}
	p := &args{}
	rows, err := db.rd.QueryContext(ctx, `SELECT s.id, s.job_id, s.name, s.kind, s.position
		FROM stages s JOIN jobs j ON j.id = s.job_id
		WHERE s.job_id IN (`+p.in(ids)+`) AND `+jobRowVisible(a, "j", p)+`
		ORDER BY s.job_id, s.position, s.id`, p.list...)
	if err != nil {
		return nil, dbErr("stages", err)
	}
	defer rows.Close()
	for rows.Next() {
		var s hiring.Stage
		if err := rows.Scan(&s.ID, &s.JobID, &s.Name, &s.Kind, &s.Position); err != nil {
			return nil, dbErr("stages", err)
		}
		out[s.JobID] = append(out[s.JobID], s)
	}
	return out, dbErr("stages", rows.Err())
}

// Stages lists a job's pipeline with active application counts.
func (db *DB) Stages(ctx context.Context, jobID string) ([]hiring.Stage, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if err := db.canSeeJob(ctx, db.rd, a, jobID); err != nil {
		return nil, err
	}
	stages, err := stagesOf(ctx, db.rd, jobID)
	if err != nil {
		return nil, err
	}
	return stages, db.fillStageCounts(ctx, db.rd, jobID, stages)
}

// fillStageCounts counts what each stage's column shows (columnStatus):
// active applications, and hired ones in a hired stage.
func (db *DB) fillStageCounts(ctx context.Context, q querier, jobID string, stages []hiring.Stage) error {
	rows, err := q.QueryContext(ctx, "SELECT stage_id, status, COUNT(*) FROM applications WHERE job_id = $1 AND status IN ('active', 'hired') GROUP BY stage_id, status", jobID)
	if err != nil {
		return dbErr("stage counts", err)
	}
	defer rows.Close()
	type key struct {
		stage  string
		status hiring.ApplicationStatus
	}
	counts := map[key]int{}
	for rows.Next() {
		var k key
		var n int
		if err := rows.Scan(&k.stage, &k.status, &n); err != nil {
			return dbErr("stage counts", err)
		}
		counts[k] = n
	}
	for i := range stages {
		stages[i].Count = counts[key{stages[i].ID, columnStatus(stages[i])}]
	}
	return dbErr("stage counts", rows.Err())
}

const stageKindMessage = "must be one of sourced, applied, screen, interview, offer, hired"

func checkStage(name string, kind hiring.StageKind) (string, error) {
	var v hiring.Validation
	name = hiring.CheckName(&v, "name", name)
	if !kind.Valid() {
		v.Add("kind", stageKindMessage)
	}
	return name, v.Err()
}

// editPipeline loads the job for a pipeline change and checks the actor may edit it.
func (db *DB) editPipeline(ctx context.Context, tx *sql.Tx, a hiring.Actor, jobID string) (hiring.Job, error) {
	j, err := db.loadJob(ctx, tx, a, jobID)
	if err != nil {
		return j, err
	}
	return j, canEditJob(ctx, tx, a, jobID)
}

// renumber writes positions 1..n in the given order.
func renumber(ctx context.Context, tx *sql.Tx, stages []hiring.Stage) error {
	for i := range stages {
		stages[i].Position = i + 1
		if _, err := tx.ExecContext(ctx, "UPDATE stages SET position = $1 WHERE id = $2", i+1, stages[i].ID); err != nil {
			return dbErr("renumber stages", err)
		}
	}
	return nil
}

// AddStage inserts a stage at position (1-based; len+1 appends; 0 or out of
// range: hiring.DefaultStagePosition).
func (db *DB) AddStage(ctx context.Context, jobID string, name string, kind hiring.StageKind, position int) (hiring.Stage, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Stage{}, err
	}
	if name, err = checkStage(name, kind); err != nil {
		return hiring.Stage{}, err
	}
	s := hiring.Stage{ID: NewID(), JobID: jobID, Name: name, Kind: kind}
	err = db.write(ctx, func(tx *sql.Tx) error {
		j, err := db.editPipeline(ctx, tx, a, jobID)
		if err != nil {
			return err
		}
		stages, err := stagesOf(ctx, tx, jobID)
		if err != nil {
			return err
		}
		if len(stages) >= 30 {
			return conflict("position", "a pipeline has at most 30 stages")
		}
		if position < 1 || position > len(stages)+1 {
			// No place named: read in this transaction, so concurrent adds
			// cannot race it.
			position = hiring.DefaultStagePosition(stages)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO stages (id, job_id, name, kind, position) VALUES ($1, $2, $3, $4, $5)",
			s.ID, jobID, name, string(kind), position); err != nil {
			return dbErr("add stage", err)
		}
		all := append(append(append([]hiring.Stage{}, stages[:position-1]...), s), stages[position-1:]...)
		if err := renumber(ctx, tx, all); err != nil {
			return err
		}
		s.Position = position
		return db.record(ctx, tx, a, hiring.Activity{Action: "stage.added", SubjectType: "stage", SubjectID: s.ID, JobID: jobID,
			Summary: "added the stage " + name + " to " + j.Title, After: map[string]any{"name": name, "kind": string(kind), "position": position}}, false)
	})
	return s, err
}

// UpdateStage renames a stage or changes its kind.
func (db *DB) UpdateStage(ctx context.Context, stageID string, name string, kind hiring.StageKind) (hiring.Stage, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Stage{}, err
	}
	if name, err = checkStage(name, kind); err != nil {
		return hiring.Stage{}, err
	}
	var s hiring.Stage
	err = db.write(ctx, func(tx *sql.Tx) error {
		old, err := db.stageByID(ctx, tx, a, stageID)
		if err != nil {
			return err
		}
		if _, err := db.editPipeline(ctx, tx, a, old.JobID); err != nil {
			return err
		}
		if (old.Kind == hiring.StageHired) != (kind == hiring.StageHired) {
			// Being in a hired stage means being hired: a kind change would
			// turn its applications' status or leave them contradicting it.
			var n int
			if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM applications WHERE stage_id = $1 AND status IN ('active', 'hired')", stageID).Scan(&n); err != nil {
				return dbErr("update stage", err)
			}
			if n > 0 {
				return conflict("kind", "move the applications out of "+old.Name+" before making it or unmaking it a hired stage")
			}
		}
		if _, err := tx.ExecContext(ctx, "UPDATE stages SET name = $1, kind = $2 WHERE id = $3", name, string(kind), stageID); err != nil {
			return dbErr("update stage", err)
		}
		s = old
		s.Name, s.Kind = name, kind
		return db.record(ctx, tx, a, hiring.Activity{Action: "stage.updated", SubjectType: "stage", SubjectID: stageID, JobID: old.JobID,
			Summary: "renamed the stage " + old.Name + " to " + name,
			Before:  map[string]any{"name": old.Name, "kind": string(old.Kind)}, After: map[string]any{"name": name, "kind": string(kind)}}, false)
	})
	return s, err
}

// ReorderStages sets the order of every stage of the job.
func (db *DB) ReorderStages(ctx context.Context, jobID string, stageIDs []string) ([]hiring.Stage, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var out []hiring.Stage
	err = db.write(ctx, func(tx *sql.Tx) error {
		j, err := db.editPipeline(ctx, tx, a, jobID)
		if err != nil {
			return err
		}
		stages, err := stagesOf(ctx, tx, jobID)
		if err != nil {
			return err
		}
		byID := map[string]hiring.Stage{}
		for _, s := range stages {
			byID[s.ID] = s
		}
		if len(stageIDs) != len(stages) {
			return invalid("stage_ids", "must list every stage of the job exactly once")
		}
		before := make([]string, len(stages))
		for i, s := range stages {
			before[i] = s.Name
		}
		out = make([]hiring.Stage, 0, len(stageIDs))
		after := make([]string, 0, len(stageIDs))
		for _, id := range stageIDs {
			s, ok := byID[id]
			if !ok {
				return invalid("stage_ids", "must list every stage of the job exactly once")
			}
			delete(byID, id)
			out = append(out, s)
			after = append(after, s.Name)
		}
		if err := renumber(ctx, tx, out); err != nil {
			return err
		}
		if err := db.fillStageCounts(ctx, tx, jobID, out); err != nil {
			return err
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "stage.reordered", SubjectType: "job", SubjectID: jobID, JobID: jobID,
			Summary: "reordered the pipeline of " + j.Title, Before: map[string]any{"stages": before}, After: map[string]any{"stages": after}}, false)
	})
	return out, err
}

// RemoveStage deletes an empty stage. Applications (in any status) must be
// moved out first, so no history points at a missing stage.
func (db *DB) RemoveStage(ctx context.Context, stageID string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		s, err := db.stageByID(ctx, tx, a, stageID)
		if err != nil {
			return err
		}
		j, err := db.editPipeline(ctx, tx, a, s.JobID)
		if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM applications WHERE stage_id = $1", stageID).Scan(&n); err != nil {
			return dbErr("remove stage", err)
		}
		if n > 0 {
			return conflict("stage_id", "move the applications out of "+s.Name+" before removing it")
		}
		stages, err := stagesOf(ctx, tx, s.JobID)
		if err != nil {
			return err
		}
		if len(stages) <= 1 {
			return conflict("stage_id", "a pipeline needs at least one stage")
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM stages WHERE id = $1", stageID); err != nil {
			return dbErr("remove stage", err)
		}
		rest := stages[:0]
		for _, x := range stages {
			if x.ID != stageID {
				rest = append(rest, x)
			}
		}
		if err := renumber(ctx, tx, rest); err != nil {
			return err
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "stage.removed", SubjectType: "stage", SubjectID: stageID, JobID: s.JobID,
			Summary: "removed the stage " + s.Name + " from " + j.Title, Before: map[string]any{"name": s.Name}}, false)
	})
}
