package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrations embed.FS

// Migrate applies the embedded migrations of the dialect. On PostgreSQL a
// session advisory lock makes concurrent replicas take turns.
func (db *DB) Migrate(ctx context.Context) error {
	sub, err := fs.Sub(migrations, "migrations/"+db.dialect)
	if err != nil {
		return fmt.Errorf("store: migrations: %w", err)
	}
	// Capabilities are built side by side and land in any order, each with its
	// own block of migration numbers; a database that already has a later
	// block must still take an earlier one that lands after it.
	opts := []goose.ProviderOption{goose.WithAllowOutofOrder(true)}
	dialect := goose.DialectSQLite3
	if db.dialect == DialectPostgres {
		dialect = goose.DialectPostgres
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return fmt.Errorf("store: migration lock: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(dialect, db.writer, sub, opts...)
	if err != nil {
		return fmt.Errorf("store: migrations: %w", err)
	}
	res, err := p.Up(ctx)
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	for _, r := range res {
		db.logger.Info("migration applied", "version", r.Source.Version, "file", r.Source.Path, "duration", r.Duration)
	}
	if err := db.ensureRollup(ctx); err != nil {
		return err
	}
	if len(res) > 0 {
		return db.refreshStats(ctx)
	}
	return nil
}

// refreshStats updates the planner's statistics after a migration: a new
// index without statistics can make the planner prefer it over a better one
// (it turned a 0.5 ms list into a 20 ms sort).
func (db *DB) refreshStats(ctx context.Context) error {
	conn, err := db.writer.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: analyze: %w", err)
	}
	defer conn.Close()
	return db.analyze(ctx, conn)
}

// analyze refreshes statistics on conn. SQLite's sampled ANALYZE is bounded
// by analysis_limit; PostgreSQL's ANALYZE samples by itself.
func (db *DB) analyze(ctx context.Context, conn *sql.Conn) error {
	stmts := []string{"ANALYZE"}
	if db.dialect == DialectSQLite {
		stmts = []string{"PRAGMA analysis_limit=2000", "ANALYZE"}
	}
	for _, q := range stmts {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("store: analyze: %w", err)
		}
	}
	return nil
}

// MigrationsHash identifies the embedded migrations of a dialect, so test
// harnesses can cache a migrated template database per schema version.
func MigrationsHash(dialect string) (string, error) {
	h := sha256.New()
	err := fs.WalkDir(migrations, "migrations/"+dialect, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := migrations.ReadFile(path)
		if err != nil {
			return err
		}
		h.Write([]byte(path))
		h.Write(b)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("store: hash migrations: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// pgExecer is a PostgreSQL connection held for a session (a pgx pool
// connection): session advisory locks belong to the connection.
type pgExecer interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// PGSessionLock takes the session advisory lock key on conn, waiting for it,
// and returns its release. Other packages' migrations (River's) use it so
// that replicas starting together take turns.
func PGSessionLock(ctx context.Context, conn pgExecer, key int64) (unlock func(), err error) {
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", key); err != nil {
		return nil, fmt.Errorf("store: advisory lock: %w", err)
	}
	return func() {
		_, _ = conn.Exec(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", key)
	}, nil
}
