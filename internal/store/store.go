// Package store implements Candor's hiring services on database/sql, for
// SQLite (modernc.org/sqlite, the embedded default) and PostgreSQL (pgx).
// One SQL text serves both engines; the few differences live in the
// dialect files. Every service method authorizes the actor from the context
// and writes its activity rows in the same transaction as the change.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	"github.com/riverqueue/river"

	"github.com/candor-ats/candor/internal/hiring"
)

// Dialect names.
const (
	DialectSQLite   = "sqlite"
	DialectPostgres = "postgres"
)

// Config says which database to open.
type Config struct {
	// URL "" opens SQLite at DataDir/candor.db; "postgres://…" opens PostgreSQL.
	URL     string
	DataDir string
	Logger  *slog.Logger
	// RawReports makes the funnel report read the stage history itself
	// instead of its rollup: the benchmark's same-run reference.
	RawReports bool
}

// Enqueuer inserts background jobs in the caller's transaction, so a job
// exists exactly when the change that caused it was committed.
type Enqueuer interface {
	InsertTx(ctx context.Context, tx *sql.Tx, args river.JobArgs) error
	// Committed is called after a transaction in which InsertTx ran has
	// committed (now and then after another one too), so that the workers
	// of this process start the jobs without waiting for their next poll.
	Committed()
}

// DB is the store. It satisfies hiring.Services.
type DB struct {
	dialect string
	writer  *sql.DB
	reader  *sql.DB
	rd      *stmtReader // reads through cached prepared statements
	ws      *writeStmts // the hot writes' prepared statements (txExec)
	intake  intakeQueue // careers applications waiting for a batch (SQLite)
	logger  *slog.Logger
	path    string        // SQLite file, "" on PostgreSQL
	keyWait time.Duration // see SetKeyWait
	cfg     Config

	// enqueuer is set once at start by the work package; atomic because the
	// HTTP server may already be serving when it is attached.
	enqueuer atomic.Pointer[enqueuerBox]
	// enqueued counts InsertTx calls; write compares it before and after
	// its transaction to know whether to call Committed. (Another
	// transaction's enqueue in between only adds a needless call.)
	enqueued atomic.Int64
	// mailFrom is the configured sender of mail (SetMailFrom, templates.go).
	mailFrom atomic.Pointer[mailIdentity]
	// publicURL is the installation's public address, for links in mail
	// (SetPublicURL, status.go).
	publicURL atomic.Pointer[string]
}

type enqueuerBox struct{ e Enqueuer }

var _ hiring.Services = (*DB)(nil)

// Open opens the database named by cfg. It does not migrate.
func Open(ctx context.Context, cfg Config) (*DB, error) {
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	var (
		db  *DB
		err error
	)
	switch {
	case cfg.URL == "":
		db, err = openSQLite(cfg.DataDir, logger)
	case strings.HasPrefix(cfg.URL, "postgres://"), strings.HasPrefix(cfg.URL, "postgresql://"):
		db, err = openPostgres(cfg.URL)
	default:
		return nil, errors.New("store: database URL must be empty (SQLite) or postgres://…")
	}
	if err != nil {
		return nil, err
	}
	db.logger = logger
	db.cfg = cfg
	db.rd = newStmtReader(db.reader, db.dialect == DialectSQLite)
	db.ws = newWriteStmts(db.writer, db.dialect == DialectSQLite)
	if err := db.Ping(ctx); err != nil {
		_ = db.Close()
		return nil, err
	}
	return db, nil
}

// Close closes both pools.
func (db *DB) Close() error {
	db.rd.close()
	db.ws.close()
	err := db.writer.Close()
	if db.reader != db.writer {
		err = errors.Join(err, db.reader.Close())
	}
	return err
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.writer.PingContext(ctx); err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	if db.reader != db.writer {
		if err := db.reader.PingContext(ctx); err != nil {
			return fmt.Errorf("store: ping reader: %w", err)
		}
	}
	return nil
}

// Config returns what Open was given: opening it again gives another handle
// on the same database, as a second replica would.
func (db *DB) Config() Config { return db.cfg }

// Dialect returns "sqlite" or "postgres".
func (db *DB) Dialect() string { return db.dialect }

// Writer is the pool for writes. On SQLite it is the single writer connection,
// which River shares.
func (db *DB) Writer() *sql.DB { return db.writer }

// Reader is the pool for reads (read-only connections on SQLite).
func (db *DB) Reader() *sql.DB { return db.reader }

// SetEnqueuer attaches the background job queue.
func (db *DB) SetEnqueuer(e Enqueuer) { db.enqueuer.Store(&enqueuerBox{e}) }

// enqueue inserts a background job in tx when a queue is attached. Without
// one (tests, the CLI) the work is simply not scheduled. Services call it
// inside their write transaction once a change has background work (resume
// parsing, confirmation mail, automations).
// manyEnqueuer is an Enqueuer that inserts several jobs in one statement
// (work.Queue): River prepares its insert anew for every call, which on
// SQLite cost as much as the rest of a careers application.
type manyEnqueuer interface {
	InsertManyTx(ctx context.Context, tx *sql.Tx, args []river.JobArgs) error
}

// enqueueMany inserts jobs in tx, in one call when the queue can.
func (db *DB) enqueueMany(ctx context.Context, tx *sql.Tx, jobs []river.JobArgs) error {
	b := db.enqueuer.Load()
	if b == nil || b.e == nil || len(jobs) == 0 {
		return nil
	}
	m, ok := b.e.(manyEnqueuer)
	if !ok || len(jobs) == 1 {
		for _, j := range jobs {
			if err := db.enqueue(ctx, tx, j); err != nil {
				return err
			}
		}
		return nil
	}
	if err := m.InsertManyTx(ctx, tx, jobs); err != nil {
		return fmt.Errorf("store: enqueue %d jobs: %w", len(jobs), err)
	}
	db.enqueued.Add(int64(len(jobs)))
	return nil
}

func (db *DB) enqueue(ctx context.Context, tx *sql.Tx, args river.JobArgs) error {
	b := db.enqueuer.Load()
	if b == nil || b.e == nil {
		return nil
	}
	if err := b.e.InsertTx(ctx, tx, args); err != nil {
		return fmt.Errorf("store: enqueue %s: %w", args.Kind(), err)
	}
	db.enqueued.Add(1)
	return nil
}
