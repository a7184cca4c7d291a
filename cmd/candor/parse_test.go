package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// candor parse prints a profile per file, holds files to the server's
// document cap (flag or environment), and leaves no data folder behind.
func TestParseCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	files := t.TempDir()
	small := filepath.Join(files, "ada.txt")
	if err := os.WriteFile(small, []byte("Ada Lovelace\nada@example.com\n+44 20 7946 0958\n\nSKILLS\nPython, SQL\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(files, "big.txt")
	if err := os.WriteFile(big, []byte("Grace Hopper\n"+strings.Repeat("COBOL compilers and more. ", 60_000)), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := candor(t, dir, "", "parse", small)
	var p struct {
		Basics struct{ Name, Email string }
	}
	if code != 0 || json.Unmarshal([]byte(out), &p) != nil || p.Basics.Name != "Ada Lovelace" || p.Basics.Email != "ada@example.com" {
		t.Fatalf("parse = %d %q %q", code, out, errs)
	}
	// 1.5 MB against a 1 MB cap, given after the file name.
	code, _, errs = candor(t, dir, "", "parse", big, "--max-document-mb", "1")
	if code == 0 || !strings.Contains(errs, "big.txt") || !strings.Contains(errs, "too large") || strings.Count(strings.TrimSpace(errs), "\n") != 0 {
		t.Fatalf("oversized file: %d %q", code, errs)
	}
	// The same file passes the default 10 MB cap.
	if code, _, errs = candor(t, dir, "", "parse", big); code != 0 {
		t.Fatalf("under the default cap: %d %q", code, errs)
	}
	code, _, errs = candor(t, dir, "", "parse", "--max-document-mb", "0", small)
	if code == 0 || !strings.Contains(errs, "max-document-mb") {
		t.Fatalf("bad cap: %d %q", code, errs)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("parse touched the data folder: %v", err)
	}
}
