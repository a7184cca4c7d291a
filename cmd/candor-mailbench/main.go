// Command candor-mailbench measures issue 10's mail targets against a real
// SMTP server (emersion/go-smtp) in the same process:
//   - throughput: the outbox (message rows, River jobs, the SMTP sender)
//     delivering N queued messages, against a bare go-mail loop sending the
//     same number of messages to the same server in the same run (target:
//     at least 0.5 times the bare rate);
//   - memory: the process's RSS before and after the outbox delivered them
//     (target: at most 20 MB growth over 100,000 messages);
//   - enqueue cost: p50 of SendMessage (row + job + timeline entry in one
//     transaction) beside p50 of AddNote (row + timeline entry), the same
//     shape of transaction without the job (target: at most 1 ms added);
//   - exactly once: every Message-ID arrives once.
//
// Usage (it prints a Markdown summary for docs/benchmarks.md):
//
//	go run ./cmd/candor-mailbench -n 20000
//	go run ./cmd/candor-mailbench -n 2000 -db 'postgres://postgres@127.0.0.1:5432/mailbench?sslmode=disable'
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/riverqueue/river"
	gomail "github.com/wneessen/go-mail"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/mail"
	"github.com/candor-ats/candor/internal/mail/mailtest"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/work"
)

func main() {
	n := flag.Int("n", 5000, "messages per run")
	dbURL := flag.String("db", "", "database URL (empty: SQLite in a temporary folder)")
	samples := flag.Int("samples", 300, "transactions timed for the enqueue cost")
	flag.Parse()
	if err := run(*n, *dbURL, *samples); err != nil {
		fmt.Fprintln(os.Stderr, "candor-mailbench:", err)
		os.Exit(1)
	}
}

const candidates = 100

func run(n int, dbURL string, samples int) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "candor-mailbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	db, err := store.Open(ctx, store.Config{URL: dbURL, DataDir: dir})
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	srv, err := mailtest.New()
	if err != nil {
		return err
	}
	defer srv.Close()
	srv.Discard()
	from := mail.Address{Name: "Acme Jobs", Email: "jobs@acme.example"}
	db.SetMailFrom(from.Name, from.Email)
	sys := hiring.WithActor(ctx, hiring.SystemActor())
	run := strconv.FormatInt(time.Now().UnixNano(), 36)
	var ids []string
	for i := range candidates {
		c, err := db.CreateCandidate(sys, hiring.CandidateInput{FirstName: "Bench", LastName: fmt.Sprint(i),
			Emails: []string{fmt.Sprintf("bench%d.%s@domain%d.example", i, run, i%10)}, Source: "mailbench"})
		if err != nil {
			return err
		}
		ids = append(ids, c.ID)
	}
	cfg, _ := mail.ParseSMTPURL(srv.URL())

	// 1. The bare go-mail loop: one connection, build and send each message.
	bare := time.Now()
	cl, err := gomail.NewClient(cfg.Host, gomail.WithPort(cfg.Port), gomail.WithTLSPolicy(gomail.NoTLS))
	if err != nil {
		return err
	}
	if err := cl.DialWithContext(ctx); err != nil {
		return err
	}
	for i := range n {
		m := gomail.NewMsg()
		_ = m.From(from.String())
		_ = m.To(fmt.Sprintf("bench%d@domain%d.example", i%candidates, i%10))
		m.Subject("Your application, bench " + strconv.Itoa(i))
		m.SetMessageIDWithValue(fmt.Sprintf("bare-%d-%s@acme.example", i, run))
		m.SetBodyString(gomail.TypeTextPlain, "Hello Bench,\n\nthanks for applying.\n")
		m.AddAlternativeString(gomail.TypeTextHTML, "<p>Hello Bench,</p><p>thanks for applying.</p>")
		if err := cl.Send(m); err != nil {
			return fmt.Errorf("bare send: %w", err)
		}
	}
	_ = cl.Close()
	bareDur := time.Since(bare)

	// 2. Enqueue cost: SendMessage beside AddNote (same transaction shape, no job).
	ob := &mail.Outbox{Store: db, From: from, Tokens: mail.NewTokens("mailbench secret key, 32 characters")}
	sender := mail.NewSender(mail.SenderOptions{SMTP: cfg, PerDomain: 1e6, Burst: 1e6, Conns: 4})
	defer sender.Close()
	ob.Transport = sender
	q, err := work.NewWithOptions(ctx, db, work.Options{Logger: slog.New(slog.DiscardHandler), Queues: mail.Queues(), Register: func(w *river.Workers) {
		if err := ob.Register(w); err != nil {
			panic(err)
		}
	}})
	if err != nil {
		return err
	}
	var noteT, mailT []time.Duration
	for i := range samples {
		t0 := time.Now()
		if _, err := db.AddNote(sys, hiring.NewNote{CandidateID: ids[i%candidates], Body: "A note of the same size as the mail."}); err != nil {
			return err
		}
		t1 := time.Now()
		if _, err := db.SendMessage(sys, hiring.NewMessage{CandidateID: ids[i%candidates], Subject: "Hello {{candidate.first_name}}",
			Body: "Hello {{candidate.first_name}},\n\nthanks for applying."}); err != nil {
			return err
		}
		noteT, mailT = append(noteT, t1.Sub(t0)), append(mailT, time.Since(t1))
	}
	// 3. Queue the rest, then let the outbox deliver all of them.
	for i := samples; i < n; i++ {
		if _, err := db.SendMessage(sys, hiring.NewMessage{CandidateID: ids[i%candidates], Subject: "Hello {{candidate.first_name}}",
			Body: "Hello {{candidate.first_name}},\n\nthanks for applying."}); err != nil {
			return err
		}
	}
	total := max(n, samples)
	rssBefore := rss()
	start := time.Now()
	if err := q.Start(ctx); err != nil {
		return err
	}
	for {
		got, _ := srv.Counts()
		if got >= n+total {
			break
		}
		if time.Since(start) > time.Hour {
			return fmt.Errorf("only %d of %d delivered after an hour", got-n, total)
		}
		time.Sleep(20 * time.Millisecond)
	}
	outDur := time.Since(start)
	stop, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	_ = q.Stop(stop)
	rssAfter := rss()
	got, idCounts := srv.Counts()
	dups := 0
	for _, c := range idCounts {
		dups += c - 1
	}
	bareRate := float64(n) / bareDur.Seconds()
	outRate := float64(total) / outDur.Seconds()
	engine := "SQLite"
	if dbURL != "" {
		engine = "PostgreSQL"
	}
	host, _ := os.Hostname()
	fmt.Printf("### Mail (issue 10): %s, %d messages, %s, %d CPUs (%s, %s)\n\n", engine, total, runtime.GOOS+"/"+runtime.GOARCH, runtime.NumCPU(), host, time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	fmt.Printf("| measure | value | target |\n| --- | --- | --- |\n")
	fmt.Printf("| bare go-mail loop | %.0f msg/s (%d in %s) | reference |\n", bareRate, n, bareDur.Round(time.Millisecond))
	fmt.Printf("| outbox delivery (River jobs + rows + SMTP) | %.0f msg/s (%d in %s) | |\n", outRate, total, outDur.Round(time.Millisecond))
	fmt.Printf("| ratio outbox / bare | %.2f× | ≥ 0.5× |\n", outRate/bareRate)
	fmt.Printf("| RSS before → after delivery | %.1f → %.1f MB (%+.1f MB) | ≤ 20 MB growth |\n", rssBefore, rssAfter, rssAfter-rssBefore)
	fmt.Printf("| p50 AddNote (row + activity) | %s | |\n", p(noteT, 50))
	fmt.Printf("| p50 SendMessage (row + job + activity) | %s (p99 %s) | |\n", p(mailT, 50), p(mailT, 99))
	fmt.Printf("| enqueue cost at p50 | %s | ≤ 1 ms |\n", (p(mailT, 50) - p(noteT, 50)).Round(time.Microsecond))
	fmt.Printf("| messages the server accepted | %d (bare %d + outbox %d), duplicate Message-IDs: %d | exactly once |\n", got, n, got-n, dups)
	return nil
}

func p(ds []time.Duration, pct int) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, len(s)*pct/100)].Round(time.Microsecond)
}

// rss is the resident set in MB after a collection handed memory back.
func rss() float64 {
	runtime.GC()
	debug.FreeOSMemory()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}
