package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"database/sql/driver"

	"github.com/google/uuid"

	"github.com/candor-ats/candor/internal/hiring"
)

// BulkLoad writes many records in one transaction through a Batch: the demo
// loader and benchmarks use it. Records arrive complete (IDs, times, versions
// set by the caller); no per-record authorization applies, so only trusted
// code (the CLI) may call it. A crash mid-load loses the whole load, never
// part of it, because it is one transaction; once BulkLoad returns nil the
// load is on disk.
func (db *DB) BulkLoad(ctx context.Context, fn func(b *Batch) error) (err error) {
	conn, err := db.writer.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: bulk load: %w", err)
	}
	defer conn.Close()
	rollbackJournal := false
	if db.dialect == DialectSQLite {
		// A big page cache and in-memory statement journals keep the load
		// off the disk until commit. Foreign keys are off for the load (the
		// generator is trusted code). The cache is not shrunk afterwards —
		// freeing it page by page costs seconds — so the connection is
		// discarded instead of returned to the pool.
		for _, p := range []string{"synchronous=OFF", "cache_size=-262144", "temp_store=MEMORY", "foreign_keys=OFF"} {
			if _, err := conn.ExecContext(ctx, "PRAGMA "+p); err != nil {
				return fmt.Errorf("store: bulk load: %w", err)
			}
		}
		defer func() {
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}()
		rollbackJournal, err = db.sqliteRollbackJournal(ctx, conn)
		if err != nil {
			return err
		}
		if rollbackJournal {
			// Back to WAL whether the load committed or not.
			defer func() {
				err = errors.Join(err, sqliteBackToWAL(context.WithoutCancel(ctx), conn))
				db.reader.SetMaxIdleConns(sqliteReaders())
			}()
		}
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: bulk load: %w", err)
	}
	b := &Batch{ctx: ctx, tx: tx, tables: map[string]*bulkTable{}, sqlite: db.dialect == DialectSQLite}
	// Secondary indexes of the big tables are dropped and rebuilt after the
	// rows are in: building an index from sorted data is far cheaper than
	// millions of random inserts. DDL is transactional on both engines, so a
	// failed load leaves every index (and trigger) in place.
	indexes, err := db.secondaryIndexes(ctx, tx, bulkIndexedTables)
	if err == nil {
		err = dropIndexes(ctx, tx, indexes)
	}
	// Phase times, logged at debug level, show where a slow load went.
	start := time.Now()
	var inserted, indexed time.Time
	var triggers []indexDef
	if err == nil && db.dialect == DialectPostgres {
		b.quiet, err = pgQuietTriggers(ctx, tx)
	}
	if err == nil && b.sqlite {
		triggers, err = sqliteQuietTriggers(ctx, tx)
		b.quiet = err == nil && len(triggers) == len(sqliteBatchTriggers)
		if err == nil {
			b.triggered, err = sqliteTriggeredTables(ctx, tx)
		}
	}
	if err == nil {
		b.startWriter()
		err = fn(b)
		if err == nil {
			err = b.flushAll()
		}
		// The writer is done with the transaction before it ends.
		if werr := b.stopWriter(); err == nil {
			err = werr
		}
	}
	inserted = time.Now()
	if err == nil && b.quiet && !b.sqlite {
		_, err = tx.ExecContext(ctx, "SET LOCAL session_replication_role = origin")
	}
	if err == nil {
		err = createIndexes(ctx, tx, triggers)
	}
	if err == nil {
		err = createIndexes(ctx, tx, indexes)
	}
	indexed = time.Now()
	if err != nil {
		_ = tx.Rollback()
		return err
	}
	// Batch rows don't maintain the jobs' active-application counters.
	if _, err := tx.ExecContext(ctx, `UPDATE jobs SET active_applications =
		(SELECT COUNT(*) FROM applications a WHERE a.job_id = jobs.id AND a.status = 'active')`); err != nil {
		_ = tx.Rollback()
		return fmt.Errorf("store: bulk load recount: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: bulk load commit: %w", err)
	}
	committed := time.Now()
	if db.dialect == DialectSQLite {
		// Through the WAL the load committed unsynced; ANALYZE's commit
		// syncs the log, and with it the load.
		if _, err := conn.ExecContext(ctx, "PRAGMA synchronous=FULL"); err != nil {
			return fmt.Errorf("store: bulk load: %w", err)
		}
	}
	// Fresh statistics keep the planner on the filter indexes after a big load.
	if err := db.analyze(ctx, conn); err != nil {
		return err
	}
	db.logger.Debug("bulk load", "insert", inserted.Sub(start), "index", indexed.Sub(inserted),
		"commit", committed.Sub(indexed), "analyze", time.Since(committed), "rollback_journal", rollbackJournal)
	return nil
}

// Batch buffers rows per table and writes them in multi-row INSERT
// statements, prepared once per row count.
type Batch struct {
	ctx    context.Context
	tx     *sql.Tx
	tables map[string]*bulkTable
	order  []*bulkTable // flush parents before children
	sqlite bool
	// triggered holds the SQLite tables with insert triggers.
	triggered map[string]bool
	// quiet: the triggers that maintain candidate_tags' copies and the
	// duplicate keys are off, so the batch writes the rows they would have
	// (see pgQuietTriggers, sqliteQuietTriggers).
	quiet bool

	work    chan bulkWork // to the writer goroutine
	free    chan []any    // row buffers back from the writer
	stopped chan struct{}
	failed  atomic.Pointer[error] // the writer's first error
}

type bulkTable struct {
	name    string
	cols    []string
	rows    []any // flattened
	perStmt int
	parents []*bulkTable // flushed before this table
	stmts   map[int]*sql.Stmt
}

// maxParams stays well under PostgreSQL's limit of 65535 bound parameters.
const maxParams = 30000

func (b *Batch) table(name string, cols ...string) *bulkTable {
	t := b.tables[name]
	if t == nil {
		rows := 500
		if b.sqlite {
			rows = 200
		}
		t = &bulkTable{name: name, cols: cols, perStmt: min(rows, maxParams/len(cols)), stmts: map[int]*sql.Stmt{}}
		if !b.sqlite {
			t.parents = slices.Clone(b.order)
		} else if b.triggered[name] {
			for _, p := range b.order {
				if slices.Contains(sqliteTriggerParents[name], p.name) {
					t.parents = append(t.parents, p)
				}
			}
		}
		b.tables[name] = t
		b.order = append(b.order, t)
	}
	return t
}

// sqliteTriggerParents names, per table, the tables its SQLite insert
// triggers read, which must be flushed before it. Other parents need not be:
// foreign keys are off for the load.
var sqliteTriggerParents = map[string][]string{
	"candidate_tags": {"candidates"}, // candidate_tags_stamp copies updated_at and source
}

// insertSQL is a multi-row INSERT of n rows into t. SQLite gets anonymous ?
// parameters: numbered ones are looked up by name while parsing (quadratic
// in their count) and while binding.
func (b *Batch) insertSQL(t *bulkTable, n int) string {
	verb := "INSERT"
	if b.sqlite && !b.triggered[t.name] {
		// OR FAIL keeps the rows already inserted by a failing statement
		// (the whole load rolls back anyway), so SQLite needs no statement
		// journal. Not with triggers: a statement's conflict clause
		// overrides those inside its triggers (INSERT OR IGNORE of a
		// repeated lookup key would fail the load).
		verb = "INSERT OR FAIL"
	}
	return valuesInsertSQL(verb, t.name, t.cols, n, b.sqlite)
}

func valuesInsertSQL(verb, name string, cols []string, rows int, sqlite bool) string {
	var s strings.Builder
	s.WriteString(verb + " INTO " + name + " (" + strings.Join(cols, ", ") + ") VALUES ")
	n := 1
	for r := 0; r < rows; r++ {
		if r > 0 {
			s.WriteString(", ")
		}
		s.WriteByte('(')
		for c := range cols {
			if c > 0 {
				s.WriteString(", ")
			}
			if sqlite {
				s.WriteByte('?')
			} else {
				s.WriteString("$" + strconv.Itoa(n))
			}
			n++
		}
		s.WriteByte(')')
	}
	return s.String()
}

func (b *Batch) add(name string, cols []string, vals ...any) error {
	t := b.table(name, cols...)
	t.rows = append(t.rows, vals...)
	if len(t.rows)/len(t.cols) >= t.perStmt {
		for _, p := range t.parents {
			if err := b.flush(p); err != nil {
				return err
			}
		}
		return b.flush(t)
	}
	return nil
}

// bulkWork is a table's rows for the writer, or (t nil) a request to report
// when everything before it is written.
type bulkWork struct {
	t    *bulkTable
	rows []any
	done chan struct{}
}

// startWriter starts the goroutine that runs the inserts, so that the
// caller's generation of the next rows overlaps SQLite or PostgreSQL work on
// the previous ones (the load had one core busy and one idle). Work is
// written in the order it was queued, which keeps parents before children.
func (b *Batch) startWriter() {
	b.work = make(chan bulkWork, 16)
	b.free = make(chan []any, 32)
	b.stopped = make(chan struct{})
	go func() {
		defer close(b.stopped)
		for w := range b.work {
			if w.t == nil {
				close(w.done)
				continue
			}
			if b.failed.Load() == nil {
				if err := b.write(w.t, w.rows); err != nil {
					b.failed.Store(&err)
				}
			}
			clear(w.rows)
			select {
			case b.free <- w.rows[:0]:
			default:
			}
		}
	}()
}

// stopWriter waits for the queued work and returns the first write error.
func (b *Batch) stopWriter() error {
	if b.work != nil {
		close(b.work)
		<-b.stopped
		b.work = nil
	}
	return b.writeErr()
}

func (b *Batch) writeErr() error {
	if p := b.failed.Load(); p != nil {
		return *p
	}
	return nil
}

// wait returns once everything queued so far is written.
func (b *Batch) wait() error {
	if b.work == nil {
		return b.writeErr()
	}
	w := bulkWork{done: make(chan struct{})}
	b.work <- w
	<-w.done
	return b.writeErr()
}

// flush queues t's rows for the writer.
func (b *Batch) flush(t *bulkTable) error {
	if len(t.rows) == 0 {
		return nil
	}
	if err := b.writeErr(); err != nil {
		return err
	}
	b.work <- bulkWork{t: t, rows: t.rows}
	select {
	case t.rows = <-b.free:
	default:
		t.rows = make([]any, 0, t.perStmt*len(t.cols))
	}
	return nil
}

// write inserts rows into t; only the writer goroutine calls it.
func (b *Batch) write(t *bulkTable, rows []any) error {
	n := len(rows) / len(t.cols)
	// Statements are prepared once per row count: parsing a statement of
	// thousands of parameters for every batch cost seconds over a large load.
	// PostgreSQL keeps only the full batch's: a server-side statement for
	// every odd count would cost as much as it saves.
	var err error
	stmt := t.stmts[n]
	switch {
	case stmt != nil:
		_, err = stmt.ExecContext(b.ctx, rows...)
	case b.sqlite || n == t.perStmt:
		stmt, err = b.tx.PrepareContext(b.ctx, b.insertSQL(t, n))
		if err == nil {
			t.stmts[n] = stmt
			_, err = stmt.ExecContext(b.ctx, rows...)
		}
	default:
		_, err = b.tx.ExecContext(b.ctx, b.insertSQL(t, n), rows...)
	}
	if err != nil {
		return fmt.Errorf("store: bulk insert %s: %w", t.name, err)
	}
	return nil
}

func (b *Batch) flushAll() error {
	for _, t := range b.order {
		if err := b.flush(t); err != nil {
			return err
		}
	}
	return nil
}

var (
	colsDept     = []string{"id", "name"}
	colsLoc      = []string{"id", "name", "city", "country"}
	colsUser     = []string{"id", "email", "name", "role", "time_zone", "disabled", "password_hash", "created_at", "updated_at"}
	colsJob      = []string{"id", "title", "department_id", "workplace_type", "allowed_countries", "employment_type", "description", "requirements", "salary_min", "salary_max", "salary_currency", "salary_period", "openings", "status", "confidential", "version", "created_at", "updated_at", "published_at"}
	colsJobLoc   = []string{"job_id", "location_id", "position"}
	colsJobTeam  = []string{"job_id", "user_id", "role"}
	colsStage    = []string{"id", "job_id", "name", "kind", "position"}
	colsCand     = []string{"id", "first_name", "last_name", "sort_name", "emails", "phones", "links", "location", "headline", "current_title", "current_company", "source", "owner_id", "tags", "consent_processing", "consent_processing_at", "consent_marketing", "consent_marketing_at", "retain_until", "consent_source", "version", "created_at", "updated_at"}
	colsCandMail = []string{"candidate_id", "email", "position"}
	colsCandTag  = []string{"candidate_id", "tag", "updated_at", "source"}
	colsCandTel  = []string{"candidate_id", "phone_key"}
	colsCandLI   = []string{"candidate_id", "url_key"}
	colsApp      = []string{"id", "candidate_id", "job_id", "stage_id", "status", "source", "credited_to_id", "applied_at", "stage_entered_at", "rejection_reason_id", "rejection_reason", "rejected_at", "hired_at", "withdrawn_at", "version", "created_at", "updated_at"}
	colsVisit    = []string{"id", "application_id", "stage_id", "stage_name", "entered_at", "left_at", "actor_name"}
	colsNote     = []string{"id", "candidate_id", "application_id", "job_id", "author_id", "author_name", "body", "private", "created_at", "updated_at"}
	colsDoc      = []string{"id", "candidate_id", "application_id", "kind", "file_name", "content_type", "size", "sha256", "blob_key", "uploaded_by_id", "parse_status", "parse_error", "created_at"}
	colsAct      = []string{"id", "actor_id", "actor_name", "action", "subject_type", "subject_id", "candidate_id", "job_id", "summary", "before_json", "after_json", "ip", "private", "created_at"}
)

// Department adds a department.
func (b *Batch) Department(d hiring.Department) error {
	return b.add("departments", colsDept, d.ID, d.Name)
}

// Location adds a location.
func (b *Batch) Location(l hiring.Location) error {
	return b.add("locations", colsLoc, l.ID, l.Name, l.City, l.Country)
}

// User adds a user with a password hash ("" = cannot log in until reset).
func (b *Batch) User(u hiring.User, passwordHash string) error {
	return b.add("users", colsUser, u.ID, strings.ToLower(u.Email), u.Name, string(u.Role), u.TimeZone, u.Disabled, passwordHash, TimeArg(u.CreatedAt), TimeArg(u.UpdatedAt))
}

// Job adds a job with its stages, locations, team and a creation activity.
func (b *Batch) Job(j hiring.Job, stages []hiring.Stage) error {
	var smin, smax, scur, sper any
	if s := j.Salary; s != nil {
		smin, smax, scur, sper = s.Min, s.Max, s.Currency, string(s.Period)
	}
	if err := b.add("jobs", colsJob, j.ID, j.Title, nullString(j.DepartmentID), string(j.WorkplaceType), jsonArg(j.AllowedCountries),
		string(j.EmploymentType), j.Description, jsonArg(j.Requirements), smin, smax, scur, sper, j.Openings, string(j.Status),
		j.Confidential, j.Version, TimeArg(j.CreatedAt), TimeArg(j.UpdatedAt), nullTimeArg(j.PublishedAt)); err != nil {
		return err
	}
	for i, l := range j.LocationIDs {
		if err := b.add("job_locations", colsJobLoc, j.ID, l, i); err != nil {
			return err
		}
	}
	for _, m := range j.HiringTeam {
		if err := b.add("job_team", colsJobTeam, j.ID, m.UserID, string(m.Role)); err != nil {
			return err
		}
	}
	for _, s := range stages {
		if err := b.add("stages", colsStage, s.ID, s.JobID, s.Name, string(s.Kind), s.Position); err != nil {
			return err
		}
	}
	return b.activity(derivedID(j.ID, 1), "job.created", "job", j.ID, "", j.ID, "created the job "+j.Title, j.CreatedAt)
}

// Candidate adds a candidate with its email and tag lookups and a creation activity.
func (b *Batch) Candidate(c hiring.Candidate) error {
	co := c.Consent
	if err := b.add("candidates", colsCand, c.ID, c.FirstName, c.LastName, sortName(hiring.CandidateInput{FirstName: c.FirstName, LastName: c.LastName}),
		jsonArg(c.Emails), jsonArg(c.Phones), jsonArg(c.Links), c.Location, c.Headline, c.CurrentTitle, c.CurrentCompany,
		c.Source, nullString(c.OwnerID), jsonArg(c.Tags), co.Processing, nullTimeArg(co.ProcessingAt), co.Marketing,
		nullTimeArg(co.MarketingAt), nullTimeArg(co.RetainUntil), co.ConsentSource, c.Version, TimeArg(c.CreatedAt), TimeArg(c.UpdatedAt)); err != nil {
		return err
	}
	for i, e := range c.Emails {
		if err := b.add("candidate_emails", colsCandMail, c.ID, strings.ToLower(e), i); err != nil {
			return err
		}
	}
	for _, t := range c.Tags {
		if err := b.add("candidate_tags", colsCandTag, c.ID, t, TimeArg(c.UpdatedAt), c.Source); err != nil {
			return err
		}
	}
	if b.quiet {
		if err := b.duplicateKeys(c); err != nil {
			return err
		}
	}
	return b.activity(derivedID(c.ID, 1), "candidate.created", "candidate", c.ID, c.ID, "", "added "+c.Name(), c.CreatedAt)
}

// duplicateKeys writes the duplicate-detection keys that the candidates
// trigger writes when it runs. The keys come from the Go rules, which a store
// test holds equal to the trigger's SQL: a set-wise rebuild in SQL called the
// key functions (not inlinable) at a cost of seconds per 100,000 candidates.
func (b *Batch) duplicateKeys(c hiring.Candidate) error {
	seen := map[string]bool{}
	for _, p := range c.Phones {
		if k := hiring.PhoneKey(p); k != "" && !seen["p"+k] {
			seen["p"+k] = true
			if err := b.add("candidate_phones", colsCandTel, c.ID, k); err != nil {
				return err
			}
		}
	}
	for _, l := range c.Links {
		if k := hiring.LinkedInKey(l.URL); k != "" && !seen["l"+k] {
			seen["l"+k] = true
			if err := b.add("candidate_linkedin", colsCandLI, c.ID, k); err != nil {
				return err
			}
		}
	}
	return nil
}

// Application adds an application, its stage visits (visited in order, the
// last one current) and a creation activity.
func (b *Batch) Application(a hiring.Application, visited []hiring.Stage) error {
	if err := b.add("applications", colsApp, a.ID, a.CandidateID, a.JobID, a.StageID, string(a.Status), a.Source, nullString(a.CreditedToID),
		TimeArg(a.AppliedAt), TimeArg(a.StageEnteredAt), nullString(a.RejectionReasonID), a.RejectionReason, nullTimeArg(a.RejectedAt),
		nullTimeArg(a.HiredAt), nullTimeArg(a.WithdrawnAt), a.Version, TimeArg(a.CreatedAt), TimeArg(a.UpdatedAt)); err != nil {
		return err
	}
	n := len(visited)
	for i, s := range visited {
		entered := a.AppliedAt
		if n > 1 {
			entered = a.AppliedAt.Add(a.StageEnteredAt.Sub(a.AppliedAt) * time.Duration(i) / time.Duration(n-1))
		}
		var left any
		if i < n-1 {
			next := a.AppliedAt.Add(a.StageEnteredAt.Sub(a.AppliedAt) * time.Duration(i+1) / time.Duration(n-1))
			left = TimeArg(next)
		}
		if err := b.add("stage_visits", colsVisit, derivedID(a.ID, byte(2+i)), a.ID, s.ID, s.Name, TimeArg(entered), left, ""); err != nil {
			return err
		}
	}
	return b.activity(derivedID(a.ID, 1), "application.created", "application", a.ID, a.CandidateID, a.JobID, "added "+a.CandidateName+" to the pipeline", a.CreatedAt)
}

// Note adds a note.
func (b *Batch) Note(n hiring.Note) error {
	return b.add("notes", colsNote, n.ID, n.CandidateID, nullString(n.ApplicationID), nil, nullString(n.AuthorID), n.AuthorName, n.Body, n.Private, TimeArg(n.CreatedAt), TimeArg(n.UpdatedAt))
}

// Document adds a document record whose blob the caller stored already.
func (b *Batch) Document(d hiring.Document) error {
	return b.add("documents", colsDoc, d.ID, d.CandidateID, nullString(d.ApplicationID), d.Kind, d.FileName, d.ContentType, d.Size, d.SHA256, d.BlobKey,
		nullString(d.UploadedByID), d.ParseStatus, d.ParseError, TimeArg(d.CreatedAt))
}

// RejectionReasonIDs returns the seeded reasons' IDs.
func (b *Batch) RejectionReasonIDs() ([]string, error) {
	if err := b.wait(); err != nil {
		return nil, err
	}
	rows, err := b.tx.QueryContext(b.ctx, "SELECT id FROM rejection_reasons WHERE archived = $1 ORDER BY position", false)
	if err != nil {
		return nil, fmt.Errorf("store: rejection reasons: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// derivedID returns a UUID that differs from id only in its last byte, so a
// record's activity and visits sort with it and need no extra randomness.
func derivedID(id string, n byte) string {
	u, err := uuid.Parse(id)
	if err != nil {
		return NewID()
	}
	u[15] ^= n
	return u.String()
}

func (b *Batch) activity(id, action, subjectType, subjectID, candidateID, jobID, summary string, at time.Time) error {
	return b.add("activity", colsAct, id, nil, "Candor demo", action, subjectType, subjectID, nullString(candidateID), nullString(jobID), summary, nil, nil, "", false, TimeArg(at))
}

// sqliteBatchTriggers are the SQLite insert triggers whose work the Batch
// does itself when they are off: candidate_tags' copies of updated_at and
// source, and the duplicate-detection keys.
var sqliteBatchTriggers = []string{"candidate_tags_stamp", "candidates_dup_keys_insert"}

// sqliteQuietTriggers drops the sqliteBatchTriggers for the load and returns
// their definitions, to be created again before commit (DDL is
// transactional). Per-row trigger programs, and the statement journals they
// need, cost more than the rows of the candidates they served.
func sqliteQuietTriggers(ctx context.Context, tx *sql.Tx) ([]indexDef, error) {
	rows, err := tx.QueryContext(ctx, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (SELECT value FROM json_each($1)) ORDER BY name",
		jsonArg(sqliteBatchTriggers))
	if err != nil {
		return nil, fmt.Errorf("store: list triggers: %w", err)
	}
	var defs []indexDef
	for rows.Next() {
		var d indexDef
		if err := rows.Scan(&d.name, &d.sql); err != nil {
			_ = rows.Close()
			return nil, fmt.Errorf("store: list triggers: %w", err)
		}
		defs = append(defs, d)
	}
	_ = rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list triggers: %w", err)
	}
	if len(defs) != len(sqliteBatchTriggers) {
		// A schema without them: leave whatever there is alone.
		return nil, nil
	}
	for _, d := range defs {
		if _, err := tx.ExecContext(ctx, "DROP TRIGGER "+quoteIdent(d.name)); err != nil {
			return nil, fmt.Errorf("store: drop trigger %s: %w", d.name, err)
		}
	}
	return defs, nil
}

// sqliteTriggeredTables returns the tables with insert triggers: those whose
// definition names INSERT before its body (the event always precedes WHEN
// and BEGIN; a trigger merely named *insert* counts too, which only costs a
// statement journal).
func sqliteTriggeredTables(ctx context.Context, tx *sql.Tx) (map[string]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT tbl_name FROM sqlite_master
		WHERE type = 'trigger' AND instr(upper(substr(sql, 1, instr(upper(sql), 'BEGIN'))), 'INSERT') > 0`)
	if err != nil {
		return nil, fmt.Errorf("store: list triggers: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("store: list triggers: %w", err)
		}
		out[name] = true
	}
	return out, rows.Err()
}

// bulkIndexedTables are the tables whose secondary indexes BulkLoad rebuilds.
var bulkIndexedTables = []string{"candidates", "candidate_emails", "candidate_tags", "applications", "stage_visits", "activity", "notes"}

type indexDef struct{ name, sql string }

// secondaryIndexes lists the indexes of tables that no constraint owns (a
// primary key or UNIQUE constraint's index cannot be dropped on its own).
func (db *DB) secondaryIndexes(ctx context.Context, tx *sql.Tx, tables []string) ([]indexDef, error) {
	var q string
	if db.dialect == DialectSQLite {
		q = `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each($1))`
	} else {
		q = `SELECT i.indexname, i.indexdef FROM pg_indexes i
		     WHERE i.schemaname = current_schema() AND i.tablename IN (SELECT json_array_elements_text($1::json))
		       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`
	}
	rows, err := tx.QueryContext(ctx, q, jsonArg(tables))
	if err != nil {
		return nil, fmt.Errorf("store: list indexes: %w", err)
	}
	defer rows.Close()
	var out []indexDef
	for rows.Next() {
		var d indexDef
		if err := rows.Scan(&d.name, &d.sql); err != nil {
			return nil, fmt.Errorf("store: list indexes: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

func dropIndexes(ctx context.Context, tx *sql.Tx, idx []indexDef) error {
	for _, d := range idx {
		if _, err := tx.ExecContext(ctx, "DROP INDEX "+quoteIdent(d.name)); err != nil {
			return fmt.Errorf("store: drop index %s: %w", d.name, err)
		}
	}
	return nil
}

func createIndexes(ctx context.Context, tx *sql.Tx, idx []indexDef) error {
	for _, d := range idx {
		if _, err := tx.ExecContext(ctx, d.sql); err != nil {
			return fmt.Errorf("store: recreate %s: %w", d.name, err)
		}
	}
	return nil
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// pgQuietTriggers turns off row triggers (foreign-key checks and the tables
// they maintain) for this transaction when the role may: per-row trigger work
// made a PostgreSQL load grow quadratically. The Batch then writes the rows
// the triggers would have (candidate_tags' copies, duplicate keys). Without
// superuser the load simply runs with triggers on.
func pgQuietTriggers(ctx context.Context, tx *sql.Tx) (bool, error) {
	var super string
	if err := tx.QueryRowContext(ctx, "SELECT current_setting('is_superuser')").Scan(&super); err != nil {
		return false, fmt.Errorf("store: bulk load: %w", err)
	}
	if super != "on" {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, "SET LOCAL session_replication_role = replica"); err != nil {
		return false, fmt.Errorf("store: bulk load: %w", err)
	}
	return true, nil
}

// sqliteRollbackJournal switches the database out of WAL for the load when no
// other connection has it open. In WAL every page of the load is written
// twice — to the log, then copied into the database by the checkpoint — and
// pages spilled from the cache mid-load are read back through the log. With
// a rollback journal, pages that did not exist before the load (nearly all of
// them) need no journal entry and are written once, in place; a failed load
// still rolls back. synchronous=NORMAL syncs the journal before the database
// is overwritten and the database at commit, so the load stays crash-safe
// and is durable once committed. It reports whether it switched.
func (db *DB) sqliteRollbackJournal(ctx context.Context, conn *sql.Conn) (bool, error) {
	// Idle readers hold the WAL index open, which keeps the mode; they are
	// reopened on demand after the load.
	db.reader.SetMaxIdleConns(0)
	var mode string
	if err := conn.QueryRowContext(ctx, "PRAGMA journal_mode=DELETE").Scan(&mode); err != nil || mode != "delete" {
		// Another connection has the database open (SQLITE_BUSY): load
		// through the WAL.
		db.reader.SetMaxIdleConns(sqliteReaders())
		return false, nil
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA synchronous=NORMAL"); err != nil {
		return true, fmt.Errorf("store: bulk load: %w", err)
	}
	return true, nil
}

// sqliteBackToWAL returns the database to WAL, the mode every other
// connection expects.
func sqliteBackToWAL(ctx context.Context, conn *sql.Conn) error {
	var mode string
	if err := conn.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode); err != nil {
		return fmt.Errorf("store: bulk load journal: %w", err)
	}
	if mode != "wal" {
		return fmt.Errorf("store: bulk load journal: database left in %s mode", mode)
	}
	return nil
}
