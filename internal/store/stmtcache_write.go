package store

import (
	"context"
	"database/sql"
	"sync"
)

// writeStmts keeps prepared statements of the SQLite writer for the hot
// writes of a transaction (txExec). Preparing an INSERT INTO candidates
// compiles its triggers (the search index, the duplicate keys) every time:
// it was about half the CPU of a careers application. A statement is
// prepared on the writer outside any transaction — inside one the single
// writer connection is taken, and database/sql would wait for it for ever —
// so the first use of a query runs it plainly and marks it; write prepares
// the marked ones after its commit. tx.StmtContext then reuses the
// statement on the writer's connection. PostgreSQL (pgx caches statements
// itself) passes straight through.
type writeStmts struct {
	db *sql.DB
	on bool

	mu      sync.Mutex
	stmts   map[string]*sql.Stmt
	pending map[string]bool
}

func newWriteStmts(db *sql.DB, on bool) *writeStmts {
	return &writeStmts{db: db, on: on, stmts: map[string]*sql.Stmt{}, pending: map[string]bool{}}
}

// get returns the prepared statement of query, or nil (then marking it to
// be prepared after the transaction).
func (w *writeStmts) get(query string) *sql.Stmt {
	if w == nil || !w.on {
		return nil
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if s, ok := w.stmts[query]; ok {
		return s
	}
	if len(w.stmts)+len(w.pending) < maxCachedStmts {
		w.pending[query] = true
	}
	return nil
}

// preparePending prepares the marked statements; it must run outside a
// transaction of the writer. A failure leaves the query unprepared (the
// plain call reports the error with its context).
func (w *writeStmts) preparePending(ctx context.Context) {
	if w == nil || !w.on {
		return
	}
	w.mu.Lock()
	var todo []string
	for q := range w.pending {
		todo = append(todo, q)
	}
	clear(w.pending)
	w.mu.Unlock()
	for _, q := range todo {
		s, err := w.db.PrepareContext(ctx, q)
		if err != nil {
			continue
		}
		w.mu.Lock()
		if _, dup := w.stmts[q]; dup {
			_ = s.Close()
		} else {
			w.stmts[q] = s
		}
		w.mu.Unlock()
	}
}

func (w *writeStmts) hasPending() bool {
	if w == nil || !w.on {
		return false
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.pending) > 0
}

func (w *writeStmts) close() {
	if w == nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for q, s := range w.stmts {
		_ = s.Close()
		delete(w.stmts, q)
	}
}

// txExec runs a write of tx through the writer's prepared statement of
// query when there is one (see writeStmts).
func (db *DB) txExec(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	if s := db.ws.get(query); s != nil {
		return tx.StmtContext(ctx, s).ExecContext(ctx, args...)
	}
	return tx.ExecContext(ctx, query, args...)
}

// txQuerier is tx reading and writing through the writer's prepared
// statements (see writeStmts), for the read helpers of hot transactions.
// A cached statement must not be run again while its own rows are open:
// use it where a query does not nest inside a loop over the same query.
type txQuerier struct {
	db *DB
	tx *sql.Tx
}

// cached returns tx as a querier using the writer's prepared statements
// (tx itself on PostgreSQL).
func (db *DB) cached(tx *sql.Tx) querier {
	if db.ws == nil || !db.ws.on {
		return tx
	}
	return txQuerier{db: db, tx: tx}
}

func (q txQuerier) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return q.db.txExec(ctx, q.tx, query, args...)
}

func (q txQuerier) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if s := q.db.ws.get(query); s != nil {
		return q.tx.StmtContext(ctx, s).QueryContext(ctx, args...)
	}
	return q.tx.QueryContext(ctx, query, args...)
}

func (q txQuerier) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if s := q.db.ws.get(query); s != nil {
		return q.tx.StmtContext(ctx, s).QueryRowContext(ctx, args...)
	}
	return q.tx.QueryRowContext(ctx, query, args...)
}
