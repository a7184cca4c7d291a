package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
)

const docCols = `d.id, d.candidate_id, d.application_id, d.kind, d.file_name, d.content_type, d.size, d.sha256, d.blob_key,
	d.uploaded_by_id, d.created_at, d.parse_status, d.parse_error`

func scanDoc(row interface{ Scan(...any) error }) (hiring.Document, error) {
	var d hiring.Document
	err := row.Scan(&d.ID, &d.CandidateID, strCol{&d.ApplicationID}, &d.Kind, &d.FileName, &d.ContentType, &d.Size, &d.SHA256,
		&d.BlobKey, strCol{&d.UploadedByID}, timeCol{&d.CreatedAt}, &d.ParseStatus, &d.ParseError)
	return d, err
}

// docVisible: everyone but admins sees candidate-level documents and those
// of applications on jobs they may see.
func docVisible(a hiring.Actor, p *args) string {
	if a.IsAdmin() {
		return "1=1"
	}
	return "(d.application_id IS NULL OR EXISTS (SELECT 1 FROM applications da WHERE da.id = d.application_id AND " + jobIDVisible(a, "da.job_id", p) + "))"
}

// AddDocument records a stored file on a candidate.
func (db *DB) AddDocument(ctx context.Context, in hiring.NewDocument) (hiring.Document, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Document{}, err
	}
	var v hiring.Validation
	in.FileName = strings.TrimSpace(in.FileName)
	if in.Kind == "" {
		in.Kind = "other"
	}
	switch in.Kind {
	case "resume", "cover_letter", "other":
	default:
		v.Add("kind", "must be one of resume, cover_letter, other")
	}
	if in.FileName == "" || len(in.FileName) > 255 {
		v.Add("file_name", "is required (at most 255 characters)")
	}
	if in.ContentType == "" {
		v.Add("content_type", "is required")
	}
	if in.Size < 0 {
		v.Add("size", "must not be negative")
	}
	if in.BlobKey == "" {
		v.Add("blob_key", "is required")
	}
	if in.CandidateID == "" {
		v.Add("candidate_id", "is required")
	}
	if err := v.Err(); err != nil {
		return hiring.Document{}, err
	}
	d := hiring.Document{ID: NewID(), CandidateID: in.CandidateID, ApplicationID: in.ApplicationID, Kind: in.Kind, FileName: in.FileName,
		ContentType: in.ContentType, Size: in.Size, SHA256: in.SHA256, BlobKey: in.BlobKey, CreatedAt: now()}
	if !a.System {
		d.UploadedByID = a.UserID
	}
	err = db.write(ctx, func(tx *sql.Tx) error {
		c, err := db.loadCandidate(ctx, tx, a, in.CandidateID)
		if err != nil {
			return err
		}
		if !a.CanManageRecords() && a.Role != hiring.RoleHiringManager {
			return forbidden("You may not upload documents.")
		}
		jobID, err := db.candidateAppJob(ctx, tx, a, in.CandidateID, in.ApplicationID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO documents (id, candidate_id, application_id, kind, file_name, content_type, size, sha256,
			blob_key, uploaded_by_id, parse_status, parse_error, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, '', '', $11)`,
			d.ID, d.CandidateID, nullString(d.ApplicationID), d.Kind, d.FileName, d.ContentType, d.Size, d.SHA256, d.BlobKey,
			nullString(d.UploadedByID), TimeArg(d.CreatedAt)); err != nil {
			return dbErr("add document", err)
		}
		// Resumes are parsed in the background; the job commits with the row.
		if d.Kind == "resume" {
			if err := db.enqueueParse(ctx, tx, d.ID); err != nil {
				return err
			}
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "document.uploaded", SubjectType: "document", SubjectID: d.ID,
			CandidateID: c.ID, JobID: jobID, Summary: "uploaded " + d.FileName + " to " + c.Name(),
			After: map[string]any{"file_name": d.FileName, "kind": d.Kind, "size": d.Size}}, false)
	})
	if err != nil {
		return hiring.Document{}, err
	}
	return d, nil
}

// Documents lists a candidate's documents, newest first.
func (db *DB) Documents(ctx context.Context, candidateID string) ([]hiring.Document, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if err := db.canSeeCandidate(ctx, db.rd, a, candidateID); err != nil {
		return nil, err
	}
	p := &args{}
	rows, err := db.rd.QueryContext(ctx, "SELECT "+docCols+" FROM documents d WHERE d.candidate_id = "+p.add(candidateID)+
		" AND "+docVisible(a, p)+" ORDER BY d.id DESC", p.list...)
	if err != nil {
		return nil, dbErr("documents", err)
	}
	defer rows.Close()
	out := []hiring.Document{}
	for rows.Next() {
		d, err := scanDoc(rows)
		if err != nil {
			return nil, dbErr("documents", err)
		}
		out = append(out, d)
	}
	return out, dbErr("documents", rows.Err())
}

func (db *DB) loadDoc(ctx context.Context, q querier, a hiring.Actor, id string) (hiring.Document, error) {
	p := &args{}
	d, err := scanDoc(q.QueryRowContext(ctx, "SELECT "+docCols+" FROM documents d WHERE d.id = "+p.add(id)+" AND "+docVisible(a, p)+
		" AND "+candidateVisible(a, "d.candidate_id", p), p.list...))
	return d, notFound("document", err)
}

// Document returns a document's metadata; forDownload records the access.
func (db *DB) Document(ctx context.Context, id string, forDownload bool) (hiring.Document, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Document{}, err
	}
	if !forDownload {
		return db.loadDoc(ctx, db.rd, a, id)
	}
	var d hiring.Document
	err = db.write(ctx, func(tx *sql.Tx) error {
		var err error
		if d, err = db.loadDoc(ctx, tx, a, id); err != nil {
			return err
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "document.downloaded", SubjectType: "document", SubjectID: d.ID,
			CandidateID: d.CandidateID, JobID: db.docJob(ctx, tx, d), Summary: "downloaded " + d.FileName}, false)
	})
	return d, err
}

// candidateAppJob returns the job of an application that a document or note
// names ("" when it names none), after checking that it is the candidate's.
// Only a missing, invisible or foreign application is the caller's mistake;
// a failing database stays an error.
func (db *DB) candidateAppJob(ctx context.Context, tx *sql.Tx, a hiring.Actor, candidateID, appID string) (string, error) {
	if appID == "" {
		return "", nil
	}
	x, err := db.loadApp(ctx, tx, a, appID)
	if hiring.ErrorCode(err) == hiring.ENotFound || err == nil && x.CandidateID != candidateID {
		return "", invalid("application_id", "is not an application of this candidate")
	}
	if err != nil {
		return "", err
	}
	return x.JobID, nil
}

func (db *DB) docJob(ctx context.Context, q querier, d hiring.Document) string {
	if d.ApplicationID == "" {
		return ""
	}
	var jobID string
	if err := q.QueryRowContext(ctx, "SELECT job_id FROM applications WHERE id = $1", d.ApplicationID).Scan(&jobID); err != nil {
		return ""
	}
	return jobID
}

// DeleteDocument removes the record; the caller deletes the blob after.
func (db *DB) DeleteDocument(ctx context.Context, id string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		d, err := db.loadDoc(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if !a.CanManageRecords() {
			return forbidden("Only admins and recruiters delete documents.")
		}
		jobID := db.docJob(ctx, tx, d)
		if _, err := tx.ExecContext(ctx, "DELETE FROM documents WHERE id = $1", id); err != nil {
			return dbErr("delete document", err)
		}
		if err := db.writeMatchFeatures(ctx, tx, d.CandidateID); err != nil {
			return err
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "document.deleted", SubjectType: "document", SubjectID: id,
			CandidateID: d.CandidateID, JobID: jobID, Summary: "deleted " + d.FileName, Before: map[string]any{"file_name": d.FileName}}, false)
	})
}
