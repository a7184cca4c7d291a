package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"github.com/candor-ats/candor/internal/hiring"
	reports "github.com/candor-ats/candor/internal/report"
	"github.com/candor-ats/candor/internal/store"
)

// cmdReports measures issue 13's reports: it builds candor, loads the demo
// (100k candidates / 500k applications by default), starts the server pinned
// to one core with GOMAXPROCS=1, then asks every report through the API
// (JSON, with the previous period, so each request computes two periods)
// for the company over the last 30 and 365 days and for the large job over
// the year, sequentially, and prints p50/p95 beside a same-run reference
// (GET /api/v1/me, the cheapest authenticated API answer).
//
// Then it computes the funnel in process from the rollup and from the raw
// events (the query the rollup replaced) on the same data.
//
//	go run ./cmd/candor-bench reports [-db URL] [-samples 40] [-raw-samples 3] [-reports funnel,speed,sources,team] [-keep DIR]
func cmdReports(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("candor-bench reports", flag.ContinueOnError)
	dbURL := fs.String("db", "", "database URL (empty = SQLite in a temporary data folder)")
	cands := fs.Int("candidates", 100_000, "demo candidates")
	apps := fs.Int("applications", 500_000, "demo applications")
	samples := fs.Int("samples", 40, "sequential samples per report and period")
	keep := fs.String("keep", "", "keep the data folder here (a folder with a loaded demo is measured again)")
	names := fs.String("reports", "funnel,speed,sources,team", "reports to measure, comma separated")
	rawSamples := fs.Int("raw-samples", 3, "samples of the in-process funnel from the rollup and from the raw events (0 skips; the raw year takes seconds each)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var set unix.CPUSet
	set.Set(1)
	_ = unix.SchedSetaffinity(0, &set)
	dir := *keep
	if dir == "" {
		d, err := os.MkdirTemp("", "candor-bench-reports-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dir = d
	}
	bin := filepath.Join(dir, "candor")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/candor").CombinedOutput(); err != nil {
		return fmt.Errorf("build: %v\n%s", err, out)
	}
	env := append(os.Environ(), "CANDOR_DATA_DIR="+filepath.Join(dir, "data"), "CANDOR_DATABASE_URL="+*dbURL, "CANDOR_LOG_LEVEL=warn")
	saved := filepath.Join(dir, "demo.out")
	demoOut, err := os.ReadFile(saved)
	var load time.Duration
	if err != nil || *dbURL != "" {
		t0 := time.Now()
		demo := exec.CommandContext(ctx, bin, "demo", "--candidates", strconv.Itoa(*cands), "--applications", strconv.Itoa(*apps))
		demo.Env = env
		if demoOut, err = demo.CombinedOutput(); err != nil {
			return fmt.Errorf("demo: %v\n%s", err, demoOut)
		}
		load = time.Since(t0)
		_ = os.WriteFile(saved, demoOut, 0o600)
	}
	m := regexp.MustCompile(`large job: (\S+) \((\d+) applications\)`).FindSubmatch(demoOut)
	if m == nil {
		return fmt.Errorf("demo output does not name the large job:\n%s", demoOut)
	}
	bigJob := string(m[1])
	srv, err := startBenchServer(ctx, bin, env, "reports-bench@example.com", io.Discard)
	if err != nil {
		return err
	}
	defer srv.stop()
	base, token, client := srv.base, srv.token, srv.client
	if err := waitQueueIdle(ctx, client, base); err != nil {
		return err
	}
	get := func(u string) func() error {
		return func() error {
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
			req.Header.Set("Authorization", "Bearer "+token)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			_, _ = io.Copy(io.Discard, resp.Body)
			if resp.StatusCode != 200 {
				return fmt.Errorf("GET %s: %s", u, resp.Status)
			}
			return nil
		}
	}
	today := time.Now().UTC()
	to := today.Format("2006-01-02")
	periods := []struct{ name, query string }{
		{"company, 30 days", "from=" + today.AddDate(0, 0, -29).Format("2006-01-02") + "&to=" + to},
		{"company, 365 days", "from=" + today.AddDate(0, 0, -364).Format("2006-01-02") + "&to=" + to},
		{"large job, 365 days", "from=" + today.AddDate(0, 0, -364).Format("2006-01-02") + "&to=" + to + "&job_id=" + bigJob},
	}
	engine := "SQLite"
	if *dbURL != "" {
		engine = "PostgreSQL"
	}
	host, _ := os.Hostname()
	fmt.Printf("\n### Reports, %s, %s, %s, %d CPUs (%s); server on one core (GOMAXPROCS=1)\n\n", engine, time.Now().UTC().Format("2006-01-02 15:04 MST"),
		runtime.Version(), runtime.NumCPU(), host)
	if load > 0 {
		fmt.Printf("Demo load (%d candidates / %d applications): %.1f s\n\n", *cands, *apps, load.Seconds())
	}
	refP50, refP95, err := p5095(*samples, get(base+"/api/v1/me"))
	if err != nil {
		return err
	}
	fmt.Printf("Reference, same run: GET /api/v1/me p50 %s, p95 %s\n\n", ms(refP50), ms(refP95))
	fmt.Println("| report | scope | p50 | p95 | p95 ÷ reference p95 | target p95 ≤ 200 ms |")
	fmt.Println("| --- | --- | --- | --- | --- | --- |")
	for _, name := range strings.Split(*names, ",") {
		for _, p := range periods {
			p50, p95, err := p5095(*samples, get(base+"/api/v1/reports/"+name+"?"+p.query))
			if err != nil {
				// A report over the server's write timeout: say so, measure the rest.
				fmt.Printf("| %s | %s | — | — | — | ✗ %v |\n", name, p.name, err)
				continue
			}
			ok := "✓"
			if p95 > 200*time.Millisecond {
				ok = "✗"
			}
			fmt.Printf("| %s | %s | %s | %s | %.0f× | %s |\n", name, p.name, ms(p50), ms(p95), float64(p95)/float64(max(refP95, time.Microsecond)), ok)
		}
	}
	srv.stop()
	return rawReference(ctx, *dbURL, filepath.Join(dir, "data"), *rawSamples, today)
}

// rawReference computes the funnel in this process (one core, GOMAXPROCS=1)
// from the rollup and from the raw events, the query the rollup replaced,
// on the same data: the same-run reference for what the rollup saves.
func rawReference(ctx context.Context, dbURL, dataDir string, samples int, today time.Time) error {
	if samples <= 0 {
		return nil
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	fmt.Printf("\nFunnel in process (report.Run with the previous period, as the admin), rollup against the raw events on the same data (%d samples each):\n\n", samples)
	fmt.Println("| scope | rollup p50 | rollup p95 | raw events p50 | raw events p95 | raw ÷ rollup (p50) |")
	fmt.Println("| --- | --- | --- | --- | --- | --- |")
	open := func(raw bool) (*store.DB, error) {
		return store.Open(ctx, store.Config{URL: dbURL, DataDir: dataDir, RawReports: raw})
	}
	rolled, err := open(false)
	if err != nil {
		return err
	}
	defer rolled.Close()
	raw, err := open(true)
	if err != nil {
		return err
	}
	defer raw.Close()
	admin := hiring.WithActor(ctx, hiring.Actor{System: true, Name: "bench"})
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	for _, p := range []struct {
		name string
		days int
	}{{"company, 30 days", 30}, {"company, 365 days", 365}} {
		f := hiring.ReportFilter{From: day.AddDate(0, 0, 1-p.days), To: day.AddDate(0, 0, 1)}
		run := func(db *store.DB) func() error {
			return func() error { _, err := reports.Run(admin, db, "funnel", f, true, time.Now()); return err }
		}
		r50, r95, err := p5095(samples, run(rolled))
		if err != nil {
			return err
		}
		e50, e95, err := p5095(samples, run(raw))
		if err != nil {
			return err
		}
		fmt.Printf("| %s | %s | %s | %s | %s | %.0f× |\n", p.name, ms(r50), ms(r95), ms(e50), ms(e95), float64(e50)/float64(max(r50, time.Microsecond)))
	}
	return nil
}

// p5095 samples f n times after two unmeasured warm-up calls.
func p5095(n int, f func() error) (time.Duration, time.Duration, error) {
	for i := 0; i < 2; i++ {
		if err := f(); err != nil {
			return 0, 0, err
		}
	}
	lat := make([]time.Duration, 0, n)
	for i := 0; i < n; i++ {
		t0 := time.Now()
		if err := f(); err != nil {
			return 0, 0, err
		}
		lat = append(lat, time.Since(t0))
	}
	slices.Sort(lat)
	return lat[len(lat)/2], lat[min(len(lat)-1, (len(lat)*95+99)/100-1)], nil
}
