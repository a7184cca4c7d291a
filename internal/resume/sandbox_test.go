package resume

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func TestSandboxExtract(t *testing.T) {
	sb := &Sandbox{}
	defer sb.Close()
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
	defer sb.Close()
	_, err := sb.Extract(context.Background(), buildPDF([][]pdfText{{{50, 700, 12, "x"}}}, pdfOptions{encrypt: true}))
	if !errors.Is(err, ErrEncrypted) {
		t.Fatalf("err = %v, want ErrEncrypted", err)
	}
	_, err = sb.Extract(context.Background(), make([]byte, 11<<20))
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
}

// TestSandboxKillsRunawayChild proves the guards on a warm child: the wall
// clock, the per-document CPU limit (parent-side, from /proc), RLIMIT_AS,
// a crash and a protocol violation. Each costs only its own document: the
// document before it was served by the same child, the one after it by a
// fresh child.
func TestSandboxKillsRunawayChild(t *testing.T) {
	good := resumePDF()
	cases := []struct {
		mode   string
		limits Limits
		want   error
		within time.Duration
	}{
		{"spin", Limits{WallClock: 500 * time.Millisecond, CPUSeconds: 30}, ErrLimitExceeded, 5 * time.Second},
		{"spin", Limits{WallClock: 30 * time.Second, CPUSeconds: 1}, ErrLimitExceeded, 10 * time.Second},
		{"hog", Limits{WallClock: 30 * time.Second, MemoryBytes: 128 << 20}, ErrLimitExceeded, 20 * time.Second},
		{"crash", Limits{}, ErrCorrupt, 5 * time.Second},
		{"garbage", Limits{}, ErrCorrupt, 5 * time.Second},
	}
	for _, c := range cases {
		sb := &Sandbox{Limits: c.limits}
		before, err := sb.Extract(context.Background(), good)
		if err != nil {
			t.Fatalf("%s: first document: %v", c.mode, err)
		}
		start := time.Now()
		_, err = sb.Extract(context.Background(), []byte(testMisbehave+c.mode))
		took := time.Since(start)
		if !errors.Is(err, c.want) {
			t.Errorf("%s %+v: err = %v, want %v", c.mode, c.limits, err, c.want)
		}
		if took > c.within {
			t.Errorf("%s: child ran %s", c.mode, took)
		}
		t.Logf("%s: stopped after %s: %v", c.mode, took.Round(time.Millisecond), err)
		after, err := sb.Extract(context.Background(), good)
		if err != nil {
			t.Fatalf("%s: document after the runaway one: %v", c.mode, err)
		}
		if after.Stats.PID == before.Stats.PID || !strings.Contains(after.Text, "jane.example@example.com") {
			t.Errorf("%s: after the kill: pid %d (was %d), text %q", c.mode, after.Stats.PID, before.Stats.PID, after.Text)
		}
		sb.Close()
	}
}

// TestSandboxWarmPool checks that one child serves many documents, that it
// is recycled after RecycleAfter of them, that concurrent callers share a
// pool, and that Close stops the children.
func TestSandboxWarmPool(t *testing.T) {
	sb := &Sandbox{RecycleAfter: 3}
	data := resumePDF()
	var pids []int
	for i := 0; i < 7; i++ {
		doc, err := sb.Extract(context.Background(), data)
		if err != nil {
			t.Fatal(err)
		}
		pids = append(pids, doc.Stats.PID)
	}
	if !(pids[0] == pids[1] && pids[1] == pids[2] && pids[2] != pids[3] && pids[3] == pids[5] && pids[5] != pids[6]) {
		t.Errorf("children per document = %v, want a new child every 3 documents", pids)
	}
	sb.Close()
	if _, err := sb.Extract(context.Background(), data); !errors.Is(err, ErrSandboxClosed) {
		t.Errorf("after Close: err = %v", err)
	}
	if err := syscall.Kill(pids[6], 0); err == nil {
		t.Errorf("child %d still running after Close", pids[6])
	}

	pool := &Sandbox{PoolSize: 2}
	defer pool.Close()
	var wg sync.WaitGroup
	seen := make(chan int, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			doc, err := pool.Extract(context.Background(), data)
			if err != nil {
				t.Error(err)
				return
			}
			seen <- doc.Stats.PID
		}()
	}
	wg.Wait()
	close(seen)
	distinct := map[int]bool{}
	for pid := range seen {
		distinct[pid] = true
	}
	if len(distinct) == 0 || len(distinct) > 2 {
		t.Errorf("pool of 2 used %d children", len(distinct))
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
