package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"

	"github.com/candor-ats/candor/internal/loadgen"
)

// `candor-bench careers` measures issue 9's careers targets: the job page and
// the list page with 500 published posts against a minimal net/http server
// that writes the same bytes from memory (same run, same pinned core, 32
// connections), and the intake: applications per second with a 100 KB PDF
// resume each (every application first opens the job page for its form's
// tokens, as a browser does; only the POSTs are timed).

const careersRefArg = "__careers-reference"

// runCareersReference serves /job and /list from the files named, the
// reference beside which candor's pages are read.
func runCareersReference(addr, jobFile, listFile string) {
	job, err1 := os.ReadFile(jobFile)
	list, err2 := os.ReadFile(listFile)
	if err1 != nil || err2 != nil {
		fmt.Fprintln(os.Stderr, err1, err2)
		os.Exit(1)
	}
	page := func(b []byte) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = w.Write(b)
		}
	}
	mux := http.NewServeMux()
	mux.Handle("/job", page(job))
	mux.Handle("/list", page(list))
	// The intake's reference reads the whole multipart body (the resume
	// into memory) and answers 303, as the intake does, with nothing stored.
	mux.HandleFunc("/apply", func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		http.Redirect(w, r, "/thanks", http.StatusSeeOther)
	})
	if err := http.ListenAndServe(addr, mux); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func cmdCareers(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("careers", flag.ExitOnError)
	dbURL := fs.String("db", "", "database URL (empty = SQLite in a temporary data folder)")
	posts := fs.Int("posts", 500, "published posts")
	dur := fs.Duration("duration", 10*time.Second, "load duration per page")
	conc := fs.Int("c", 32, "concurrent connections for the pages")
	applyConc := fs.Int("apply-c", 16, "concurrent applicants")
	applyDur := fs.Duration("apply-duration", 10*time.Second, "intake load duration")
	pages := fs.Bool("pages", true, "measure the job and list pages (false: the intake only)")
	_ = fs.Parse(args)

	var set unix.CPUSet
	set.Set(1)
	_ = unix.SchedSetaffinity(0, &set)
	dir, err := os.MkdirTemp("", "candor-bench-careers-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "candor")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/candor").CombinedOutput(); err != nil {
		return fmt.Errorf("build: %v\n%s", err, out)
	}
	env := append(os.Environ(), "CANDOR_DATA_DIR="+filepath.Join(dir, "data"), "CANDOR_DATABASE_URL="+*dbURL, "CANDOR_LOG_LEVEL=warn",
		"CANDOR_APPLY_RATE_LIMIT=0")
	srv, err := startBenchServer(ctx, bin, env, "bench@example.com", os.Stderr)
	if err != nil {
		return err
	}
	defer srv.stop()
	base, token, admin := srv.base, srv.token, srv.client
	// No minimum fill time for the load (a browser's person takes longer).
	if err := postAdminForm(ctx, admin, base, "/admin/careers", map[string]string{"company_name": "Bench Co", "brand_color": "#1d4ed8",
		"privacy_version": "1", "privacy_notice": "Bench notice.", "min_fill_seconds": "0"}); err != nil {
		return err
	}
	t0 := time.Now()
	var jobID string
	for i := range *posts {
		var j struct {
			ID string `json:"id"`
		}
		body := fmt.Sprintf(`{"title":"Bench role %d","workplace_type":"on_site","employment_type":"full_time","openings":1,
			"description":"## About\n\nA role to measure the careers site.\n\n- one\n- two"}`, i)
		if err := apiPost(ctx, base+"/api/v1/jobs", token, "", body, &j); err != nil {
			return err
		}
		if err := apiPost(ctx, base+"/api/v1/jobs/"+j.ID+"/status", token, "", `{"status":"open","version":1}`, nil); err != nil {
			return err
		}
		if err := apiPost(ctx, base+"/api/v1/jobs/"+j.ID+"/publish", token, "", `{}`, nil); err != nil {
			return err
		}
		jobID = j.ID
	}
	fmt.Fprintf(os.Stderr, "%d posts published in %v\n", *posts, time.Since(t0).Round(time.Millisecond))
	jobURL := base + "/careers/jobs/" + jobID + "/bench-role-" + fmt.Sprint(*posts-1)
	listURL := base + "/careers"
	jobBody, err := fetch(ctx, jobURL)
	if err != nil {
		return err
	}
	listBody, err := fetch(ctx, listURL)
	if err != nil {
		return err
	}
	jf, lf := filepath.Join(dir, "job.html"), filepath.Join(dir, "list.html")
	_ = os.WriteFile(jf, jobBody, 0o600)
	_ = os.WriteFile(lf, listBody, 0o600)
	refAddr, err := freeAddr()
	if err != nil {
		return err
	}
	self, _ := os.Executable()
	ref := exec.CommandContext(ctx, "taskset", "-c", "0", self, careersRefArg, refAddr, jf, lf)
	ref.Env = append(os.Environ(), "GOMAXPROCS=1")
	if err := ref.Start(); err != nil {
		return err
	}
	defer func() { _ = ref.Process.Kill(); _ = ref.Wait() }()
	if err := waitReady(ctx, "http://"+refAddr+"/job"); err != nil {
		return err
	}
	type row struct {
		name      string
		cand, ref loadgen.Result
		bytes     int
	}
	var rows []row
	for _, p := range []struct {
		name, u, r string
		n          int
	}{{"job page", jobURL, "http://" + refAddr + "/job", len(jobBody)}, {"list page", listURL, "http://" + refAddr + "/list", len(listBody)}} {
		if !*pages {
			break
		}
		// Alternate: candor, reference, candor, reference — the machine's
		// speed drifts; each ratio is from neighbouring runs.
		var rw row
		rw.name, rw.bytes = p.name, p.n
		rw.cand, err = loadgen.Run(ctx, loadgen.Options{URLs: []string{p.u}, Concurrency: *conc, Duration: *dur, Warmup: 2 * time.Second})
		if err != nil {
			return err
		}
		rw.ref, err = loadgen.Run(ctx, loadgen.Options{URLs: []string{p.r}, Concurrency: *conc, Duration: *dur, Warmup: 2 * time.Second})
		if err != nil {
			return err
		}
		if rw.cand.Errors > 0 {
			fmt.Fprintln(os.Stderr, p.name, "errors, first:", rw.cand.FirstError)
		}
		rows = append(rows, rw)
	}
	intake, err := benchIntake(ctx, jobURL, base+"/careers/jobs/"+jobID+"/apply", *applyConc, *applyDur)
	if err != nil {
		return err
	}
	intakeRef, err := benchIntake(ctx, "http://"+refAddr+"/job", "http://"+refAddr+"/apply", *applyConc, *applyDur)
	if err != nil {
		return err
	}
	host, _ := os.Hostname()
	engine := "SQLite"
	if *dbURL != "" {
		engine = "PostgreSQL"
	}
	fmt.Printf("\n### careers, %s, %s, %s, %d CPUs (%s); server and reference on CPU 0 with GOMAXPROCS=1, load from CPU 1\n\n",
		engine, time.Now().UTC().Format("2006-01-02"), runtime.Version(), runtime.NumCPU(), host)
	fmt.Printf("| page (%d posts, %d connections) | bytes | candor req/s | reference req/s | ratio (target ≥ 0.4) | candor p99 (target ≤ 10 ms) | reference p99 | errors |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n", *posts, *conc)
	for _, r := range rows {
		fmt.Printf("| %s | %d | %.0f | %.0f | %.2f | %s | %s | %d |\n", r.name, r.bytes, r.cand.PerSecond, r.ref.PerSecond,
			r.cand.PerSecond/r.ref.PerSecond, ms(r.cand.P99), ms(r.ref.P99), r.cand.Errors)
	}
	fmt.Printf("\n| intake (100 KB PDF each, %d applicants) | applications | per second (target ≥ 200) | p50 | p99 (target ≤ 250 ms) | refused or failed |\n| --- | --- | --- | --- | --- | --- |\n", *applyConc)
	fmt.Printf("| %s | %d | %.0f | %s | %s | %d |\n", engine, intake.ok, intake.perSecond, ms(intake.p50), ms(intake.p99), intake.failed)
	fmt.Printf("| reference (reads the form, answers 303, stores nothing) | %d | %.0f | %s | %s | %d |\n", intakeRef.ok, intakeRef.perSecond,
		ms(intakeRef.p50), ms(intakeRef.p99), intakeRef.failed)
	fmt.Printf("\nintake / reference: %.2f; load average at the end: %s\n", intake.perSecond/intakeRef.perSecond, loadAvg())
	if intake.firstErr != "" {
		fmt.Fprintln(os.Stderr, "intake: first failure:", intake.firstErr)
	}
	return nil
}

func fetch(ctx context.Context, u string) ([]byte, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	return b, err
}

func postAdminForm(ctx context.Context, c *http.Client, base, path string, fields map[string]string) error {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+path, nil)
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := csrfField.FindSubmatch(page)
	if m == nil {
		return fmt.Errorf("%s has no csrf_token", path)
	}
	var b strings.Builder
	b.WriteString("csrf_token=" + string(m[1]))
	for k, v := range fields {
		b.WriteString("&" + k + "=" + strings.ReplaceAll(v, " ", "+"))
	}
	req, _ = http.NewRequestWithContext(ctx, http.MethodPost, base+path, strings.NewReader(b.String()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	resp, err = c.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode >= 400 {
		return fmt.Errorf("POST %s: %s", path, resp.Status)
	}
	return nil
}

type intakeResult struct {
	ok, failed int
	perSecond  float64
	p50, p99   time.Duration
	firstErr   string
}

var applyTokenRE = regexp.MustCompile(`name="token" value="([^"]+)"`)

// benchPDF is a valid one-page PDF padded to about 100 KB.
func benchPDF() []byte {
	p := []byte("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n")
	p = append(p, bytes.Repeat([]byte("% padding to a realistic resume size\n"), 100_000/37)...)
	return append(p, []byte("trailer << /Root 1 0 R >>\n%%EOF\n")...)
}

// benchIntake runs conc applicants for d: each opens the job page (for the
// form's tokens) and posts an application to applyURL.
func benchIntake(ctx context.Context, jobURL, applyURL string, conc int, d time.Duration) (intakeResult, error) {
	pdf := benchPDF()
	var res intakeResult
	var mu sync.Mutex
	var lat []time.Duration
	var n atomic.Int64
	rctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	for w := range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for rctx.Err() == nil {
				jar, _ := cookiejar.New(nil)
				c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
				page, err := getPage(rctx, c, jobURL)
				if rctx.Err() != nil {
					return
				}
				var errText string
				var took time.Duration
				if err != nil {
					errText = err.Error()
				} else {
					i := n.Add(1)
					took, errText = postApplication(rctx, c, applyURL, page, pdf, fmt.Sprintf("bench%d-%d@example.org", w, i))
				}
				if rctx.Err() != nil {
					return
				}
				mu.Lock()
				if errText != "" {
					res.failed++
					if res.firstErr == "" {
						res.firstErr = errText
					}
				} else {
					lat = append(lat, took)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	el := time.Since(start)
	res.ok = len(lat)
	res.perSecond = float64(len(lat)) / el.Seconds()
	slices.Sort(lat)
	if len(lat) > 0 {
		res.p50, res.p99 = lat[len(lat)/2], lat[len(lat)*99/100]
	}
	return res, nil
}

func getPage(ctx context.Context, c *http.Client, u string) ([]byte, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func postApplication(ctx context.Context, c *http.Client, applyURL string, page, pdf []byte, email string) (time.Duration, string) {
	a, err := newApplication(page, pdf, email)
	if err != nil {
		return 0, err.Error()
	}
	t0 := time.Now()
	status, err := a.send(ctx, c, applyURL, "")
	if err != nil {
		return 0, err.Error()
	}
	took := time.Since(t0)
	if status != http.StatusSeeOther {
		return 0, "apply answered " + http.StatusText(status)
	}
	return took, ""
}

// application is one applicant's form as a browser sends it: the text
// fields with the form's idempotency token, and the resume.
type application struct {
	token, csrf, email string
	pdf                []byte
}

// newApplication fills the form the job page carries.
func newApplication(page, pdf []byte, email string) (*application, error) {
	t := applyTokenRE.FindSubmatch(page)
	cs := csrfField.FindSubmatch(page)
	if t == nil || cs == nil {
		return nil, fmt.Errorf("no apply form")
	}
	return &application{token: string(t[1]), csrf: string(cs[1]), email: email, pdf: pdf}, nil
}

// send posts the application (a retry sends the same token) and answers the
// status. csrf, when set, replaces the form's CSRF token (a new page's).
func (a *application) send(ctx context.Context, c *http.Client, applyURL, csrf string) (int, error) {
	if csrf != "" {
		a.csrf = csrf
	}
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	_ = mw.WriteField("csrf_token", a.csrf)
	for _, kv := range [][2]string{{"token", a.token}, {"first_name", "Bench"}, {"last_name", "Applicant"}, {"email", a.email},
		{"privacy_ack", "1"}} {
		_ = mw.WriteField(kv[0], kv[1])
	}
	fw, _ := mw.CreateFormFile("resume", "resume.pdf")
	_, _ = fw.Write(a.pdf)
	_ = mw.Close()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, applyURL, &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

// loadAvg is /proc/loadavg's three averages: a number measured on a busy
// machine says so beside it.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
