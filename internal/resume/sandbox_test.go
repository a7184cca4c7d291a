package resume

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

func TestSandboxExtract(t *testing.T) {
	sb := &Sandbox{}
	for name, data := range fixtures() {
		doc, err := sb.Extract(context.Background(), data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !strings.Contains(doc.Text, "jane.example@example.com") {
			t.Errorf("%s: text lacks the email: %q", name, doc.Text)
		}
		if doc.Stats == nil || doc.Stats.PeakRSSBytes <= 0 {
			t.Errorf("%s: no child stats: %+v", name, doc.Stats)
		}
	}
}

func TestSandboxTypedErrors(t *testing.T) {
	sb := &Sandbox{}
	_, err := sb.Extract(context.Background(), buildPDF([][]pdfText{{{50, 700, 12, "x"}}}, pdfOptions{encrypt: true}))
	if !errors.Is(err, ErrEncrypted) {
		t.Fatalf("err = %v, want ErrEncrypted", err)
	}
	_, err = sb.Extract(context.Background(), make([]byte, 11<<20))
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
}

// TestSandboxKillsRunawayChild proves the three guards: the wall clock
// (parent kill), RLIMIT_CPU and RLIMIT_AS.
func TestSandboxKillsRunawayChild(t *testing.T) {
	cases := []struct {
		mode   string
		limits Limits
		within time.Duration
	}{
		{"spin", Limits{WallClock: 500 * time.Millisecond, CPUSeconds: 30}, 5 * time.Second},
		{"spin", Limits{WallClock: 30 * time.Second, CPUSeconds: 1}, 10 * time.Second},
		{"hog", Limits{WallClock: 30 * time.Second, MemoryBytes: 128 << 20}, 20 * time.Second},
	}
	for _, c := range cases {
		sb := &Sandbox{Args: []string{c.mode}, Limits: c.limits}
		start := time.Now()
		_, err := sb.Extract(context.Background(), []byte("hello"))
		took := time.Since(start)
		if !errors.Is(err, ErrLimitExceeded) {
			t.Errorf("%s %+v: err = %v, want ErrLimitExceeded", c.mode, c.limits, err)
		}
		if took > c.within {
			t.Errorf("%s: child ran %s", c.mode, took)
		}
		t.Logf("%s: stopped after %s: %v", c.mode, took.Round(time.Millisecond), err)
	}
	sb := &Sandbox{Args: []string{"garbage"}}
	if _, err := sb.Extract(context.Background(), []byte("hello")); !errors.Is(err, ErrCorrupt) {
		t.Errorf("garbage output: err = %v", err)
	}
}

func TestRunParseCommand(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "jane.pdf")
	enc := filepath.Join(dir, "locked.pdf")
	os.WriteFile(good, resumePDF(), 0o644)
	os.WriteFile(enc, buildPDF([][]pdfText{{{50, 700, 12, "x"}}}, pdfOptions{encrypt: true}), 0o644)
	var stdout, stderr bytes.Buffer
	code := RunParseCommand(context.Background(), &Sandbox{}, []string{good, enc, filepath.Join(dir, "missing.pdf")}, &stdout, &stderr)
	if code == 0 {
		t.Fatal("exit status 0 despite unreadable files")
	}
	var p Profile
	if err := json.NewDecoder(&stdout).Decode(&p); err != nil {
		t.Fatal(err)
	}
	if p.Basics.Phone != "+14155552671" || p.Meta.Text == "" || p.Basics.Email != "jane.example@example.com" {
		t.Errorf("profile: %+v", p.Basics)
	}
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "encrypted") {
		t.Errorf("stderr = %q", stderr.String())
	}
}
