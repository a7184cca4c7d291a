package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	_ "modernc.org/sqlite" // reads the data folder's database after the run
)

// `candor-bench intake-crash` is issue 9's crash-safety load: applicants
// send applications (each with its own resume and the form's idempotency
// token) while the server is killed with SIGKILL at random moments and
// started again; an applicant whose request went unanswered sends the same
// application again (same token, same bytes) until it is answered. Then,
// with the server stopped, it reads the database and the blob folder
// itself: every application that was answered with success exists exactly
// once with its resume's bytes intact (sha256), nothing is duplicated, no
// application appears that nobody sent, and SQLite's integrity_check is ok.
//
//	go run ./cmd/candor-bench intake-crash [-n 10000] [-c 16] [-kills 10] [-keep DIR]
//
// SQLite only (the integrity check is SQLite's).

type crashApplicant struct {
	email string
	pdf   []byte
	sum   string // sha256 of pdf, hex
	ok    bool   // answered 303
}

func cmdIntakeCrash(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("intake-crash", flag.ExitOnError)
	n := fs.Int("n", 10_000, "applications")
	conc := fs.Int("c", 16, "concurrent applicants")
	kills := fs.Int("kills", 10, "least number of SIGKILLs (the run goes on killing until every application is answered)")
	every := fs.Duration("every", 3*time.Second, "mean time between kills")
	keep := fs.String("keep", "", "keep the data folder here instead of a temporary one")
	_ = fs.Parse(args)
	if *n < 1 || *conc < 1 || *kills < 0 || *every <= 0 {
		return errors.New("-n and -c must be positive, -kills not negative, -every positive")
	}

	dir, err := os.MkdirTemp("", "candor-bench-crash-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	dataDir := filepath.Join(dir, "data")
	if *keep != "" {
		dataDir = *keep
	}
	bin := filepath.Join(dir, "candor")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/candor").CombinedOutput(); err != nil {
		return fmt.Errorf("build: %v\n%s", err, out)
	}
	env := append(os.Environ(), "CANDOR_DATA_DIR="+dataDir, "CANDOR_DATABASE_URL=", "CANDOR_LOG_LEVEL=error",
		"CANDOR_APPLY_RATE_LIMIT=0")
	srv, err := startBenchServer(ctx, bin, env, "crash@example.com", io.Discard)
	if err != nil {
		return err
	}
	// The crash loop restarts the server itself, unpinned: the first one
	// only set up the company.
	base := srv.base
	if err := postAdminForm(ctx, srv.client, base, "/admin/careers", map[string]string{"company_name": "Crash Co", "brand_color": "#1d4ed8",
		"privacy_version": "1", "privacy_notice": "Crash notice.", "min_fill_seconds": "0"}); err != nil {
		srv.stop()
		return err
	}
	var job struct {
		ID string `json:"id"`
	}
	if err := apiPost(ctx, base+"/api/v1/jobs", srv.token, "", `{"title":"Crash role","workplace_type":"on_site","employment_type":"full_time","openings":1}`, &job); err != nil {
		srv.stop()
		return err
	}
	if err := apiPost(ctx, base+"/api/v1/jobs/"+job.ID+"/status", srv.token, "", `{"status":"open","version":1}`, nil); err != nil {
		srv.stop()
		return err
	}
	if err := apiPost(ctx, base+"/api/v1/jobs/"+job.ID+"/publish", srv.token, "", `{}`, nil); err != nil {
		srv.stop()
		return err
	}
	srv.stop()

	// The applicants: each a distinct person with a distinct resume.
	people := make([]*crashApplicant, *n)
	for i := range people {
		pdf := crashPDF()
		sum := sha256.Sum256(pdf)
		people[i] = &crashApplicant{email: fmt.Sprintf("crash%05d@example.org", i), pdf: pdf, sum: hex.EncodeToString(sum[:])}
	}

	addr := strings.TrimPrefix(base, "http://")
	proc := &crashServer{bin: bin, env: append(env, "CANDOR_ADDR="+addr, "CANDOR_BASE_URL="+base), base: base}
	if err := proc.start(ctx); err != nil {
		return err
	}
	applyURL := base + "/careers/jobs/" + job.ID + "/apply"
	// The job page's canonical URL (with its slug; the bare one redirects).
	jobURL, err := canonicalURL(ctx, base+"/careers/jobs/"+job.ID)
	if err != nil {
		proc.stop()
		return err
	}

	var (
		next    atomic.Int64
		retries atomic.Int64
		refused atomic.Int64
		firstNo atomic.Value
		wg      sync.WaitGroup
	)
	done := make(chan struct{})
	t0 := time.Now()
	for range *conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(people) || ctx.Err() != nil {
					return
				}
				p := people[i]
				status, tries := applyUntilAnswered(ctx, jobURL, applyURL, p)
				retries.Add(int64(tries - 1))
				if status == http.StatusSeeOther {
					p.ok = true
				} else if status != 0 {
					refused.Add(1)
					firstNo.CompareAndSwap(nil, fmt.Sprintf("%s: %d %s", p.email, status, http.StatusText(status)))
				}
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()

	// The killer: SIGKILL at random moments (exponential gaps around
	// -every), a restart after a random pause; at least -kills times, and on
	// until the applicants are all answered.
	killed := 0
	var killErr error
	for finished := false; !finished; {
		gap := time.Duration(mrand.ExpFloat64() * float64(*every))
		select {
		case <-done:
			finished = true
			continue
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(gap):
		}
		if err := proc.kill(); err != nil {
			killErr = err
			break
		}
		killed++
		time.Sleep(time.Duration(mrand.IntN(500)) * time.Millisecond)
		if err := proc.start(ctx); err != nil {
			killErr = err
			break
		}
		if killed >= *kills && next.Load() >= int64(len(people)) {
			// Every application is handed out; let the last ones finish.
			<-done
			finished = true
		}
	}
	if killErr != nil {
		return killErr
	}
	elapsed := time.Since(t0)
	// Fewer kills than asked (a fast run): kill and restart until there were enough, then stop cleanly.
	for ; killed < *kills; killed++ {
		if err := proc.kill(); err != nil {
			return err
		}
		if err := proc.start(ctx); err != nil {
			return err
		}
	}
	proc.stop()

	answered := 0
	for _, p := range people {
		if p.ok {
			answered++
		}
	}
	v, err := verifyCrashRun(ctx, filepath.Join(dataDir, "candor.db"), filepath.Join(dataDir, "blobs"), job.ID, people)
	if err != nil {
		return err
	}
	fmt.Printf("\n### intake under SIGKILL, SQLite, %s, %d applicants at once, load average %s\n\n", time.Now().UTC().Format("2006-01-02"),
		*conc, loadAvg())
	fmt.Printf("| applications sent | answered 303 | refused | retries of unanswered requests | SIGKILLs | time |\n| --- | --- | --- | --- | --- | --- |\n")
	fmt.Printf("| %d | %d | %d | %d | %d | %s |\n\n", len(people), answered, refused.Load(), retries.Load(), killed, elapsed.Round(time.Second))
	fmt.Printf("| stored applications | answered and stored once, resume intact | answered but missing | duplicated | resume wrong or missing | unknown applicant | integrity_check |\n| --- | --- | --- | --- | --- | --- | --- |\n")
	fmt.Printf("| %d | %d | %d | %d | %d | %d | %s |\n", v.stored, v.intact, v.missing, v.duplicated, v.badResume, v.unknown, v.integrity)
	if s, _ := firstNo.Load().(string); s != "" {
		fmt.Fprintln(os.Stderr, "first refusal:", s)
	}
	if v.missing+v.duplicated+v.badResume+v.unknown > 0 || v.integrity != "ok" || refused.Load() > 0 || answered != len(people) {
		for _, e := range v.examples {
			fmt.Fprintln(os.Stderr, " ", e)
		}
		return errors.New("the intake lost, duplicated or damaged applications (see the tables)")
	}
	fmt.Println("\nEvery answered application is stored exactly once with its resume intact.")
	return nil
}

// crashPDF is a small valid PDF with a random comment, so every resume's
// bytes (and sha256) differ, padded to about 20 KB.
func crashPDF() []byte {
	var nonce [16]byte
	_, _ = rand.Read(nonce[:])
	p := []byte("%PDF-1.4\n% " + hex.EncodeToString(nonce[:]) + "\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n")
	p = append(p, bytes.Repeat([]byte("% padding to a resume's size\n"), 20_000/29)...)
	return append(p, []byte("trailer << /Root 1 0 R >>\n%%EOF\n")...)
}

// applyUntilAnswered opens the job page (for the form) and sends the
// application until the server answers it; an unanswered request (the
// server was killed: connection refused or reset, a timeout, a 5xx) is sent
// again with the same token and bytes. It returns the final status and the
// number of POSTs.
func applyUntilAnswered(ctx context.Context, jobURL, applyURL string, p *crashApplicant) (int, int) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	var a *application
	tries := 0
	for ctx.Err() == nil {
		page, err := getPage(ctx, c, jobURL)
		if err != nil || !bytes.Contains(page, []byte(`name="token"`)) {
			time.Sleep(100 * time.Millisecond)
			continue
		}
		csrf := ""
		if a == nil {
			if a, err = newApplication(page, p.pdf, p.email); err != nil {
				time.Sleep(100 * time.Millisecond)
				continue
			}
		} else if m := csrfField.FindSubmatch(page); m != nil {
			csrf = string(m[1]) // a restarted server may have set a new cookie
		}
		tries++
		status, err := a.send(ctx, c, applyURL, csrf)
		if err != nil || status >= 500 {
			time.Sleep(time.Duration(50+mrand.IntN(200)) * time.Millisecond)
			continue
		}
		return status, tries
	}
	return 0, tries
}

// crashServer is the candor process the run kills and restarts.
type crashServer struct {
	bin  string
	env  []string
	base string
	cmd  *exec.Cmd
}

func (s *crashServer) start(ctx context.Context) error {
	s.cmd = exec.CommandContext(ctx, s.bin, "serve")
	s.cmd.Env = s.env
	s.cmd.Stdout, s.cmd.Stderr = io.Discard, io.Discard
	if err := s.cmd.Start(); err != nil {
		return err
	}
	return waitReady(ctx, s.base+"/readyz")
}

func (s *crashServer) kill() error {
	if err := s.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		return fmt.Errorf("kill: %w", err)
	}
	_ = s.cmd.Wait()
	return nil
}

func (s *crashServer) stop() { _ = s.cmd.Process.Signal(os.Interrupt); _ = s.cmd.Wait() }

type crashVerdict struct {
	stored, intact, missing, duplicated, badResume, unknown int
	integrity                                               string
	examples                                                []string
}

// verifyCrashRun reads the stopped server's database and blobs.
func verifyCrashRun(ctx context.Context, dbPath, blobDir, jobID string, people []*crashApplicant) (crashVerdict, error) {
	var v crashVerdict
	db, err := sql.Open("sqlite", "file:"+dbPath+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return v, err
	}
	defer db.Close()
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&v.integrity); err != nil {
		return v, fmt.Errorf("integrity_check: %w", err)
	}
	rows, err := db.QueryContext(ctx, `SELECT ce.email, a.id, COALESCE(d.sha256, ''), COALESCE(d.blob_key, ''),
		(SELECT COUNT(*) FROM documents d2 WHERE d2.application_id = a.id AND d2.kind = 'resume')
		FROM applications a JOIN candidate_emails ce ON ce.candidate_id = a.candidate_id
		LEFT JOIN documents d ON d.application_id = a.id AND d.kind = 'resume'
		WHERE a.job_id = $1`, jobID)
	if err != nil {
		return v, err
	}
	defer rows.Close()
	type stored struct{ sum, key string }
	byEmail := map[string][]stored{}
	for rows.Next() {
		var email, appID, sum, key string
		var docs int
		if err := rows.Scan(&email, &appID, &sum, &key, &docs); err != nil {
			return v, err
		}
		v.stored++
		if docs != 1 {
			v.badResume++
			v.examples = append(v.examples, fmt.Sprintf("application %s has %d resumes", appID, docs))
		}
		byEmail[email] = append(byEmail[email], stored{sum, key})
	}
	if err := rows.Err(); err != nil {
		return v, err
	}
	sent := map[string]*crashApplicant{}
	for _, p := range people {
		sent[p.email] = p
	}
	for email, ss := range byEmail {
		p := sent[email]
		if p == nil {
			v.unknown++
			v.examples = append(v.examples, "an application nobody sent: "+email)
			continue
		}
		if len(ss) > 1 {
			v.duplicated++
			v.examples = append(v.examples, fmt.Sprintf("%s stored %d times", email, len(ss)))
		}
	}
	for _, p := range people {
		ss := byEmail[p.email]
		if !p.ok {
			continue // never answered: stored or not, but at most once (checked above)
		}
		if len(ss) == 0 {
			v.missing++
			v.examples = append(v.examples, "answered but not stored: "+p.email)
			continue
		}
		good := len(ss) == 1 && ss[0].sum == p.sum && ss[0].key != ""
		if good {
			b, err := os.ReadFile(filepath.Join(blobDir, ss[0].key[0:2], ss[0].key[2:4], ss[0].key))
			sum := sha256.Sum256(b)
			good = err == nil && hex.EncodeToString(sum[:]) == p.sum
		}
		if good {
			v.intact++
		} else if len(ss) == 1 {
			v.badResume++
			v.examples = append(v.examples, "resume missing or changed: "+p.email)
		}
	}
	if len(v.examples) > 20 {
		v.examples = v.examples[:20]
	}
	return v, nil
}

// canonicalURL follows u's redirects to the page's own address.
func canonicalURL(ctx context.Context, u string) (string, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	return resp.Request.URL.String(), nil
}
