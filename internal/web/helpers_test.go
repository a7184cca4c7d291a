package web_test

import (
	"crypto/rand"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/app/apptest"
	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/hiring"
)

// fixture is a running app with a job (and its pipeline), a candidate on
// it, and signed-in clients for each role; the hiring manager and
// interviewer are on the job's team, the "outsider" interviewer is not.
type fixture struct {
	t         *testing.T
	app       *apptest.App
	admin     hiring.User
	recruiter hiring.User
	manager   hiring.User
	inter     hiring.User
	outsider  hiring.User
	job       hiring.Job
	stages    []hiring.Stage
	cand      hiring.Candidate
	appl      hiring.Application
	clients   map[string]*http.Client
}

func newFixture(t *testing.T, opts ...apptest.Options) *fixture {
	t.Helper()
	a := apptest.New(t, opts...)
	f := &fixture{t: t, app: a, clients: map[string]*http.Client{}}
	f.admin = f.user(hiring.RoleAdmin, "admin")
	f.recruiter = f.user(hiring.RoleRecruiter, "recruiter")
	f.manager = f.user(hiring.RoleHiringManager, "manager")
	f.inter = f.user(hiring.RoleInterviewer, "interviewer")
	f.outsider = f.user(hiring.RoleInterviewer, "outsider")
	ctx := a.System()
	var err error
	f.job, err = a.DB.CreateJob(ctx, hiring.JobInput{
		Title: "Backend Engineer", WorkplaceType: hiring.Remote, EmploymentType: hiring.FullTime, Openings: 1,
		Salary: &hiring.Salary{Min: 90000, Max: 120000, Currency: "EUR", Period: hiring.PerYear},
		HiringTeam: []hiring.TeamMember{
			{UserID: f.manager.ID, Role: hiring.TeamHiringManager},
			{UserID: f.inter.ID, Role: hiring.TeamInterviewer},
		},
	})
	if err != nil {
		t.Fatalf("create job: %v", err)
	}
	if f.stages, err = a.DB.Stages(ctx, f.job.ID); err != nil || len(f.stages) < 3 {
		t.Fatalf("stages: %v (%d)", err, len(f.stages))
	}
	f.cand, err = a.DB.CreateCandidate(ctx, hiring.CandidateInput{
		FirstName: "Ada", LastName: "Lovelace", Emails: []string{"ada@example.com"}, Source: "referral", Tags: []string{"math"},
	})
	if err != nil {
		t.Fatalf("create candidate: %v", err)
	}
	f.appl, err = a.DB.CreateApplication(ctx, hiring.NewApplication{CandidateID: f.cand.ID, JobID: f.job.ID})
	if err != nil {
		t.Fatalf("create application: %v", err)
	}
	return f
}

// passwordHash is apptest.Password hashed once: argon2id is slow on purpose,
// and every fixture needs five users.
var passwordHash = sync.OnceValues(func() (string, error) {
	return auth.New(nil, auth.Options{}).HashPassword(apptest.Password)
})

func (f *fixture) user(role hiring.Role, name string) hiring.User {
	f.t.Helper()
	hash, err := passwordHash()
	if err != nil {
		f.t.Fatal(err)
	}
	u, err := f.app.DB.CreateUser(f.app.System(), hiring.NewUser{
		Email: name + "@example.com", Name: strings.ToUpper(name[:1]) + name[1:], Role: role, PasswordHash: hash,
	})
	if err != nil {
		f.t.Fatalf("create user: %v", err)
	}
	return u
}

// as returns a client signed in as u (one per user, reused). The session is
// made directly in the store: the real /login (an argon2id check, slow on
// purpose) is exercised by TestLoginLogoutSetup.
func (f *fixture) as(u hiring.User) *http.Client {
	f.t.Helper()
	if c, ok := f.clients[u.ID]; ok {
		return c
	}
	c := f.app.Client()
	token := rand.Text()
	_, err := f.app.DB.CreateSession(f.app.System(), u.ID, auth.HashToken(token), rand.Text(), "127.0.0.1", "test", time.Now().Add(time.Hour))
	if err != nil {
		f.t.Fatalf("session: %v", err)
	}
	base, _ := url.Parse(f.app.URL)
	c.Jar.SetCookies(base, []*http.Cookie{{Name: auth.SessionCookie, Value: token, Path: "/"}})
	f.clients[u.ID] = c
	return c
}

type response struct {
	status   int
	location string
	body     string
	header   http.Header
}

func (f *fixture) get(c *http.Client, path string, hdr ...string) response {
	f.t.Helper()
	req, err := http.NewRequest(http.MethodGet, f.app.URL+path, nil)
	if err != nil {
		f.t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	return f.do(c, req)
}

func (f *fixture) post(c *http.Client, path string, form url.Values) response {
	f.t.Helper()
	res, err := f.app.PostForm(c, path, form)
	if err != nil {
		f.t.Fatalf("POST %s: %v", path, err)
	}
	return read(f.t, res)
}

func (f *fixture) do(c *http.Client, req *http.Request) response {
	f.t.Helper()
	res, err := c.Do(req)
	if err != nil {
		f.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	return read(f.t, res)
}

func read(t *testing.T, res *http.Response) response {
	t.Helper()
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{status: res.StatusCode, location: res.Header.Get("Location"), body: string(b), header: res.Header}
}

func (r response) must(t *testing.T, status int, contains ...string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d (location %q)\n%s", r.status, status, r.location, snippet(r.body))
	}
	for _, s := range contains {
		if !strings.Contains(r.body, s) {
			t.Errorf("body lacks %q\n%s", s, snippet(r.body))
		}
	}
}

func (r response) redirectsTo(t *testing.T, prefix string) {
	t.Helper()
	if r.status != http.StatusSeeOther || !strings.HasPrefix(r.location, prefix) {
		t.Fatalf("got %d → %q, want 303 → %s…\n%s", r.status, r.location, prefix, snippet(r.body))
	}
}

func snippet(s string) string {
	if len(s) > 3000 {
		return s[:3000] + "…"
	}
	return s
}
