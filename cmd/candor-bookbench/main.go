// Command candor-bookbench checks issue 11's self-scheduling targets over
// HTTP against a whole Candor handler in this process:
//   - the race: N candidates (default 50) hold links offering the same S
//     times (default 10) with the same interviewers; all open their page and
//     post a booking at once, each trying the times in their own order until
//     one is theirs. Every time must be booked exactly once.
//   - the page: p50/p99 of GET /book/{token} (a link with S free times),
//     beside a minimal net/http handler writing the same bytes on the same
//     kind of server in the same run (target: p99 at most 50 ms).
//
// Usage (prints a Markdown summary for docs/benchmarks.md):
//
//	go run ./cmd/candor-bookbench
//	go run ./cmd/candor-bookbench -db 'postgres://postgres@127.0.0.1:5432/bookbench?sslmode=disable'
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/candor-ats/candor/internal/app"
	"github.com/candor-ats/candor/internal/config"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
)

func main() {
	n := flag.Int("n", 50, "candidates racing")
	slots := flag.Int("slots", 10, "times offered to all of them")
	requests := flag.Int("requests", 2000, "page loads timed (and as many of the reference)")
	dbURL := flag.String("db", "", "database URL (empty: SQLite in a temporary folder)")
	flag.Parse()
	if err := run(*n, *slots, *requests, *dbURL); err != nil {
		fmt.Fprintln(os.Stderr, "candor-bookbench:", err)
		os.Exit(1)
	}
}

func hash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func run(n, nslots, requests int, dbURL string) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "candor-bookbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	logger := slog.New(slog.DiscardHandler)
	db, err := store.Open(ctx, store.Config{URL: dbURL, DataDir: dir})
	if err != nil {
		return err
	}
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	ts := httptest.NewUnstartedServer(nil)
	cfg := config.Config{Addr: ts.Listener.Addr().String(), BaseURL: "http://" + ts.Listener.Addr().String(), DataDir: dir,
		SecretKey: strings.Repeat("b", 32), LogLevel: "error", LogFormat: "text"}
	a, err := app.NewWithStore(ctx, cfg, logger, db)
	if err != nil {
		return err
	}
	defer a.Close()
	ts.Config.Handler = a.Handler()
	ts.Start()
	defer ts.Close()

	sys := hiring.WithActor(ctx, hiring.SystemActor())
	run := fmt.Sprint(time.Now().UnixNano())
	if _, err := db.CreateUser(sys, hiring.NewUser{Email: "admin" + run + "@bench.example", Name: "Ada Admin", Role: hiring.RoleAdmin}); err != nil {
		return err
	}
	rec, err := db.CreateUser(sys, hiring.NewUser{Email: "rec" + run + "@bench.example", Name: "Rita Recruiter", Role: hiring.RoleRecruiter})
	if err != nil {
		return err
	}
	var panel []string
	for i := range 2 {
		u, err := db.CreateUser(sys, hiring.NewUser{Email: fmt.Sprintf("iv%d.%s@bench.example", i, run), Name: fmt.Sprintf("Interviewer %d", i), Role: hiring.RoleInterviewer})
		if err != nil {
			return err
		}
		panel = append(panel, u.ID)
	}
	as := hiring.WithActor(ctx, hiring.Actor{UserID: rec.ID, Name: rec.Name, Role: rec.Role})
	job, err := db.CreateJob(as, hiring.JobInput{Title: "Bench Engineer", WorkplaceType: hiring.Remote, EmploymentType: hiring.FullTime})
	if err != nil {
		return err
	}
	base := time.Now().Add(72 * time.Hour).UTC().Truncate(time.Hour)
	var times []time.Time
	for i := range nslots {
		times = append(times, base.Add(time.Duration(i)*time.Hour))
	}
	link := func(i int, interviewers []string) (string, error) {
		c, err := db.CreateCandidate(as, hiring.CandidateInput{FirstName: "Racer", LastName: fmt.Sprint(i), Emails: []string{fmt.Sprintf("racer%d.%s@bench.example", i, run)}})
		if err != nil {
			return "", err
		}
		ap, err := db.CreateApplication(as, hiring.NewApplication{CandidateID: c.ID, JobID: job.ID})
		if err != nil {
			return "", err
		}
		secret := fmt.Sprintf("bookbench%s%032d", run, i)
		_, err = db.CreateBookingLink(as, hiring.NewBookingLink{ApplicationID: ap.ID, Title: "Screen", DurationMinutes: 60, InterviewerIDs: interviewers,
			Slots: times, ExpiresIn: 96 * time.Hour, Reschedules: 1, TokenHash: hash(secret)})
		return secret, err
	}
	var secrets []string
	for i := range n {
		s, err := link(i, panel)
		if err != nil {
			return err
		}
		secrets = append(secrets, s)
	}

	// 1. The race, over HTTP: each candidate's browser loads the page (its
	// CSRF cookie and token), then all post at once.
	type racer struct {
		c     *http.Client
		token string
	}
	csrfRe := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)
	racers := make([]racer, n)
	for i, s := range secrets {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		res, err := c.Get(ts.URL + "/book/" + s)
		if err != nil {
			return err
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		m := csrfRe.FindSubmatch(body)
		if res.StatusCode != 200 || m == nil {
			return fmt.Errorf("page of link %d: %d", i, res.StatusCode)
		}
		racers[i] = racer{c: c, token: string(m[1])}
	}
	start := make(chan struct{})
	var wg sync.WaitGroup
	won := make([]string, n)
	errs := make([]error, n)
	refused := make([]int, n)
	for i := range racers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for k := range times {
				at := times[(i+k)%len(times)].Format(time.RFC3339)
				res, err := racers[i].c.PostForm(ts.URL+"/book/"+secrets[i], url.Values{"csrf_token": {racers[i].token}, "slot": {at}, "tz": {"UTC"}})
				if err != nil {
					errs[i] = err
					return
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				switch res.StatusCode {
				case http.StatusSeeOther:
					won[i] = at
					return
				case http.StatusConflict:
					refused[i]++
				default:
					errs[i] = fmt.Errorf("racer %d: status %d", i, res.StatusCode)
					return
				}
			}
		}()
	}
	t0 := time.Now()
	close(start)
	wg.Wait()
	raceDur := time.Since(t0)
	if err := errors.Join(errs...); err != nil {
		return err
	}
	per := map[string]int{}
	conflicts := 0
	for i := range won {
		if won[i] != "" {
			per[won[i]]++
		}
		conflicts += refused[i]
	}
	ivs, err := db.ListInterviews(sys, hiring.InterviewFilter{InterviewerID: panel[0], Limit: 500})
	if err != nil {
		return err
	}
	exactlyOnce := len(per) == nslots && len(ivs) == nslots
	for _, c := range per {
		exactlyOnce = exactlyOnce && c == 1
	}

	// 2. The page: a link with every time free (other interviewers).
	other, err := db.CreateUser(sys, hiring.NewUser{Email: "free" + run + "@bench.example", Name: "Free Interviewer", Role: hiring.RoleInterviewer})
	if err != nil {
		return err
	}
	pageSecret, err := link(n, []string{other.ID})
	if err != nil {
		return err
	}
	pageURL := ts.URL + "/book/" + pageSecret + "?tz=Europe/Berlin"
	cl := &http.Client{}
	res, err := cl.Get(pageURL)
	if err != nil {
		return err
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || strings.Count(string(page), `name="slot"`) != nslots {
		return fmt.Errorf("page: status %d, %d times", res.StatusCode, strings.Count(string(page), `name="slot"`))
	}
	ref := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(page)
	}))
	defer ref.Close()
	var candor, reference []time.Duration
	get := func(u string) (time.Duration, error) {
		t := time.Now()
		res, err := cl.Get(u)
		if err != nil {
			return 0, err
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			return 0, fmt.Errorf("GET %s: %d", u, res.StatusCode)
		}
		return time.Since(t), nil
	}
	// Alternate the two, so load changes hit both alike.
	for range requests {
		d, err := get(pageURL)
		if err != nil {
			return err
		}
		candor = append(candor, d)
		d, err = get(ref.URL)
		if err != nil {
			return err
		}
		reference = append(reference, d)
	}
	pct := func(ds []time.Duration, p float64) time.Duration {
		s := slices.Clone(ds)
		slices.Sort(s)
		return s[min(len(s)-1, int(float64(len(s))*p))]
	}
	load, _ := exec.Command("uptime").Output()
	engine := "SQLite"
	if dbURL != "" {
		engine = "PostgreSQL"
	}
	fmt.Printf("### candor-bookbench (%s, %s)\n\n", engine, time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	fmt.Printf("load: %s\n", strings.TrimSpace(string(load)))
	fmt.Printf("| measure | value |\n| --- | --- |\n")
	fmt.Printf("| race: %d candidates for %d times | %d booked, %d distinct times, %d interviews, %d refusals (409) in %s — exactly once: %v |\n",
		n, nslots, len(slices.DeleteFunc(slices.Clone(won), func(s string) bool { return s == "" })), len(per), len(ivs), conflicts, raceDur.Round(time.Millisecond), exactlyOnce)
	fmt.Printf("| GET /book/{token} (%d times, %d B) p50 / p99 | %s / %s |\n", nslots, len(page), pct(candor, 0.5).Round(10*time.Microsecond), pct(candor, 0.99).Round(10*time.Microsecond))
	fmt.Printf("| reference (same bytes, bare net/http) p50 / p99 | %s / %s |\n", pct(reference, 0.5).Round(10*time.Microsecond), pct(reference, 0.99).Round(10*time.Microsecond))
	fmt.Printf("| p99 ratio | %.1f× (target: Candor p99 ≤ 50 ms: %v) |\n", float64(pct(candor, 0.99))/float64(pct(reference, 0.99)), pct(candor, 0.99) <= 50*time.Millisecond)
	if !exactlyOnce {
		return errors.New("a time was booked more than once, or not at all")
	}
	return nil
}
