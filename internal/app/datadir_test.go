package app_test

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/candor-ats/candor/internal/app"
	"github.com/candor-ats/candor/internal/config"
)

// TestDataFilesPrivate: the SQLite database and its -wal and -shm are made
// 0600 and the data folder 0700, like the secret key; a folder and database
// left wider by an earlier start are narrowed, with a warning.
func TestDataFilesPrivate(t *testing.T) {
	// A umask that hides nothing, so the modes seen are the ones Candor asked for.
	old := syscall.Umask(0)
	t.Cleanup(func() { syscall.Umask(old) })
	ctx := context.Background()

	check := func(t *testing.T, dir string) {
		t.Helper()
		var log bytes.Buffer
		db, err := app.OpenStore(ctx, config.Config{DataDir: dir}, slog.New(slog.NewTextHandler(&log, nil)))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
			t.Errorf("data folder: %v %v, want 0700", fi.Mode().Perm(), err)
		}
		for _, name := range []string{"candor.db", "candor.db-wal", "candor.db-shm"} {
			fi, err := os.Stat(filepath.Join(dir, name))
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			if fi.Mode().Perm() != 0o600 {
				t.Errorf("%s: mode %v, want 0600", name, fi.Mode().Perm())
			}
		}
	}

	t.Run("new", func(t *testing.T) {
		check(t, filepath.Join(t.TempDir(), "data"))
	})
	t.Run("existing and wider", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "data")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		db, err := app.OpenStore(ctx, config.Config{DataDir: dir}, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		for _, name := range []string{"", "candor.db"} {
			if err := os.Chmod(filepath.Join(dir, name), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		var log bytes.Buffer
		db, err = app.OpenStore(ctx, config.Config{DataDir: dir}, slog.New(slog.NewTextHandler(&log, nil)))
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		if !strings.Contains(log.String(), "level=WARN") || !strings.Contains(log.String(), "data folder") ||
			!strings.Contains(log.String(), "candor.db") {
			t.Errorf("no warnings about the folder and the database: %s", log.String())
		}
		check(t, dir)
	})
}
