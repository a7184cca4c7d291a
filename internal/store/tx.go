package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
)

// querier is what both *sql.DB and *sql.Tx offer, so read helpers serve
// plain reads and reads inside a write transaction alike.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// write runs fn in a write transaction (BEGIN IMMEDIATE on SQLite) and
// commits when it returns nil. Inside fn only tx may be used: on SQLite the
// writer has one connection and any other use of it would wait for ever.
// In a keyed request (Idempotent) fn joins the request's one transaction.
func (db *DB) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if c := db.claimOf(ctx); c != nil {
		return c.write(ctx, fn)
	}
	enqueued := db.enqueued.Load()
	tx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	db.jobsCommitted(enqueued)
	if db.ws.hasPending() {
		db.ws.preparePending(ctx)
	}
	return nil
}

// jobsCommitted tells the queue (Enqueuer.Committed) when jobs were enqueued
// since the count was enqueued: the transaction that just committed was
// one of those that did.
func (db *DB) jobsCommitted(enqueued int64) {
	if db.enqueued.Load() == enqueued {
		return
	}
	if b := db.enqueuer.Load(); b != nil && b.e != nil {
		b.e.Committed()
	}
}

func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "UNIQUE constraint failed") || strings.Contains(s, "SQLSTATE 23505") ||
		strings.Contains(s, "duplicate key value")
}

// dbErr wraps an unexpected database error with what was being done.
func dbErr(op string, err error) error {
	if err == nil {
		return nil
	}
	var he *hiring.Error
	if errors.As(err, &he) {
		return err
	}
	return fmt.Errorf("store: %s: %w", op, err)
}

// notFound maps sql.ErrNoRows to the domain's not-found error.
func notFound(what string, err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return hiring.ErrNotFound(what)
	}
	return dbErr("load "+what, err)
}

// args collects positional parameters while a query is built.
type args struct{ list []any }

func (a *args) add(v any) string {
	a.list = append(a.list, v)
	return "$" + strconv.Itoa(len(a.list))
}

// in returns "$n, $n+1, …" for the values.
func (a *args) in(vs []string) string {
	ps := make([]string, len(vs))
	for i, v := range vs {
		ps[i] = a.add(v)
	}
	return strings.Join(ps, ", ")
}

func invalid(field, msg string) error {
	return &hiring.Error{Code: hiring.EInvalid, Message: "Please correct the highlighted fields.",
		Fields: []hiring.FieldError{{Field: field, Message: msg}}}
}

func conflict(field, msg string) error {
	e := &hiring.Error{Code: hiring.EConflict, Message: msg}
	if field != "" {
		e.Fields = []hiring.FieldError{{Field: field, Message: msg}}
	}
	return e
}

func staleVersion(what string) error {
	return hiring.Errorf(hiring.EPrecondition, "This %s was changed by someone else. Reload and try again.", what)
}

func forbidden(msg string) error { return hiring.Errorf(hiring.EForbidden, "%s", msg) }
