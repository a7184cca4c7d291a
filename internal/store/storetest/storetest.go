// Package storetest opens fresh, migrated stores for tests: SQLite always,
// PostgreSQL when CANDOR_TEST_POSTGRES_URL is set (a new database per test).
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the admin connection that creates test databases

	"github.com/candor-ats/candor/internal/store"
)

// EnvPostgres names the admin URL of the PostgreSQL server used by tests.
const EnvPostgres = "CANDOR_TEST_POSTGRES_URL"

// Each runs fn against SQLite and, when configured, PostgreSQL, as subtests
// named "sqlite" and "postgres". Under CI=true a missing PostgreSQL URL fails
// the test rather than quietly testing one engine.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// SQLite returns a fresh migrated SQLite store in t.TempDir().
func SQLite(t testing.TB) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, store.Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatalf("storetest: open sqlite: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("storetest: migrate sqlite: %v", err)
	}
	return db
}

// Postgres returns a fresh migrated store in a new database that is dropped
// when the test ends. It skips without CANDOR_TEST_POSTGRES_URL (fails under CI).
// The database is copied from a template migrated once per schema version,
// because migrating every test database costs about a second each.
func Postgres(t testing.TB) *store.DB {
	t.Helper()
	admin := AdminURL(t)
	tmpl, err := migratedTemplate(admin)
	if err != nil {
		t.Fatalf("storetest: %v", err)
	}
	dsn := createDatabase(t, admin, tmpl)
	ctx := context.Background()
	db, err := store.Open(ctx, store.Config{URL: dsn})
	if err != nil {
		t.Fatalf("storetest: open postgres: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	// A no-op on the template's copy; it keeps Migrate itself under test.
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("storetest: migrate postgres: %v", err)
	}
	return db
}

// Replica opens a second handle on db's database, like another server
// process would (closed when the test ends).
func Replica(t testing.TB, db *store.DB) *store.DB {
	t.Helper()
	r, err := store.Open(context.Background(), db.Config())
	if err != nil {
		t.Fatalf("storetest: open replica: %v", err)
	}
	t.Cleanup(func() { _ = r.Close() })
	return r
}

// AdminURL returns CANDOR_TEST_POSTGRES_URL. Without it the test is skipped,
// or fails under CI=true, where PostgreSQL tests must run.
func AdminURL(t testing.TB) string {
	t.Helper()
	admin := os.Getenv(EnvPostgres)
	if admin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("storetest: %s is not set and CI=true: PostgreSQL tests must run in CI", EnvPostgres)
		}
		t.Skipf("storetest: %s not set; skipping PostgreSQL", EnvPostgres)
	}
	return admin
}

// CreateDatabase creates an empty database candor_test_<random> on the server
// of adminURL, drops it in t.Cleanup (after the test's own cleanups closed
// their connections) and returns its URL.
func CreateDatabase(t testing.TB, adminURL string) string {
	t.Helper()
	return createDatabase(t, adminURL, "")
}

func createDatabase(t testing.TB, adminURL, template string) string {
	t.Helper()
	u, err := url.Parse(adminURL)
	if err != nil {
		t.Fatalf("storetest: bad %s: %v", EnvPostgres, err)
	}
	var b [8]byte
	_, _ = rand.Read(b[:])
	name := "candor_test_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", adminURL)
	if err != nil {
		t.Fatalf("storetest: admin connection: %v", err)
	}
	ctx := context.Background()
	create := "CREATE DATABASE " + name
	if template != "" {
		create += " TEMPLATE " + template
	}
	if _, err := admin.ExecContext(ctx, create); err != nil {
		_ = admin.Close()
		t.Fatalf("storetest: create database: %v", err)
	}
	// Registered first, so it runs last: after the store is closed.
	t.Cleanup(func() {
		defer admin.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("storetest: drop database %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	return u.String()
}

// templates caches, per admin URL, the name of the migrated template database
// (built at most once per test process).
var templates sync.Map // adminURL → *templateOnce

type templateOnce struct {
	once sync.Once
	name string
	err  error
}

func migratedTemplate(adminURL string) (string, error) {
	v, _ := templates.LoadOrStore(adminURL, &templateOnce{})
	to := v.(*templateOnce)
	to.once.Do(func() { to.name, to.err = buildTemplate(adminURL) })
	return to.name, to.err
}

// buildTemplate makes candor_tmpl_<migrations hash> if it does not exist. An
// advisory lock on the admin database keeps concurrent test processes from
// building it twice; it is built under a temporary name and renamed, so no
// process ever copies a half-migrated template.
func buildTemplate(adminURL string) (string, error) {
	hash, err := store.MigrationsHash(store.DialectPostgres)
	if err != nil {
		return "", err
	}
	name := "candor_tmpl_" + hash
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	admin, err := sql.Open("pgx", adminURL)
	if err != nil {
		return "", fmt.Errorf("admin connection: %w", err)
	}
	defer admin.Close()
	conn, err := admin.Conn(ctx)
	if err != nil {
		return "", fmt.Errorf("admin connection: %w", err)
	}
	defer conn.Close()
	const lockID = 0x63616e646f72 // "candor"
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", lockID); err != nil {
		return "", fmt.Errorf("template lock: %w", err)
	}
	defer conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock($1)", lockID) //nolint:errcheck // released with the session anyway
	var exists bool
	if err := conn.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", fmt.Errorf("template lookup: %w", err)
	}
	if exists {
		return name, nil
	}
	building := name + "_building"
	if _, err := conn.ExecContext(ctx, "DROP DATABASE IF EXISTS "+building+" WITH (FORCE)"); err != nil {
		return "", fmt.Errorf("template cleanup: %w", err)
	}
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+building); err != nil {
		return "", fmt.Errorf("create template: %w", err)
	}
	u, err := url.Parse(adminURL)
	if err != nil {
		return "", err
	}
	u.Path = "/" + building
	db, err := store.Open(ctx, store.Config{URL: u.String()})
	if err != nil {
		return "", fmt.Errorf("open template: %w", err)
	}
	err = db.Migrate(ctx)
	_ = db.Close()
	if err != nil {
		return "", fmt.Errorf("migrate template: %w", err)
	}
	if _, err := conn.ExecContext(ctx, "ALTER DATABASE "+building+" RENAME TO "+name); err != nil {
		return "", fmt.Errorf("rename template: %w", err)
	}
	return name, nil
}
