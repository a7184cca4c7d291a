package store

import (
	"context"
	"database/sql"
	"strconv"

	"github.com/candor-ats/candor/internal/hiring"
)

// PipelineTemplate returns the stages new jobs start with.
func (db *DB) PipelineTemplate(ctx context.Context) ([]hiring.StageTemplate, error) {
	if _, err := actor(ctx); err != nil {
		return nil, err
	}
	return pipelineTemplate(ctx, db.reader)
}

func pipelineTemplate(ctx context.Context, q querier) ([]hiring.StageTemplate, error) {
	rows, err := q.QueryContext(ctx, "SELECT name, kind FROM pipeline_template ORDER BY position")
	if err != nil {
		return nil, dbErr("pipeline template", err)
	}
	defer rows.Close()
	out := []hiring.StageTemplate{}
	for rows.Next() {
		var s hiring.StageTemplate
		if err := rows.Scan(&s.Name, &s.Kind); err != nil {
			return nil, dbErr("pipeline template", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, dbErr("pipeline template", err)
	}
	if len(out) == 0 {
		out = append(out, hiring.DefaultPipeline...)
	}
	return out, nil
}

// checkStages trims the stage names in place and checks the template.
func checkStages(stages []hiring.StageTemplate) error {
	var v hiring.Validation
	if len(stages) == 0 {
		v.Add("stages", "at least one stage is required")
	}
	if len(stages) > 30 {
		v.Add("stages", "at most 30 stages")
	}
	for i, s := range stages {
		f := "stages." + strconv.Itoa(i)
		stages[i].Name = hiring.CheckName(&v, f+".name", s.Name)
		if !s.Kind.Valid() {
			v.Add(f+".kind", stageKindMessage)
		}
	}
	return v.Err()
}

// SetPipelineTemplate replaces the template; existing jobs keep their stages.
func (db *DB) SetPipelineTemplate(ctx context.Context, stages []hiring.StageTemplate) error {
	a, err := requireAdmin(ctx, "the pipeline template")
	if err != nil {
		return err
	}
	if err := checkStages(stages); err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM pipeline_template"); err != nil {
			return dbErr("set pipeline template", err)
		}
		names := make([]string, len(stages))
		for i, s := range stages {
			names[i] = s.Name
			if _, err := tx.ExecContext(ctx, "INSERT INTO pipeline_template (position, name, kind) VALUES ($1, $2, $3)", i+1, s.Name, string(s.Kind)); err != nil {
				return dbErr("set pipeline template", err)
			}
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "pipeline_template.updated", SubjectType: "pipeline_template", SubjectID: "default",
			Summary: "changed the default pipeline", After: map[string]any{"stages": names}}, false)
	})
}
