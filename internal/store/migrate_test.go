package store_test

import (
	"context"
	"sync"
	"testing"

	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// Replicas starting together must not both run the migrations.
func TestMigrateConcurrentPostgres(t *testing.T) {
	t.Parallel()
	dsn := storetest.CreateDatabase(t, storetest.AdminURL(t))
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make([]error, 3)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := store.Open(ctx, store.Config{URL: dsn})
			if err != nil {
				errs[i] = err
				return
			}
			defer db.Close()
			errs[i] = db.Migrate(ctx)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("replica %d: %v", i, err)
		}
	}
}

func TestMigrateTwiceSQLite(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ctx := context.Background()
	for range 2 {
		db, err := store.Open(ctx, store.Config{DataDir: dir})
		ok(t, err)
		ok(t, db.Migrate(ctx))
		if db.Dialect() != store.DialectSQLite {
			t.Fatalf("dialect = %s", db.Dialect())
		}
		var mode string
		ok(t, db.Writer().QueryRow("PRAGMA journal_mode").Scan(&mode))
		var fk int
		ok(t, db.Reader().QueryRow("PRAGMA foreign_keys").Scan(&fk))
		if mode != "wal" || fk != 1 {
			t.Fatalf("journal_mode = %s, foreign_keys = %d", mode, fk)
		}
		// Readers are read-only.
		if _, err := db.Reader().Exec("DELETE FROM users"); err == nil {
			t.Fatal("reader connection accepted a write")
		}
		ok(t, db.Close())
	}
}
