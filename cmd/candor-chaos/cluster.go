package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

type options struct {
	dbURL                 string
	creates, kills        int
	workers, keys, racers int
	only                  string
}

// cluster is a built candor binary, its data folder and database, an admin
// with an API token, and the servers started on them.
type cluster struct {
	bin, dir string
	env      []string
	token    string
	run      string // marks this run's records
	logs     *os.File
}

func newCluster(ctx context.Context, o options) (*cluster, error) {
	dir, err := os.MkdirTemp("", "candor-chaos-")
	if err != nil {
		return nil, err
	}
	c := &cluster{dir: dir, bin: filepath.Join(dir, "candor"), run: randomID()}
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", c.bin, "./cmd/candor").CombinedOutput(); err != nil {
		c.close()
		return nil, fmt.Errorf("build: %v\n%s", err, out)
	}
	c.logs, err = os.Create(filepath.Join(dir, "servers.log"))
	if err != nil {
		c.close()
		return nil, err
	}
	// One secret for every server, as replicas are configured.
	c.env = append(os.Environ(), "CANDOR_DATA_DIR="+filepath.Join(dir, "data"), "CANDOR_DATABASE_URL="+o.dbURL,
		"CANDOR_LOG_LEVEL=warn", "CANDOR_SECRET_KEY=candor-chaos-secret-key-0123456789abcdef")
	email := "chaos-" + c.run + "@example.com"
	add := exec.CommandContext(ctx, c.bin, "user", "add", "--email", email, "--name", "Chaos Admin", "--role", "admin", "--password-stdin")
	add.Env, add.Stdin = c.env, strings.NewReader("correct horse battery staple 42\n")
	if out, err := add.CombinedOutput(); err != nil {
		c.close()
		return nil, fmt.Errorf("user add: %v\n%s", err, out)
	}
	tok := exec.CommandContext(ctx, c.bin, "token", "create", "--user", email)
	tok.Env = c.env
	out, err := tok.Output()
	if err != nil {
		c.close()
		return nil, fmt.Errorf("token create: %v", err)
	}
	c.token = strings.TrimSpace(string(out))
	return c, nil
}

func (c *cluster) close() {
	if c.logs != nil {
		_ = c.logs.Close()
	}
	_ = os.RemoveAll(c.dir)
}

// server is one `candor serve` process.
type server struct {
	cmd  *exec.Cmd
	base string
	done chan struct{}
}

func (c *cluster) start(ctx context.Context, addr string) (*server, error) {
	base := "http://" + addr
	cmd := exec.CommandContext(ctx, c.bin, "serve")
	cmd.Env = append(c.env, "CANDOR_ADDR="+addr, "CANDOR_BASE_URL="+base)
	cmd.Stdout, cmd.Stderr = c.logs, c.logs
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, base: base, done: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(s.done) }()
	deadline := time.Now().Add(30 * time.Second)
	for {
		select {
		case <-s.done:
			return nil, fmt.Errorf("candor serve on %s exited at start (see %s)", addr, c.logs.Name())
		default:
		}
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		if time.Now().After(deadline) {
			s.kill()
			return nil, fmt.Errorf("candor serve on %s not ready after 30 s", addr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// kill ends the server the way a crash does.
func (s *server) kill() {
	_ = s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.done
}

func (s *server) stop() {
	_ = s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.done:
	case <-time.After(15 * time.Second):
		s.kill()
	}
}

// answer is what a client got for a request.
type answer struct {
	status   int
	location string
	etag     string
	id       string
	replayed bool
	busy     bool // 409 "in progress": retry shortly
}

// ok says the request was answered with a record (first time or replayed).
func (a answer) ok() bool { return a.status/100 == 2 && a.id != "" }

var client = &http.Client{Timeout: 30 * time.Second}

// post sends one keyed create. A transport error (the server died or is not
// back yet) is returned as such: the request is unanswered.
func (c *cluster) post(ctx context.Context, base, path, key, body string) (answer, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/v1"+path, strings.NewReader(body))
	if err != nil {
		return answer{}, err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", key)
	resp, err := client.Do(req)
	if err != nil {
		return answer{}, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return answer{}, err
	}
	a := answer{status: resp.StatusCode, location: resp.Header.Get("Location"), etag: resp.Header.Get("ETag"),
		replayed: resp.Header.Get("Idempotent-Replayed") == "true",
		busy:     resp.StatusCode == http.StatusConflict && resp.Header.Get("Retry-After") != ""}
	var rec struct {
		ID string `json:"id"`
	}
	if resp.StatusCode/100 == 2 && json.Unmarshal(data, &rec) == nil {
		a.id = rec.ID
	}
	if a.status/100 == 5 {
		return a, fmt.Errorf("POST %s: %d %s", path, a.status, data)
	}
	return a, nil
}

// list reads every page of an API list, calling fn with each item.
func (c *cluster) list(ctx context.Context, base, path string, q url.Values, fn func(json.RawMessage) error) error {
	q.Set("limit", "200")
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/api/v1"+path+"?"+q.Encode(), nil)
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+c.token)
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		var page struct {
			Data       []json.RawMessage `json:"data"`
			NextCursor *string           `json:"next_cursor"`
		}
		err = json.NewDecoder(resp.Body).Decode(&page)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			return fmt.Errorf("GET %s: %d %v", path, resp.StatusCode, err)
		}
		for _, it := range page.Data {
			if err := fn(it); err != nil {
				return err
			}
		}
		if page.NextCursor == nil {
			return nil
		}
		q.Set("cursor", *page.NextCursor)
	}
}

// createJob makes the job this run's applications go to.
func (c *cluster) createJob(ctx context.Context, base string) (string, error) {
	body := `{"title":"Chaos ` + c.run + `","workplace_type":"remote","employment_type":"full_time","openings":1}`
	a, err := c.post(ctx, base, "/jobs", "job-"+c.run, body)
	if err != nil {
		return "", err
	}
	if !a.ok() {
		return "", fmt.Errorf("create job: %d", a.status)
	}
	return a.id, nil
}

// records counts this run's candidates (by source) and applications (on
// its job): id → its key's marker.
func (c *cluster) records(ctx context.Context, base, jobID string) (cands map[string][]string, apps map[string][]string, err error) {
	cands, apps = map[string][]string{}, map[string][]string{}
	err = c.list(ctx, base, "/candidates", url.Values{"source": {"chaos-" + c.run}}, func(raw json.RawMessage) error {
		var v struct {
			ID       string `json:"id"`
			LastName string `json:"last_name"`
		}
		if err := json.Unmarshal(raw, &v); err != nil {
			return err
		}
		cands[v.LastName] = append(cands[v.LastName], v.ID)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	err = c.list(ctx, base, "/applications", url.Values{"job_id": {jobID}}, func(raw json.RawMessage) error {
		var v struct {
			ID          string `json:"id"`
			CandidateID string `json:"candidate_id"`
		}
		if err := json.Unmarshal(raw, &v); err != nil {
			return err
		}
		apps[v.CandidateID] = append(apps[v.CandidateID], v.ID)
		return nil
	})
	return cands, apps, err
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func randomID() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
