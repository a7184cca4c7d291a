package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/candor-ats/candor/internal/hiring"
)

// importStmts are the statements a batch repeats per row, prepared once per
// transaction: at 100,000 rows the SQL parse per call was a large share.
type importStmts struct {
	byEmail, insert, email, tag, activity *sql.Stmt
}

func prepareImport(ctx context.Context, tx *sql.Tx) (*importStmts, error) {
	var s importStmts
	var err error
	prep := func(dst **sql.Stmt, q string) {
		if err == nil {
			*dst, err = tx.PrepareContext(ctx, q)
		}
	}
	prep(&s.byEmail, `SELECT e.candidate_id, c.first_name, c.last_name FROM candidate_emails e JOIN candidates c ON c.id = e.candidate_id
		WHERE e.email = $1 ORDER BY e.candidate_id LIMIT `+strconv.Itoa(maxDupRows))
	prep(&s.insert, `INSERT INTO candidates (id, first_name, last_name, sort_name, emails, phones, links, location,
		headline, current_title, current_company, source, owner_id, tags, consent_processing, consent_processing_at,
		consent_marketing, consent_marketing_at, retain_until, consent_source, version, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, FALSE, NULL, FALSE, NULL, NULL, '', 1, $15, $15)`)
	prep(&s.email, "INSERT INTO candidate_emails (candidate_id, email, position) VALUES ($1, $2, $3)")
	prep(&s.tag, "INSERT INTO candidate_tags (candidate_id, tag) VALUES ($1, $2)")
	prep(&s.activity, `INSERT INTO activity (id, actor_id, actor_name, action, subject_type, subject_id,
		candidate_id, job_id, summary, before_json, after_json, ip, private, created_at)
		VALUES ($1, $2, $3, $4, 'candidate', $5, $5, NULL, $6, $7, $8, $9, FALSE, $10)`)
	if err != nil {
		s.close()
		return nil, dbErr("prepare import", err)
	}
	return &s, nil
}

func (s *importStmts) close() {
	for _, st := range []*sql.Stmt{s.byEmail, s.insert, s.email, s.tag, s.activity} {
		if st != nil {
			_ = st.Close()
		}
	}
}

// WriteImportBatch writes one batch of an import in one transaction with
// its progress and issues, so a retried run resumes exactly after it. A row
// the database refuses (say, a job that closed meanwhile) is left out and
// reported, and the batch is written again without it: the batch is
// all-or-nothing for its valid rows, and no row is ever half-written.
// (Savepoints per row would do the same but cost SQLite a sub-journal write
// per row, which tripled the time of a large import.)
func (db *DB) WriteImportBatch(ctx context.Context, id string, b hiring.ImportBatch) (hiring.ImportBatchResult, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.ImportBatchResult{}, err
	}
	excluded := map[int]bool{}
	var refused []hiring.ImportIssue
	for {
		res, err := db.writeImportBatch(ctx, a, id, b, excluded, refused)
		var rf *rowFailure
		if errors.As(err, &rf) && !excluded[rf.index] {
			excluded[rf.index] = true
			refused = append(refused, rowIssues(b.Rows[rf.index].Row, rf.err)...)
			continue
		}
		return res, err
	}
}

// rowFailure aborts a batch attempt because of one row.
type rowFailure struct {
	index int
	err   error
}

func (e *rowFailure) Error() string { return e.err.Error() }

func (db *DB) writeImportBatch(ctx context.Context, a hiring.Actor, id string, b hiring.ImportBatch, excluded map[int]bool,
	refused []hiring.ImportIssue) (hiring.ImportBatchResult, error) {
	var res hiring.ImportBatchResult
	err := db.write(ctx, func(tx *sql.Tx) error {
		res = hiring.ImportBatchResult{IDs: make([]string, len(b.Rows)), Issues: append([]hiring.ImportIssue(nil), refused...)}
		im, err := db.loadImport(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if err := canImport(a); err != nil {
			return err
		}
		if im.Status != hiring.ImportRunning {
			return conflict("", "This import is not running.")
		}
		if b.NextRow < im.NextRow {
			// An at-least-once redelivery of a batch already committed.
			res.IDs = res.IDs[:0]
			return nil
		}
		st, err := prepareImport(ctx, tx)
		if err != nil {
			return err
		}
		defer st.close()
		r := im.Report
		failedRows := map[int]bool{}
		for _, is := range append(append([]hiring.ImportIssue(nil), b.Issues...), refused...) {
			switch is.Severity {
			case "error":
				failedRows[is.Row] = true
			case "warning":
				r.Warnings++
			case "duplicate":
				r.Duplicates++
			case "possible_duplicate":
				r.Possible++
			}
		}
		for i, row := range b.Rows {
			if excluded[i] {
				continue
			}
			cid, issues, err := db.importRow(ctx, tx, st, a, im, row, &r)
			if err != nil {
				if code := hiring.ErrorCode(err); code != hiring.EInternal {
					return &rowFailure{index: i, err: err}
				}
				return err
			}
			res.IDs[i] = cid
			res.Issues = append(res.Issues, issues...)
			for _, is := range issues {
				if is.Severity == "error" {
					failedRows[is.Row] = true
				}
			}
		}
		all := append(append([]hiring.ImportIssue(nil), b.Issues...), res.Issues...)
		if err := writeImportIssues(ctx, tx, id, all); err != nil {
			return err
		}
		rep, _ := json.Marshal(r)
		_, err = tx.ExecContext(ctx, "UPDATE imports SET done = done + $1, failed = failed + $2, next_row = $3, report = $4 WHERE id = $5",
			b.Read, len(failedRows), b.NextRow, string(rep), id)
		return dbErr("import progress", err)
	})
	return res, err
}

func writeImportIssues(ctx context.Context, tx *sql.Tx, id string, issues []hiring.ImportIssue) error {
	if len(issues) == 0 {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT issue_count FROM imports WHERE id = $1", id).Scan(&n); err != nil {
		return dbErr("import issues", err)
	}
	stored := n
	for _, is := range issues {
		if stored >= maxImportIssues {
			break
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO import_issues (import_id, seq, row_num, severity, field, message, value) VALUES ($1, $2, $3, $4, $5, $6, $7)",
			id, stored, is.Row, is.Severity, clip(is.Field, 100), clip(is.Message, 500), clip(is.Value, 200)); err != nil {
			return dbErr("import issues", err)
		}
		stored++
	}
	_, err := tx.ExecContext(ctx, "UPDATE imports SET issue_count = $1 WHERE id = $2", n+len(issues), id)
	return dbErr("import issues", err)
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// importRow writes (or, on a dry run, checks) one row. A validation
// problem comes back as issues; err is the database refusing the row (a
// *hiring.Error: the caller retries the batch without it) or a fault.
func (db *DB) importRow(ctx context.Context, tx *sql.Tx, st *importStmts, a hiring.Actor, im hiring.Import, row hiring.ImportRow,
	r *hiring.ImportReport) (string, []hiring.ImportIssue, error) {
	in := row.Input
	in.Normalize()
	if err := in.Validate(); err != nil {
		return "", rowIssues(row.Row, err), nil
	}
	m, err := findByEmail(ctx, st, in)
	if err != nil {
		return "", nil, err
	}
	var cid string
	var issues []hiring.ImportIssue
	if m.otherID != "" {
		// The same address under another name: a shared or family mailbox,
		// or a mistake. Two people, until a recruiter says otherwise.
		issues = append(issues, hiring.ImportIssue{Row: row.Row, Severity: "possible_duplicate", Field: "emails",
			Message: fmt.Sprintf("possible duplicate of %s (same email, candidate %s); not merged because the names differ — review it in the duplicates queue",
				m.otherName, m.otherID), Value: m.otherEmail})
		r.Possible++
	}
	if im.Settings.DryRun {
		if m.id == "" {
			return "", issues, nil
		}
		r.Duplicates++
		return m.id, append(issues, hiring.ImportIssue{Row: row.Row, Severity: "duplicate", Field: "emails",
			Message: "matches an existing candidate by email; the row would be merged into them", Value: m.email}), nil
	}
	if m.id != "" {
		cid = m.id
		if err := db.mergeImported(ctx, tx, st, a, im, m.id, in); err != nil {
			return "", nil, err
		}
		issues = append(issues, hiring.ImportIssue{Row: row.Row, Severity: "duplicate", Field: "emails",
			Message: "merged into the existing candidate with this email (empty fields filled)", Value: m.email})
		r.Merged++
	} else {
		if cid, err = db.insertImported(ctx, tx, st, a, im, in); err != nil {
			return "", nil, err
		}
		r.Created++
	}
	if im.Settings.JobID != "" {
		var one int
		err := tx.QueryRowContext(ctx, "SELECT 1 FROM applications WHERE candidate_id = $1 AND job_id = $2 AND status = 'active'",
			cid, im.Settings.JobID).Scan(&one)
		switch {
		case err == nil:
			issues = append(issues, hiring.ImportIssue{Row: row.Row, Severity: "warning", Field: "job_id",
				Message: "already has an active application for this job; left where it is"})
			r.Warnings++
		case err != sql.ErrNoRows:
			return "", nil, dbErr("check application", err)
		default:
			if _, err := db.insertApplication(ctx, tx, a, hiring.NewApplication{CandidateID: cid, JobID: im.Settings.JobID,
				StageID: im.Settings.StageID, Source: importSource(in)}); err != nil {
				return "", nil, err
			}
			r.Applied++
		}
	}
	return cid, issues, nil
}

func importSource(in hiring.CandidateInput) string {
	if in.Source != "" {
		return in.Source
	}
	return "import"
}

// rowIssues turns a row's error into report lines, one per field.
func rowIssues(row int, err error) []hiring.ImportIssue {
	fields := hiring.ErrorFields(err)
	if len(fields) == 0 {
		return []hiring.ImportIssue{{Row: row, Severity: "error", Message: hiring.ErrorMessage(err)}}
	}
	out := make([]hiring.ImportIssue, len(fields))
	for i, f := range fields {
		out[i] = hiring.ImportIssue{Row: row, Severity: "error", Field: f.Field, Message: f.Message}
	}
	return out
}

// emailMatch is what an import row's emails found: the candidate to merge
// into (id), and otherwise one who shares an address under another name.
type emailMatch struct {
	id, email                      string
	otherID, otherName, otherEmail string
}

// findByEmail looks up the row's addresses, placeholders aside: the first
// candidate with one of them whose name agrees (hiring.SameName) is the
// person; a match under another name is only reported.
func findByEmail(ctx context.Context, st *importStmts, in hiring.CandidateInput) (emailMatch, error) {
	var m emailMatch
	name := in.FirstName + " " + in.LastName
	for _, e := range in.Emails {
		if hiring.PlaceholderEmail(e) {
			continue
		}
		rows, err := st.byEmail.QueryContext(ctx, e)
		if err != nil {
			return m, dbErr("find candidate by email", err)
		}
		for rows.Next() {
			var id, first, last string
			if err := rows.Scan(&id, &first, &last); err != nil {
				rows.Close()
				return m, dbErr("find candidate by email", err)
			}
			if hiring.SameName(name, first+" "+last) {
				m.id, m.email = id, e
				break
			}
			if m.otherID == "" {
				m.otherID, m.otherName, m.otherEmail = id, hiring.Candidate{FirstName: first, LastName: last}.Name(), e
			}
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return m, dbErr("find candidate by email", err)
		}
		if m.id != "" {
			m.otherID, m.otherName, m.otherEmail = "", "", ""
			return m, nil
		}
	}
	return m, nil
}

func (db *DB) insertImported(ctx context.Context, tx *sql.Tx, st *importStmts, a hiring.Actor, im hiring.Import, in hiring.CandidateInput) (string, error) {
	id := NewID()
	t := TimeArg(now())
	if _, err := st.insert.ExecContext(ctx, id, in.FirstName, in.LastName, sortName(in), jsonArg(in.Emails), jsonArg(in.Phones),
		jsonArg(in.Links), in.Location, in.Headline, in.CurrentTitle, in.CurrentCompany, in.Source, nullString(in.OwnerID),
		jsonArg(in.Tags), t); err != nil {
		return "", dbErr("import candidate", err)
	}
	for i, e := range in.Emails {
		if _, err := st.email.ExecContext(ctx, id, e, i); err != nil {
			return "", dbErr("import candidate emails", err)
		}
	}
	for _, tg := range in.Tags {
		if _, err := st.tag.ExecContext(ctx, id, tg); err != nil {
			return "", dbErr("import candidate tags", err)
		}
	}
	name := hiring.Candidate{FirstName: in.FirstName, LastName: in.LastName}.Name()
	after := candidateMap(in)
	after["import_id"] = im.ID
	_, err := st.activity.ExecContext(ctx, NewID(), nullString(actorUserID(a)), a.Name, "candidate.imported", id, "imported "+name+" from "+im.FileName,
		nil, jsonArg(after), a.IP, t)
	return id, dbErr("record activity", err)
}

// mergeImported attaches an imported row to the person who already has one
// of its emails: empty fields are filled, lists are unioned, nothing that a
// recruiter wrote is overwritten.
func (db *DB) mergeImported(ctx context.Context, tx *sql.Tx, st *importStmts, a hiring.Actor, im hiring.Import, id string, in hiring.CandidateInput) error {
	old, err := db.loadCandidate(ctx, tx, hiring.SystemActor(), id)
	if err != nil {
		return err
	}
	cur := candidateInputOf(old)
	// The same folding as a merge of two records (hiring.MergeRecords), then
	// only what fits: the file adds to the person, it cannot overflow them.
	// Imported rows carry no consent, so the person's stands.
	merged, _ := hiring.MergeRecords(old, hiring.Candidate{FirstName: in.FirstName, LastName: in.LastName, Emails: in.Emails,
		Phones: in.Phones, Links: in.Links, Location: in.Location, Headline: in.Headline, CurrentTitle: in.CurrentTitle,
		CurrentCompany: in.CurrentCompany, Source: in.Source, Tags: in.Tags})
	next := candidateInputOf(merged)
	next.Normalize()
	next.TruncateLists()
	if err := next.Validate(); err != nil {
		return err
	}
	b, af := diff(candidateMap(cur), candidateMap(next))
	if len(af) > 0 {
		res, err := tx.ExecContext(ctx, `UPDATE candidates SET first_name = $1, last_name = $2, sort_name = $3, emails = $4, phones = $5,
			links = $6, location = $7, headline = $8, current_title = $9, current_company = $10, source = $11, tags = $12,
			version = version + 1, updated_at = $13 WHERE id = $14 AND version = $15`,
			next.FirstName, next.LastName, sortName(next), jsonArg(next.Emails), jsonArg(next.Phones), jsonArg(next.Links), next.Location,
			next.Headline, next.CurrentTitle, next.CurrentCompany, next.Source, jsonArg(next.Tags), TimeArg(now()), id, old.Version)
		if err != nil {
			return dbErr("merge imported candidate", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return staleVersion("candidate")
		}
		if err := writeCandidateLookups(ctx, tx, id, next.Emails, next.Tags); err != nil {
			return err
		}
	}
	af["import_id"] = im.ID
	af["merged"] = true
	// Its own action, so that the audit log tells new people from rows that
	// updated someone already on file.
	_, err = st.activity.ExecContext(ctx, NewID(), nullString(actorUserID(a)), a.Name, "candidate.import_merged", id,
		fmt.Sprintf("merged a row of %s into %s", im.FileName, old.Name()), jsonArg(b), jsonArg(af), a.IP, TimeArg(now()))
	return dbErr("record activity", err)
}
