package store

import (
	"context"
	"database/sql"
	"sync"
)

// maxCachedStmts bounds the cache; queries are built from a fixed set of
// fragments, so real use stays far below it.
const maxCachedStmts = 512

// stmtReader runs reads through prepared statements kept per SQL text. On
// SQLite preparing a statement costs as much as running a small indexed
// query, so list pages reuse them; pgx caches statements itself, so on
// PostgreSQL this passes straight through.
type stmtReader struct {
	db    *sql.DB
	cache bool

	mu    sync.Mutex
	stmts map[string]*sql.Stmt
}

func newStmtReader(db *sql.DB, cache bool) *stmtReader {
	return &stmtReader{db: db, cache: cache, stmts: map[string]*sql.Stmt{}}
}

func (r *stmtReader) stmt(ctx context.Context, query string) *sql.Stmt {
	if !r.cache {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if s, ok := r.stmts[query]; ok {
		return s
	}
	if len(r.stmts) >= maxCachedStmts {
		return nil
	}
	s, err := r.db.PrepareContext(ctx, query)
	if err != nil {
		// Let the plain call report the error with its context.
		return nil
	}
	r.stmts[query] = s
	return s
}

func (r *stmtReader) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if s := r.stmt(ctx, query); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return r.db.QueryContext(ctx, query, args...)
}

func (r *stmtReader) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if s := r.stmt(ctx, query); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return r.db.QueryRowContext(ctx, query, args...)
}

func (r *stmtReader) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return r.db.ExecContext(ctx, query, args...)
}

func (r *stmtReader) close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for q, s := range r.stmts {
		_ = s.Close()
		delete(r.stmts, q)
	}
}
