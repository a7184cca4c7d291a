package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"github.com/candor-ats/candor/internal/loadgen"
)

type options struct {
	dbURL                    string
	candidates, applications int
	duration                 time.Duration
	concurrency, samples     int
	keep                     string
}

type report struct {
	engine      string
	demoLoad    time.Duration
	startup     time.Duration
	idleRSSKB   int
	list        loadgen.Result
	boardP50    time.Duration
	boardP99    time.Duration
	createP50   time.Duration
	createP99   time.Duration
	keyedP50    time.Duration
	keyedP99    time.Duration
	candidates  int
	apps        int
	bigJobCards int
}

func (r report) markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Demo data: %d candidates, %d applications (one job holding %d).\n\n", r.candidates, r.apps, r.bigJobCards)
	b.WriteString("| measure | target | result |\n| --- | --- | --- |\n")
	if r.demoLoad > 0 {
		fmt.Fprintf(&b, "| `candor demo` load | ≤ 60 s | %.1f s |\n", r.demoLoad.Seconds())
	}
	fmt.Fprintf(&b, "| candidates list, 50 rows + filter, GOMAXPROCS=1 | ≥ 3,000 req/s, p99 ≤ 20 ms | %.0f req/s, p50 %s, p99 %s, errors %d |\n",
		r.list.PerSecond, ms(r.list.P50), ms(r.list.P99), r.list.Errors)
	fmt.Fprintf(&b, "| kanban page of the large job | ≤ 50 ms p50 | p50 %s, p99 %s |\n", ms(r.boardP50), ms(r.boardP99))
	fmt.Fprintf(&b, "| API create application (+activity) | ≤ 3 ms p50 | p50 %s, p99 %s |\n", ms(r.createP50), ms(r.createP99))
	fmt.Fprintf(&b, "| the same with an Idempotency-Key | ≤ 3 ms p50 | p50 %s, p99 %s |\n", ms(r.keyedP50), ms(r.keyedP99))
	fmt.Fprintf(&b, "| start-up to ready (migrated DB) | ≤ 300 ms | %s |\n", ms(r.startup))
	fmt.Fprintf(&b, "| idle RSS | ≤ 60 MB | %.1f MB |\n", float64(r.idleRSSKB)/1024)
	return b.String()
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

func run(ctx context.Context, o options) (report, error) {
	rep := report{engine: "SQLite", candidates: o.candidates, apps: o.applications}
	if o.dbURL != "" {
		rep.engine = "PostgreSQL"
	}
	// The load generator (this process) keeps to CPU 1; the server gets CPU 0.
	var set unix.CPUSet
	set.Set(1)
	_ = unix.SchedSetaffinity(0, &set)

	dir := o.keep
	if dir == "" {
		d, err := os.MkdirTemp("", "candor-bench-")
		if err != nil {
			return rep, err
		}
		defer os.RemoveAll(d)
		dir = d
	}
	bin := filepath.Join(dir, "candor")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/candor").CombinedOutput(); err != nil {
		return rep, fmt.Errorf("build: %v\n%s", err, out)
	}
	env := append(os.Environ(), "CANDOR_DATA_DIR="+filepath.Join(dir, "data"), "CANDOR_DATABASE_URL="+o.dbURL, "CANDOR_LOG_LEVEL=warn")

	// With -keep, a folder that already holds a loaded demo is measured again
	// without reloading it (the demo line was saved beside the data).
	saved := filepath.Join(dir, "demo.out")
	demoOut, err := os.ReadFile(saved)
	if err != nil || o.dbURL != "" {
		t0 := time.Now()
		demo := exec.CommandContext(ctx, bin, "demo", "--candidates", strconv.Itoa(o.candidates), "--applications", strconv.Itoa(o.applications))
		demo.Env = env
		demoOut, err = demo.CombinedOutput()
		if err != nil {
			return rep, fmt.Errorf("demo: %v\n%s", err, demoOut)
		}
		rep.demoLoad = time.Since(t0)
		_ = os.WriteFile(saved, demoOut, 0o600)
	}
	m := regexp.MustCompile(`large job: (\S+) \((\d+) applications\)`).FindSubmatch(demoOut)
	if m == nil {
		return rep, fmt.Errorf("demo output does not name the large job:\n%s", demoOut)
	}
	bigJob := string(m[1])
	rep.bigJobCards, _ = strconv.Atoi(string(m[2]))

	srv, err := startBenchServer(ctx, bin, env, "bench@example.com", io.Discard)
	if err != nil {
		return rep, err
	}
	defer srv.stop()
	base, token, client := srv.base, srv.token, srv.client
	rep.startup = srv.startup
	// The demo leaves its resumes queued for parsing: let the workers finish
	// so that neither the idle figure nor the load runs beside them.
	if err := waitQueueIdle(ctx, client, base); err != nil {
		return rep, err
	}
	// Idle means at rest: long enough for the server's idle memory release
	// (two quiet seconds, checked each second) to have run.
	time.Sleep(4 * time.Second)
	rep.idleRSSKB = rssKB(srv.cmd.Process.Pid)
	cookies := client.Jar.Cookies(mustURL(base))
	hdr := http.Header{}
	for _, c := range cookies {
		hdr.Add("Cookie", c.Name+"="+c.Value)
	}
	tags := []string{"golang", "python", "remote", "senior", "referral"}
	var urls []string
	for _, tg := range tags {
		urls = append(urls, base+"/candidates?tag="+tg, base+"/candidates?source=LinkedIn&tag="+tg)
	}
	urls = append(urls, base+"/candidates")
	rep.list, err = loadgen.Run(ctx, loadgen.Options{URLs: urls, Header: hdr, Concurrency: o.concurrency, Duration: o.duration, Warmup: 3 * time.Second})
	if err != nil {
		return rep, err
	}
	if rep.list.Errors > 0 {
		fmt.Fprintln(os.Stderr, "list page errors, first:", rep.list.FirstError)
	}

	rep.boardP50, rep.boardP99, err = sample(o.samples, func() error { return getOK(ctx, client, base+"/jobs/"+bigJob) })
	if err != nil {
		return rep, fmt.Errorf("board: %w", err)
	}
	rep.createP50, rep.createP99, rep.keyedP50, rep.keyedP99, err = benchCreate(ctx, base, token, bigJob, o.samples)
	if err != nil {
		return rep, fmt.Errorf("api create: %w", err)
	}
	return rep, nil
}

// waitQueueIdle polls the admin jobs page until no job is available or
// running (two minutes at most).
func waitQueueIdle(ctx context.Context, c *http.Client, base string) error {
	deadline := time.Now().Add(2 * time.Minute)
	for {
		busy := false
		for _, state := range []string{"available", "running"} {
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/admin/jobs?state="+state, nil)
			resp, err := c.Do(req)
			if err != nil {
				return err
			}
			page, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("GET /admin/jobs: %s", resp.Status)
			}
			busy = busy || strings.Contains(string(page), "data-queue-job-id")
		}
		if !busy {
			return nil
		}
		if time.Now().After(deadline) {
			return errors.New("background jobs still running after two minutes")
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// benchCreate samples application creates without and with an
// Idempotency-Key, alternating so both see the same machine and database.
func benchCreate(ctx context.Context, base, token, jobID string, n int) (p50, p99, keyedP50, keyedP99 time.Duration, err error) {
	ids := make([]string, 0, 2*n)
	for i := 0; i < 2*n; i++ {
		var c struct {
			ID string `json:"id"`
		}
		body := fmt.Sprintf(`{"first_name":"Bench","last_name":"Person %d","emails":["bench-%d-%d@example.net"]}`, i, time.Now().UnixNano(), i)
		if err := apiPost(ctx, base+"/api/v1/candidates", token, "", body, &c); err != nil {
			return 0, 0, 0, 0, err
		}
		ids = append(ids, c.ID)
	}
	run := time.Now().UnixNano()
	var plain, keyed []time.Duration
	for i := 0; i < 2*n; i++ {
		key := ""
		if i%2 == 1 {
			key = fmt.Sprintf("bench-%d-%d", run, i)
		}
		body := fmt.Sprintf(`{"candidate_id":%q,"job_id":%q}`, ids[i], jobID)
		t0 := time.Now()
		if err := apiPost(ctx, base+"/api/v1/applications", token, key, body, nil); err != nil {
			return 0, 0, 0, 0, err
		}
		if key == "" {
			plain = append(plain, time.Since(t0))
		} else {
			keyed = append(keyed, time.Since(t0))
		}
	}
	p50, p99 = percentiles(plain)
	keyedP50, keyedP99 = percentiles(keyed)
	return p50, p99, keyedP50, keyedP99, nil
}

func sample(n int, f func() error) (time.Duration, time.Duration, error) {
	for i := 0; i < 5; i++ { // warm caches; not measured
		if err := f(); err != nil {
			return 0, 0, err
		}
	}
	return sampleN(n, f)
}

func sampleN(n int, f func() error) (time.Duration, time.Duration, error) {
	lat := make([]time.Duration, 0, n)
	for i := 0; i < n; i++ {
		t0 := time.Now()
		if err := f(); err != nil {
			return 0, 0, err
		}
		lat = append(lat, time.Since(t0))
	}
	p50, p99 := percentiles(lat)
	return p50, p99, nil
}

func percentiles(lat []time.Duration) (p50, p99 time.Duration) {
	slices.Sort(lat)
	return lat[len(lat)/2], lat[len(lat)*99/100]
}

func apiPost(ctx context.Context, u, token, key, body string, out any) error {
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, u, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("POST %s: %s: %s", u, resp.Status, data)
	}
	if out != nil {
		return json.Unmarshal(data, out)
	}
	return nil
}

func getOK(ctx context.Context, c *http.Client, u string) error {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	resp, err := c.Do(req)
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

var csrfField = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

func login(ctx context.Context, base, email, password string) (*http.Client, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/login", nil)
	resp, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := csrfField.FindSubmatch(page)
	if m == nil {
		return nil, fmt.Errorf("login page has no csrf_token field")
	}
	form := url.Values{"email": {email}, "password": {password}, "csrf_token": {string(m[1])}}
	req, _ = http.NewRequestWithContext(ctx, http.MethodPost, base+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	resp, err = c.Do(req)
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	if err := getOK(ctx, c, base+"/candidates"); err != nil {
		return nil, fmt.Errorf("after login: %w", err)
	}
	return c, nil
}

func waitReady(ctx context.Context, u string) error {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return nil
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
	return fmt.Errorf("server not ready within 30s")
}

func rssKB(pid int) int {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		if f := strings.Fields(sc.Text()); len(f) >= 2 && f[0] == "VmRSS:" {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	return 0
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func mustURL(s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return u
}
