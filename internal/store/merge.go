package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// mergeRecord is merges.record: exactly what a merge changed, so that undo
// can put every row back. The merged candidate's row is deleted by the merge
// and lives here whole.
type mergeRecord struct {
	SurvivorBefore hiring.Candidate `json:"survivor_before"`
	SurvivorAfter  hiring.Candidate `json:"survivor_after"`
	Merged         hiring.Candidate `json:"merged"`
	FieldSources   []fieldSource    `json:"field_sources,omitempty"` // the merged candidate's, dropped with its row
	Applications   []string         `json:"applications"`
	Documents      []string         `json:"documents"`
	Notes          []string         `json:"notes"`
	Activity       []string         `json:"activity"`
	Withdrawn      []withdrawnApp   `json:"withdrawn"`
	Filled         []string         `json:"filled"`
}

// withdrawnApp is an application the merge withdrew, with what undo restores.
type withdrawnApp struct {
	ID           string    `json:"id"`
	JobID        string    `json:"job_id"`
	Version      int       `json:"version"`
	UpdatedAt    time.Time `json:"updated_at"`
	AfterVersion int       `json:"after_version"`
}

// fieldSource is a candidate_field_sources row (resume parsing's record of
// which fields a parse or a person settled).
type fieldSource struct {
	Field      string    `json:"field"`
	Value      string    `json:"value"`
	Source     string    `json:"source"`
	DocumentID string    `json:"document_id"`
	CreatedAt  time.Time `json:"created_at"`
}

// MergeCandidates folds otherID into survivorID in one transaction.
func (db *DB) MergeCandidates(ctx context.Context, survivorID, otherID string) (hiring.Merge, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Merge{}, err
	}
	var out hiring.Merge
	err = db.write(ctx, func(tx *sql.Tx) error {
		w, err := db.planMerge(ctx, tx, a, survivorID, otherID)
		if err != nil {
			return err
		}
		out, err = db.mergeTx(ctx, tx, a, w)
		return err
	})
	return out, err
}

func (db *DB) mergeTx(ctx context.Context, tx *sql.Tx, a hiring.Actor, w mergeWork) (hiring.Merge, error) {
	s, m := w.plan.Survivor, w.plan.Merged
	rec := mergeRecord{SurvivorBefore: s, Merged: m, Applications: w.apps, Documents: w.documents, Notes: w.notes,
		Activity: w.activity, Filled: w.plan.FilledFields, Withdrawn: []withdrawnApp{}}
	var err error
	if rec.FieldSources, err = loadFieldSources(ctx, tx, m.ID); err != nil {
		return hiring.Merge{}, err
	}
	mergeID := NewID()
	t := now()
	// Withdraw the losers first: the unique index allows one active
	// application per candidate and job, and the move below would break it.
	for _, x := range w.withdraw {
		res, err := tx.ExecContext(ctx, "UPDATE applications SET status = 'withdrawn', withdrawn_at = $1, version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3",
			TimeArg(t), x.ID, x.Version)
		if err != nil {
			return hiring.Merge{}, dbErr("merge: withdraw", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return hiring.Merge{}, staleVersion("application")
		}
		if err := countActive(ctx, tx, x.JobID, -1); err != nil {
			return hiring.Merge{}, err
		}
		if err := statusEvent(ctx, tx, a, evMerged, x.ID, x.JobID, x.StageID, "", "", "", t); err != nil {
			return hiring.Merge{}, err
		}
		rec.Withdrawn = append(rec.Withdrawn, withdrawnApp{ID: x.ID, JobID: x.JobID, Version: x.Version, UpdatedAt: x.UpdatedAt, AfterVersion: x.Version + 1})
		if err := db.record(ctx, tx, a, hiring.Activity{Action: "application.withdrawn", SubjectType: "application", SubjectID: x.ID,
			CandidateID: s.ID, JobID: x.JobID, Summary: "withdrew the duplicate application of " + x.CandidateName + " for " + x.JobTitle + " (merge)",
			Before: map[string]any{"status": string(x.Status)}, After: map[string]any{"status": "withdrawn", "merge_id": mergeID}}, false); err != nil {
			return hiring.Merge{}, err
		}
	}
	// Re-point every row of the merged candidate; the lists were read in this
	// transaction, so they are exactly what moves.
	for _, table := range []string{"applications", "documents", "notes", "activity"} {
		if _, err := tx.ExecContext(ctx, "UPDATE "+table+" SET candidate_id = $1 WHERE candidate_id = $2", s.ID, m.ID); err != nil {
			return hiring.Merge{}, dbErr("merge: move "+table, err)
		}
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM candidates WHERE id = $1", m.ID); err != nil {
		return hiring.Merge{}, dbErr("merge: remove merged candidate", err)
	}
	if err := db.writeMatchFeatures(ctx, tx, s.ID); err != nil { // the merged resumes now count for the survivor
		return hiring.Merge{}, err
	}
	r := w.plan.Result
	if err := writeCandidateRow(ctx, tx, r, s.Version+1, t, s.Version); err != nil {
		return hiring.Merge{}, err
	}
	if rec.SurvivorAfter, err = db.loadCandidate(ctx, tx, hiring.SystemActor(), s.ID); err != nil {
		return hiring.Merge{}, err
	}
	body, err := json.Marshal(rec)
	if err != nil {
		return hiring.Merge{}, fmt.Errorf("store: merge record: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO merges (id, survivor_id, merged_id, survivor_name, merged_name, actor_id, actor_name, record, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, mergeID, s.ID, m.ID, r.Name(), m.Name(), nullString(a.UserID), a.Name, string(body), TimeArg(t)); err != nil {
		return hiring.Merge{}, dbErr("merge: record", err)
	}
	// No counts in the entry: everyone who sees the candidate's timeline
	// reads it, and how many rows moved would count confidential ones (the
	// merge record counts for its reader).
	if err := db.record(ctx, tx, a, hiring.Activity{Action: "candidate.merged", SubjectType: "merge", SubjectID: mergeID, CandidateID: s.ID,
		Summary: "merged " + m.Name() + " into " + r.Name(),
		After:   map[string]any{"merge_id": mergeID, "merged_id": m.ID, "merged_name": m.Name(), "filled": rec.Filled}}, false); err != nil {
		return hiring.Merge{}, err
	}
	return db.loadMerge(ctx, tx, a, mergeID)
}

// writeCandidateRow overwrites a candidate's fields (and its email and tag
// lookups) when its version is still fromVersion.
func writeCandidateRow(ctx context.Context, tx *sql.Tx, c hiring.Candidate, version int, updatedAt time.Time, fromVersion int) error {
	in := candidateInputOf(c)
	co := c.Consent
	res, err := tx.ExecContext(ctx, `UPDATE candidates SET first_name = $1, last_name = $2, sort_name = $3, emails = $4, phones = $5,
		links = $6, location = $7, headline = $8, current_title = $9, current_company = $10, source = $11, owner_id = $12, tags = $13,
		consent_processing = $14, consent_processing_at = $15, consent_marketing = $16, consent_marketing_at = $17,
		retain_until = $18, consent_source = $19, version = $20, updated_at = $21 WHERE id = $22 AND version = $23`,
		c.FirstName, c.LastName, sortName(in), jsonArg(c.Emails), jsonArg(c.Phones), jsonArg(c.Links), c.Location, c.Headline,
		c.CurrentTitle, c.CurrentCompany, c.Source, nullString(c.OwnerID), jsonArg(c.Tags), co.Processing,
		nullTimeArg(co.ProcessingAt), co.Marketing, nullTimeArg(co.MarketingAt), nullTimeArg(co.RetainUntil), co.ConsentSource,
		version, TimeArg(updatedAt), c.ID, fromVersion)
	if err != nil {
		return dbErr("write candidate", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return staleVersion("candidate")
	}
	return writeCandidateLookups(ctx, tx, c.ID, c.Emails, c.Tags)
}

// insertCandidateRow puts back a whole candidate row as it was.
func insertCandidateRow(ctx context.Context, tx *sql.Tx, c hiring.Candidate) error {
	co := c.Consent
	_, err := tx.ExecContext(ctx, `INSERT INTO candidates (id, first_name, last_name, sort_name, emails, phones, links, location,
		headline, current_title, current_company, source, owner_id, tags, consent_processing, consent_processing_at,
		consent_marketing, consent_marketing_at, retain_until, consent_source, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)`,
		c.ID, c.FirstName, c.LastName, sortName(candidateInputOf(c)), jsonArg(c.Emails), jsonArg(c.Phones), jsonArg(c.Links), c.Location,
		c.Headline, c.CurrentTitle, c.CurrentCompany, c.Source, nullString(c.OwnerID), jsonArg(c.Tags), co.Processing,
		nullTimeArg(co.ProcessingAt), co.Marketing, nullTimeArg(co.MarketingAt), nullTimeArg(co.RetainUntil), co.ConsentSource,
		c.Version, TimeArg(c.CreatedAt), TimeArg(c.UpdatedAt))
	if err != nil {
		return dbErr("restore candidate", err)
	}
	return writeCandidateLookups(ctx, tx, c.ID, c.Emails, c.Tags)
}

func loadFieldSources(ctx context.Context, q querier, candidateID string) ([]fieldSource, error) {
	rows, err := q.QueryContext(ctx, "SELECT field, value, source, document_id, created_at FROM candidate_field_sources WHERE candidate_id = $1 ORDER BY field, value", candidateID)
	if err != nil {
		return nil, dbErr("field sources", err)
	}
	defer rows.Close()
	var out []fieldSource
	for rows.Next() {
		var f fieldSource
		if err := rows.Scan(&f.Field, &f.Value, &f.Source, strCol{&f.DocumentID}, timeCol{&f.CreatedAt}); err != nil {
			return nil, dbErr("field sources", err)
		}
		out = append(out, f)
	}
	return out, dbErr("field sources", rows.Err())
}

const mergeCols = "id, survivor_id, merged_id, survivor_name, merged_name, actor_id, actor_name, record, created_at, undone_at, undone_by_name, undo_report"

// loadMerge reads a merge record as a sees it: counts and withdrawn
// applications leave out rows on jobs a may not see (Hidden says some were).
func (db *DB) loadMerge(ctx context.Context, q querier, a hiring.Actor, id string) (hiring.Merge, error) {
	var mg hiring.Merge
	var body, report string
	err := q.QueryRowContext(ctx, "SELECT "+mergeCols+" FROM merges WHERE id = $1", id).Scan(&mg.ID, &mg.SurvivorID, &mg.MergedID,
		&mg.SurvivorName, &mg.MergedName, strCol{&mg.ActorID}, &mg.ActorName, &body, timeCol{&mg.CreatedAt}, nullTimeCol{&mg.UndoneAt},
		&mg.UndoneByName, &report)
	if err != nil {
		return mg, notFound("merge", err)
	}
	var rec mergeRecord
	if err := json.Unmarshal([]byte(body), &rec); err != nil {
		return mg, fmt.Errorf("store: merge record %s: %w", id, err)
	}
	if mg.Moved, mg.Hidden, err = visibleMoves(ctx, q, a, rec.Applications, rec.Documents, rec.Notes, rec.Activity); err != nil {
		return mg, err
	}
	mg.Withdrawn = []string{}
	var withdrawn []string
	for _, x := range rec.Withdrawn {
		withdrawn = append(withdrawn, x.ID)
	}
	if hidden, err := hiddenCount(ctx, q, a, "applications a", mergeKinds(a)[0].cond, withdrawn); err != nil {
		return mg, err
	} else if hidden == 0 {
		mg.Withdrawn = append(mg.Withdrawn, withdrawn...)
	} else {
		for _, x := range rec.Withdrawn {
			if db.canSeeJob(ctx, q, a, x.JobID) == nil {
				mg.Withdrawn = append(mg.Withdrawn, x.ID)
			}
		}
	}
	if err := json.Unmarshal([]byte(report), &mg.NotRestored); err != nil {
		return mg, fmt.Errorf("store: merge report %s: %w", id, err)
	}
	if mg.NotRestored == nil {
		mg.NotRestored = []string{}
	}
	return mg, nil
}

// Merge returns a merge record; only admins and recruiters read them.
func (db *DB) Merge(ctx context.Context, id string) (hiring.Merge, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Merge{}, err
	}
	if !a.CanManageRecords() {
		return hiring.Merge{}, hiring.ErrNotFound("merge")
	}
	return db.loadMerge(ctx, db.rd, a, id)
}

// plural words a count: plural(2, "note", "notes") is "2 notes".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
