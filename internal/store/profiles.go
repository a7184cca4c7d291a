package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/candor-ats/candor/internal/hiring"
)

// enqueueParse schedules a document's parse in tx, so the job exists exactly
// when the document (or the re-parse request) is committed.
func (db *DB) enqueueParse(ctx context.Context, tx *sql.Tx, documentID string) error {
	return db.enqueue(ctx, tx, hiring.ParseDocumentJob{DocumentID: documentID})
}

// QueueUnparsedResumes schedules a parse for every resume stored without one
// and never parsed: rows written in bulk outside the queue (the demo loader).
// It needs an attached queue; admins and the system only.
func (db *DB) QueueUnparsedResumes(ctx context.Context) (int, error) {
	a, err := actor(ctx)
	if err != nil {
		return 0, err
	}
	if !a.IsAdmin() {
		return 0, forbidden("Only admins schedule parsing in bulk.")
	}
	if b := db.enqueuer.Load(); b == nil || b.e == nil {
		return 0, errors.New("store: queue unparsed resumes: no job queue attached")
	}
	var ids []string
	err = db.write(ctx, func(tx *sql.Tx) error {
		ids = ids[:0]
		rows, err := tx.QueryContext(ctx, "SELECT id FROM documents WHERE kind = 'resume' AND parse_status = '' ORDER BY created_at, id")
		if err != nil {
			return dbErr("unparsed resumes", err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return dbErr("unparsed resumes", err)
			}
			ids = append(ids, id)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return dbErr("unparsed resumes", err)
		}
		for _, id := range ids {
			if err := db.enqueueParse(ctx, tx, id); err != nil {
				return err
			}
		}
		return nil
	})
	return len(ids), err
}

// DocumentProfile returns what parsing made of a document the actor sees.
func (db *DB) DocumentProfile(ctx context.Context, documentID string) (hiring.DocumentProfile, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.DocumentProfile{}, err
	}
	d, err := db.loadDoc(ctx, db.rd, a, documentID)
	if err != nil {
		return hiring.DocumentProfile{}, err
	}
	return db.loadProfile(ctx, db.rd, d)
}

func (db *DB) loadProfile(ctx context.Context, q querier, d hiring.Document) (hiring.DocumentProfile, error) {
	p := hiring.DocumentProfile{DocumentID: d.ID, CandidateID: d.CandidateID, Status: d.ParseStatus, Error: d.ParseError,
		Edits: map[string]string{}, UpdatedAt: d.CreatedAt}
	var prof, edits string
	err := q.QueryRowContext(ctx, `SELECT text, profile, edits, version, parsed_at, updated_at FROM document_profiles
		WHERE document_id = $1`, d.ID).Scan(&p.Text, &prof, &edits, &p.Version, nullTimeCol{&p.ParsedAt}, timeCol{&p.UpdatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return p, nil
	}
	if err != nil {
		return hiring.DocumentProfile{}, dbErr("load profile", err)
	}
	if prof != "" {
		p.Profile = []byte(prof)
	}
	if err := json.Unmarshal([]byte(edits), &p.Edits); err != nil || p.Edits == nil {
		p.Edits = map[string]string{}
	}
	return p, nil
}

// SaveParseResult records a parse job's outcome. Only the system (the
// worker) calls it. It is idempotent: the profile row is upserted, filled
// fields leave source rows that stop them being filled twice, and a repeat
// of the same outcome writes no second activity row.
func (db *DB) SaveParseResult(ctx context.Context, documentID string, r hiring.ParseResult) ([]string, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !a.System {
		return nil, forbidden("Only the parser records parse results.")
	}
	if r.Status != hiring.ParseParsed && r.Status != hiring.ParseFailed {
		return nil, invalid("status", "must be parsed or failed")
	}
	var filled []string
	err = db.write(ctx, func(tx *sql.Tx) error {
		d, err := db.loadDoc(ctx, tx, a, documentID)
		if err != nil {
			return err
		}
		prev, err := db.loadProfile(ctx, tx, d)
		if err != nil {
			return err
		}
		t := now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO document_profiles (document_id, text, profile, edits, version, parsed_at, updated_at)
			VALUES ($1, $2, $3, '{}', 1, $4, $4)
			ON CONFLICT (document_id) DO UPDATE SET text = excluded.text, profile = excluded.profile,
				version = document_profiles.version + 1, parsed_at = excluded.parsed_at, updated_at = excluded.updated_at`,
			d.ID, r.Text, string(r.Profile), TimeArg(t)); err != nil {
			return dbErr("save profile", err)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE documents SET parse_status = $1, parse_error = $2 WHERE id = $3",
			r.Status, r.Error, d.ID); err != nil {
			return dbErr("save parse status", err)
		}
		var after map[string]any
		if r.Status == hiring.ParseParsed {
			if filled, after, err = db.fillCandidate(ctx, tx, d, r.Contact); err != nil {
				return err
			}
		}
		if err := db.writeMatchFeatures(ctx, tx, d.CandidateID); err != nil {
			return err
		}
		same := prev.Status == r.Status && prev.Error == r.Error && string(prev.Profile) == string(r.Profile)
		if same && len(filled) == 0 {
			return nil
		}
		e := hiring.Activity{SubjectType: "document", SubjectID: d.ID, CandidateID: d.CandidateID, JobID: db.docJob(ctx, tx, d)}
		if r.Status == hiring.ParseParsed {
			e.Action, e.Summary, e.After = "document.parsed", parsedSummary(d.FileName, filled), after
		} else {
			e.Action, e.Summary, e.After = "document.parse_failed", "could not read "+d.FileName+": "+r.Error, map[string]any{"error": r.Error}
		}
		return db.record(ctx, tx, a, e, false)
	})
	return filled, err
}

func parsedSummary(file string, filled []string) string {
	s := "parsed " + file
	for i, f := range filled {
		if i == 0 {
			s += "; filled "
		} else {
			s += ", "
		}
		s += f
	}
	return s
}

// CorrectProfile saves a person's correction of a parsed field and, for
// contact fields, sets the candidate's field as a human edit.
func (db *DB) CorrectProfile(ctx context.Context, documentID string, version int, c hiring.ProfileCorrection) (hiring.DocumentProfile, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.DocumentProfile{}, err
	}
	if c.Field == "" || len(c.Field) > 100 {
		return hiring.DocumentProfile{}, invalid("field", "is required")
	}
	if len(c.Value) > 10000 {
		return hiring.DocumentProfile{}, invalid("value", "is too long")
	}
	if !json.Valid(c.Profile) {
		return hiring.DocumentProfile{}, invalid("profile", "is not valid JSON")
	}
	var out hiring.DocumentProfile
	err = db.write(ctx, func(tx *sql.Tx) error {
		d, err := db.loadDoc(ctx, tx, a, documentID)
		if err != nil {
			return err
		}
		if !a.CanManageRecords() {
			return forbidden("Only admins and recruiters correct parsed profiles.")
		}
		prev, err := db.loadProfile(ctx, tx, d)
		if err != nil {
			return err
		}
		if prev.Version == 0 {
			return conflict("", "This document has not been parsed yet.")
		}
		if version != 0 && version != prev.Version {
			return staleVersion("profile")
		}
		prev.Edits[c.Field] = c.Value
		t := now()
		res, err := tx.ExecContext(ctx, `UPDATE document_profiles SET profile = $1, edits = $2, version = version + 1, updated_at = $3
			WHERE document_id = $4 AND version = $5`, string(c.Profile), jsonArg(prev.Edits), TimeArg(t), d.ID, prev.Version)
		if err != nil {
			return dbErr("correct profile", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return staleVersion("profile")
		}
		if err := db.writeMatchFeatures(ctx, tx, d.CandidateID); err != nil {
			return err
		}
		before, after := map[string]any{c.Field: fieldValue(prev.Profile, c.Field)}, map[string]any{c.Field: c.Value}
		if c.Contact != nil {
			if err := db.correctCandidate(ctx, tx, a, d, *c.Contact); err != nil {
				return err
			}
		}
		if err := db.record(ctx, tx, a, hiring.Activity{Action: "document.profile_corrected", SubjectType: "document", SubjectID: d.ID,
			CandidateID: d.CandidateID, JobID: db.docJob(ctx, tx, d), Summary: "corrected " + c.Field + " parsed from " + d.FileName,
			Before: before, After: after}, false); err != nil {
			return err
		}
		out, err = db.loadProfile(ctx, tx, d)
		return err
	})
	return out, err
}

// fieldValue reads a top-level-ish path of a JSON document for the
// activity's "before" (best effort: nil when absent).
func fieldValue(doc []byte, path string) any {
	var v any
	if json.Unmarshal(doc, &v) != nil {
		return nil
	}
	for _, k := range splitPath(path) {
		switch x := v.(type) {
		case map[string]any:
			v = x[k]
		case []any:
			i := -1
			for j := 0; j < len(k) && k[j] >= '0' && k[j] <= '9'; j++ {
				i = max(i, 0)*10 + int(k[j]-'0')
			}
			if i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

func splitPath(p string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(p); i++ {
		if i == len(p) || p[i] == '.' {
			out = append(out, p[start:i])
			start = i + 1
		}
	}
	return out
}

// RequestParse queues a document to be parsed again; its status goes back
// to pending until the job has run.
func (db *DB) RequestParse(ctx context.Context, documentID string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		d, err := db.loadDoc(ctx, tx, a, documentID)
		if err != nil {
			return err
		}
		if !a.CanManageRecords() && a.Role != hiring.RoleHiringManager {
			return forbidden("You may not re-parse documents.")
		}
		if _, err := tx.ExecContext(ctx, "UPDATE documents SET parse_status = '', parse_error = '' WHERE id = $1", d.ID); err != nil {
			return dbErr("request parse", err)
		}
		if err := db.enqueueParse(ctx, tx, d.ID); err != nil {
			return err
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "document.reparse_requested", SubjectType: "document", SubjectID: d.ID,
			CandidateID: d.CandidateID, JobID: db.docJob(ctx, tx, d), Summary: "asked to re-parse " + d.FileName}, false)
	})
}
