package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/app"
	"github.com/candor-ats/candor/internal/config"
	"github.com/candor-ats/candor/internal/hiring"
)

// The demo's resumes go in by bulk load, outside the queue; the command must
// still leave them to be parsed like uploads, and the workers must parse them.
func TestDemoQueuesResumeParsing(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := candor(t, dir, "", "demo", "--candidates", "30", "--applications", "40")
	if code != 0 {
		t.Fatalf("demo = %d %q %q", code, out, errs)
	}
	m := regexp.MustCompile(`queued (\d+) resumes`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("demo output %q does not say what it queued", out)
	}
	n, _ := strconv.Atoi(m[1])
	if n == 0 {
		t.Fatalf("demo queued no resumes: %q", out)
	}

	ctx := context.Background()
	sys := hiring.WithActor(ctx, hiring.SystemActor())
	a, err := app.New(ctx, config.Config{Addr: "127.0.0.1:0", BaseURL: "http://127.0.0.1", DataDir: dir,
		SecretKey: strings.Repeat("k", 32), LogLevel: "error", LogFormat: "text"}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	jobs, err := a.Queue.List(sys, "available", 1000)
	if err != nil {
		t.Fatal(err)
	}
	var docs []string
	for _, j := range jobs {
		if j.Kind == (hiring.ParseDocumentJob{}).Kind() {
			var args hiring.ParseDocumentJob
			if err := json.Unmarshal([]byte(j.Args), &args); err != nil {
				t.Fatal(err)
			}
			docs = append(docs, args.DocumentID)
		}
	}
	if len(docs) != n {
		t.Fatalf("%d parse jobs waiting, demo said %d", len(docs), n)
	}
	if err := a.Queue.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer func() {
		sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		_ = a.Queue.Stop(sctx)
	}()
	deadline := time.Now().Add(60 * time.Second)
	for _, id := range docs {
		for {
			p, err := a.DB.DocumentProfile(sys, id)
			if err != nil {
				t.Fatal(err)
			}
			if p.Status == hiring.ParseParsed {
				if !strings.Contains(string(p.Profile), "@example.com") {
					t.Fatalf("document %s parsed without its email: %s", id, p.Profile)
				}
				break
			}
			if p.Status != hiring.ParsePending || time.Now().After(deadline) {
				t.Fatalf("document %s: parse status %q (%s)", id, p.Status, p.Error)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
}
