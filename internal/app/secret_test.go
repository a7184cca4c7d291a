package app_test

import (
	"flag"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/candor-ats/candor/internal/app"
	"github.com/candor-ats/candor/internal/config"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// TestSecretKeyAcrossRestarts: without CANDOR_SECRET_KEY the key is made in
// the data folder (0600) at the first start and reused at the next, and the
// app uses it: the setup link printed before a restart still works after.
func TestSecretKeyAcrossRestarts(t *testing.T) {
	dir := t.TempDir()
	db := storetest.SQLite(t)
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	start := func() string {
		t.Helper()
		fs := flag.NewFlagSet("candor", flag.ContinueOnError)
		config.Register(fs)
		if err := fs.Parse([]string{"--data-dir", dir}); err != nil {
			t.Fatal(err)
		}
		cfg, err := config.Load(fs, func(string) string { return "" })
		if err != nil {
			t.Fatal(err)
		}
		a, err := app.NewWithStore(t.Context(), cfg, logger, db)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = a.Sandbox.Close() })
		tok, needed, err := a.Auth.SetupToken(t.Context())
		if err != nil || !needed || tok == "" {
			t.Fatalf("setup token %q %v %v", tok, needed, err)
		}
		return tok
	}
	first := start()
	st, err := os.Stat(filepath.Join(dir, "secret.key"))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("secret.key: %v %v", st, err)
	}
	if again := start(); again != first {
		t.Fatalf("setup token changed across a restart: %q → %q", first, again)
	}
}
