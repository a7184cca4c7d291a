package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// ImportJob is the background job that runs an import. The worker
// (internal/importer) declares the same kind and JSON shape: River matches
// jobs to workers by kind, so the two only have to agree on the name.
type ImportJob struct {
	ImportID string `json:"import_id"`
}

// Kind implements river.JobArgs.
func (ImportJob) Kind() string { return "import" }

// maxImportIssues caps the stored report of one run: a file of 100,000 bad
// rows must not write 100,000 report lines; the counts stay exact.
const maxImportIssues = 10_000

const importCols = `id, kind, status, file_name, file_key, file_size, settings, total, done, failed, next_row, report, error,
	created_by, created_at, finished_at`

func scanImport(row interface{ Scan(...any) error }) (hiring.Import, error) {
	var im hiring.Import
	var settings, report string
	err := row.Scan(&im.ID, &im.Kind, &im.Status, &im.FileName, &im.FileKey, &im.FileSize, &settings, &im.Total, &im.Done,
		&im.Failed, &im.NextRow, &report, &im.Error, strCol{&im.CreatedByID}, timeCol{&im.CreatedAt}, nullTimeCol{&im.FinishedAt})
	if err != nil {
		return im, err
	}
	if err := json.Unmarshal([]byte(settings), &im.Settings); err != nil {
		return im, err
	}
	if err := json.Unmarshal([]byte(report), &im.Report); err != nil {
		return im, err
	}
	return im, nil
}

// importVisible: admins see every import, others only their own.
func importVisible(a hiring.Actor, p *args) string {
	if a.IsAdmin() {
		return "1=1"
	}
	return "created_by = " + p.add(a.UserID)
}

func (db *DB) loadImport(ctx context.Context, q querier, a hiring.Actor, id string) (hiring.Import, error) {
	p := &args{}
	im, err := scanImport(q.QueryRowContext(ctx, "SELECT "+importCols+" FROM imports WHERE id = "+p.add(id)+" AND "+importVisible(a, p), p.list...))
	return im, notFound("import", err)
}

func canImport(a hiring.Actor) error {
	if !a.CanManageRecords() {
		return forbidden("Only admins and recruiters import candidates.")
	}
	return nil
}

// CreateImport records an uploaded file. A CSV waits for its column
// mapping; other kinds need no settings but are still started explicitly
// (StartImport), so a dry run can come first.
func (db *DB) CreateImport(ctx context.Context, in hiring.NewImport) (hiring.Import, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Import{}, err
	}
	if err := canImport(a); err != nil {
		return hiring.Import{}, err
	}
	var v hiring.Validation
	if !in.Kind.Valid() {
		v.Add("kind", "must be one of csv, zip, jsonresume")
	}
	// Callers clean the name (blob.CleanName), as for documents; the store
	// only holds them to a display name's shape.
	in.FileName = strings.TrimSpace(in.FileName)
	if in.FileName == "" || len(in.FileName) > 255 || strings.ContainsAny(in.FileName, "/\\") {
		v.Add("file_name", "is required: a file's name without folders (at most 255 characters)")
	}
	if in.FileKey == "" {
		v.Add("file", "is required")
	}
	if err := v.Err(); err != nil {
		return hiring.Import{}, err
	}
	id := NewID()
	err = db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO imports (id, kind, status, file_name, file_key, file_size, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, id, string(in.Kind), string(hiring.ImportMapping), in.FileName, in.FileKey,
			in.FileSize, nullString(actorUserID(a)), TimeArg(now()))
		if err != nil {
			return dbErr("create import", err)
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "import.created", SubjectType: "import", SubjectID: id,
			Summary: "uploaded " + in.FileName + " for import", After: map[string]any{"kind": in.Kind, "file_name": in.FileName, "size": in.FileSize}}, false)
	})
	if err != nil {
		return hiring.Import{}, err
	}
	return db.loadImport(ctx, db.rd, a, id)
}

func actorUserID(a hiring.Actor) string {
	if a.System {
		return ""
	}
	return a.UserID
}

// Import returns an import the actor may see.
func (db *DB) Import(ctx context.Context, id string) (hiring.Import, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Import{}, err
	}
	return db.loadImport(ctx, db.rd, a, id)
}

// ListImports lists the actor's imports (all of them for admins), newest first.
func (db *DB) ListImports(ctx context.Context, pr hiring.PageRequest) (hiring.Page[hiring.Import], error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Page[hiring.Import]{}, err
	}
	limit := pr.Clamp()
	cur, err := decodeCursor(pr.Cursor, 1)
	if err != nil {
		return hiring.Page[hiring.Import]{}, err
	}
	p := &args{}
	where := []string{importVisible(a, p)}
	if cur != nil {
		where = append(where, "id < "+p.add(cur[0]))
	}
	rows, err := db.rd.QueryContext(ctx, "SELECT "+importCols+" FROM imports"+whereSQL(where)+" ORDER BY id DESC LIMIT "+strconv.Itoa(limit+1), p.list...)
	if err != nil {
		return hiring.Page[hiring.Import]{}, dbErr("list imports", err)
	}
	defer rows.Close()
	var out []hiring.Import
	for rows.Next() {
		im, err := scanImport(rows)
		if err != nil {
			return hiring.Page[hiring.Import]{}, dbErr("list imports", err)
		}
		out = append(out, im)
	}
	if err := rows.Err(); err != nil {
		return hiring.Page[hiring.Import]{}, dbErr("list imports", err)
	}
	return pageOf(out, limit, func(im hiring.Import) []string { return []string{im.ID} }), nil
}

// StartImport validates the settings, saves them and queues the run.
func (db *DB) StartImport(ctx context.Context, id string, s hiring.ImportSettings) (hiring.Import, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Import{}, err
	}
	err = db.write(ctx, func(tx *sql.Tx) error {
		im, err := db.loadImport(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if err := canImport(a); err != nil {
			return err
		}
		switch im.Status {
		case hiring.ImportMapping, hiring.ImportPreviewed, hiring.ImportFailed:
		default:
			return conflict("", "This import is "+string(im.Status)+" and cannot be started again.")
		}
		if err := db.checkImportSettings(ctx, tx, a, im, &s); err != nil {
			return err
		}
		// A real run after a dry run starts from the top again.
		_, err = tx.ExecContext(ctx, `UPDATE imports SET status = $1, settings = $2, total = 0, done = 0, failed = 0, next_row = 0,
			report = '{}', error = '', finished_at = NULL WHERE id = $3`, string(hiring.ImportQueued), jsonArg(s), id)
		if err != nil {
			return dbErr("start import", err)
		}
		action := "import.started"
		if s.DryRun {
			action = "import.previewed"
		}
		if err := db.record(ctx, tx, a, hiring.Activity{Action: action, SubjectType: "import", SubjectID: id, JobID: s.JobID,
			Summary: "started importing " + im.FileName, After: map[string]any{"dry_run": s.DryRun, "job_id": s.JobID}}, false); err != nil {
			return err
		}
		return db.enqueue(ctx, tx, ImportJob{ImportID: id})
	})
	if err != nil {
		return hiring.Import{}, err
	}
	return db.loadImport(ctx, db.rd, a, id)
}

// DiscardImport deletes an import that has written no candidates (waiting
// for its mapping, previewed by a dry run, or a failed dry run) with its
// report, and returns it so that the caller can delete the uploaded file.
func (db *DB) DiscardImport(ctx context.Context, id string) (hiring.Import, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Import{}, err
	}
	var im hiring.Import
	err = db.write(ctx, func(tx *sql.Tx) error {
		if im, err = db.loadImport(ctx, tx, a, id); err != nil {
			return err
		}
		if err := canImport(a); err != nil {
			return err
		}
		if !im.Discardable() {
			return conflict("", "This import is "+string(im.Status)+" and may have added candidates; it is kept as their record.")
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM imports WHERE id = $1", id); err != nil {
			return dbErr("discard import", err)
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "import.discarded", SubjectType: "import", SubjectID: id,
			Summary: "discarded the import of " + im.FileName, Before: map[string]any{"status": im.Status, "file_name": im.FileName}}, false)
	})
	if err != nil {
		return hiring.Import{}, err
	}
	return im, nil
}

// StaleImports lists, oldest first, imports uploaded before the time that
// have added no candidates and were never taken further: the leftovers of
// abandoned uploads, which the periodic sweep discards. Admins and the
// system only.
func (db *DB) StaleImports(ctx context.Context, before time.Time, limit int) ([]hiring.Import, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !a.IsAdmin() {
		return nil, forbidden("Only admins list stale imports.")
	}
	rows, err := db.rd.QueryContext(ctx, "SELECT "+importCols+` FROM imports WHERE status IN ($1, $2, $3) AND created_at < $4
		ORDER BY created_at, id LIMIT `+strconv.Itoa(max(limit, 1)), string(hiring.ImportMapping), string(hiring.ImportPreviewed),
		string(hiring.ImportFailed), TimeArg(before))
	if err != nil {
		return nil, dbErr("stale imports", err)
	}
	defer rows.Close()
	var out []hiring.Import
	for rows.Next() {
		im, err := scanImport(rows)
		if err != nil {
			return nil, dbErr("stale imports", err)
		}
		if im.Discardable() {
			out = append(out, im)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, dbErr("stale imports", err)
	}
	return out, nil
}

func (db *DB) checkImportSettings(ctx context.Context, tx *sql.Tx, a hiring.Actor, im hiring.Import, s *hiring.ImportSettings) error {
	var v hiring.Validation
	if im.Kind == hiring.ImportCSV {
		named := false
		seen := map[hiring.ImportField]bool{}
		for i, f := range s.Mapping {
			switch {
			case !f.Valid():
				v.Add("mapping."+strconv.Itoa(i), "is not a candidate field")
			case f == hiring.FieldIgnore:
			case seen[f] && f != hiring.FieldEmail && f != hiring.FieldPhone && f != hiring.FieldTags:
				v.Add("mapping."+strconv.Itoa(i), "%s is mapped twice", f)
			}
			seen[f] = true
			named = named || f == hiring.FieldFirstName || f == hiring.FieldLastName || f == hiring.FieldFullName
		}
		if len(s.Mapping) > 500 {
			v.Add("mapping", "at most 500 columns")
		} else if !named && !v.Has("mapping") {
			v.Add("mapping", "map a column to first name, last name or full name")
		}
	} else {
		s.Mapping = nil
	}
	if s.StageID != "" && s.JobID == "" {
		v.Add("job_id", "is required with a stage")
	}
	if s.JobID != "" {
		if err := db.canSeeJob(ctx, tx, a, s.JobID); err != nil {
			if hiring.ErrorCode(err) != hiring.ENotFound {
				return err
			}
			v.Add("job_id", "no such job")
		} else if s.StageID != "" {
			var one int
			err := tx.QueryRowContext(ctx, "SELECT 1 FROM stages WHERE id = $1 AND job_id = $2", s.StageID, s.JobID).Scan(&one)
			if err == sql.ErrNoRows {
				v.Add("stage_id", "is not a stage of this job")
			} else if err != nil {
				return dbErr("check stage", err)
			}
		}
	}
	return v.Err()
}

// ImportIssues streams the report lines of an import the actor may see.
func (db *DB) ImportIssues(ctx context.Context, id string, fn func(hiring.ImportIssue) error) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	if _, err := db.loadImport(ctx, db.rd, a, id); err != nil {
		return err
	}
	rows, err := db.rd.QueryContext(ctx, "SELECT row_num, severity, field, message, value FROM import_issues WHERE import_id = $1 ORDER BY seq", id)
	if err != nil {
		return dbErr("import issues", err)
	}
	defer rows.Close()
	for rows.Next() {
		var is hiring.ImportIssue
		if err := rows.Scan(&is.Row, &is.Severity, &is.Field, &is.Message, &is.Value); err != nil {
			return dbErr("import issues", err)
		}
		if err := fn(is); err != nil {
			return err
		}
	}
	return dbErr("import issues", rows.Err())
}

// BeginImportRun marks the import running. Called by the worker at each
// (re)try: a run starting at row 0 clears the issues of any earlier run.
func (db *DB) BeginImportRun(ctx context.Context, id string, total int) (hiring.Import, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Import{}, err
	}
	err = db.write(ctx, func(tx *sql.Tx) error {
		im, err := db.loadImport(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if err := canImport(a); err != nil {
			return err
		}
		if im.NextRow == 0 {
			if _, err := tx.ExecContext(ctx, "DELETE FROM import_issues WHERE import_id = $1", id); err != nil {
				return dbErr("clear import issues", err)
			}
			if _, err := tx.ExecContext(ctx, "UPDATE imports SET issue_count = 0, done = 0, failed = 0, report = '{}' WHERE id = $1", id); err != nil {
				return dbErr("begin import", err)
			}
		}
		_, err = tx.ExecContext(ctx, "UPDATE imports SET status = $1, total = $2 WHERE id = $3", string(hiring.ImportRunning), total, id)
		return dbErr("begin import", err)
	})
	if err != nil {
		return hiring.Import{}, err
	}
	return db.loadImport(ctx, db.rd, a, id)
}

// FinishImport ends a run: previewed after a dry run, done, or failed with
// the reason when failure is not empty.
func (db *DB) FinishImport(ctx context.Context, id string, failure string) (hiring.Import, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Import{}, err
	}
	err = db.write(ctx, func(tx *sql.Tx) error {
		im, err := db.loadImport(ctx, tx, a, id)
		if err != nil {
			return err
		}
		status := hiring.ImportDone
		switch {
		case failure != "":
			status = hiring.ImportFailed
		case im.Settings.DryRun:
			status = hiring.ImportPreviewed
		}
		if _, err := tx.ExecContext(ctx, "UPDATE imports SET status = $1, error = $2, finished_at = $3 WHERE id = $4",
			string(status), failure, TimeArg(now()), id); err != nil {
			return dbErr("finish import", err)
		}
		if im.Settings.DryRun {
			return nil
		}
		r := im.Report
		return db.record(ctx, tx, a, hiring.Activity{Action: "import.finished", SubjectType: "import", SubjectID: id, JobID: im.Settings.JobID,
			Summary: "imported " + im.FileName, After: map[string]any{"status": status, "created": r.Created, "merged": r.Merged,
				"failed": im.Failed, "error": failure}}, false)
	})
	if err != nil {
		return hiring.Import{}, err
	}
	return db.loadImport(ctx, db.rd, a, id)
}
