package e2e

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/app/apptest"
	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store/storetest"
	"github.com/candor-ats/candor/internal/work"
)

// role is who makes a request: one of the account roles, or nobody.
type role string

const (
	anonymous role = "anonymous"
	admin     role = role(hiring.RoleAdmin)
	recruiter role = role(hiring.RoleRecruiter)
	manager   role = role(hiring.RoleHiringManager)
	inter     role = role(hiring.RoleInterviewer)
)

var allRoles = []role{admin, recruiter, manager, inter, anonymous}

// target is where the addressed record lives, seen from the acting user.
type target string

const (
	noTarget target = "-"                // the route addresses no job's record
	ownJob   target = "own job"          // a job whose hiring team includes the user
	otherJob target = "other job"        // a job whose team does not include the user
	confJob  target = "confidential job" // a confidential job the user is not on
)

var jobTargets = []target{ownJob, otherJob, confJob}

// fixture is one running instance with the seeded company.
type fixture struct {
	t    *testing.T
	app  *apptest.App
	seed *storetest.Seeded
	seq  atomic.Int64
}

func newFixture(t *testing.T, opts ...apptest.Options) *fixture {
	t.Helper()
	a := apptest.New(t, opts...)
	f := &fixture{t: t, app: a, seed: storetest.Seed(t, a.DB)}
	// The seed makes users without passwords; the tests sign them in. One
	// hash for all keeps the set-up fast (argon2id is slow on purpose).
	hash, err := a.Auth.HashPassword(apptest.Password)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range f.seed.Users() {
		if err := a.DB.SetPasswordHash(a.System(), u.ID, hash); err != nil {
			t.Fatalf("set password of %s: %v", u.Email, err)
		}
	}
	return f
}

// user is the seeded account that plays r.
func (f *fixture) user(r role) hiring.User {
	switch r {
	case admin:
		return f.seed.Admin
	case recruiter:
		return f.seed.Recruiter
	case manager:
		return f.seed.Manager
	case inter:
		return f.seed.Interviewer
	}
	return hiring.User{}
}

func (f *fixture) sys() context.Context { return f.app.System() }

func (f *fixture) n() int64 { return f.seq.Add(1) }

// world is the set of records one matrix cell addresses, made lazily so a
// cell pays only for what its route needs. State-changing cells get a world
// of their own, so no cell depends on what another did.
type world struct {
	f      *fixture
	t      *testing.T
	role   role
	target target

	job, job2 *hiring.Job
	stages    []hiring.Stage
	cand      *hiring.Candidate
	app       *hiring.Application
	note      *hiring.Note
	doc       *hiring.Document
	user      *hiring.User
	reason    *hiring.RejectionReason
	dept      *hiring.Department
	loc       *hiring.Location
	tokenID   string
	riverJob  int64
	bookingAt time.Time // the time a self-scheduling link of this world offers
	pool      string    // the pool a cell's path named (pools_rules_test.go)

	// sessionUser is the fresh account of an ownSession cell.
	sessionUser hiring.User
	client      *http.Client
}

// passwordOf is the password of the world's session user.
func passwordOf(*world) string { return apptest.Password }

func (f *fixture) world(t *testing.T, r role, tg target) *world {
	return &world{f: f, t: t, role: r, target: tg}
}

func (w *world) must(err error, what string) {
	w.t.Helper()
	if err != nil {
		w.t.Fatalf("world (%s, %s): %s: %v", w.role, w.target, what, err)
	}
}

// team is the hiring team of the world's jobs: the acting user on their own
// job, other people elsewhere.
func (w *world) team() (team []hiring.TeamMember, confidential bool) {
	s := w.f.seed
	others := []hiring.TeamMember{
		{UserID: s.OtherManager.ID, Role: hiring.TeamHiringManager},
		{UserID: s.OtherInterviewer.ID, Role: hiring.TeamInterviewer},
	}
	switch w.target {
	case otherJob:
		return others, false
	case confJob:
		return others[:1], true
	}
	if w.role == anonymous {
		return []hiring.TeamMember{{UserID: s.Manager.ID, Role: hiring.TeamHiringManager}}, false
	}
	tr := map[role]hiring.TeamRole{admin: hiring.TeamRecruiter, recruiter: hiring.TeamRecruiter,
		manager: hiring.TeamHiringManager, inter: hiring.TeamInterviewer}[w.role]
	return []hiring.TeamMember{{UserID: w.f.user(w.role).ID, Role: tr}}, false
}

func (w *world) newJob(title string) *hiring.Job {
	w.t.Helper()
	team, conf := w.team()
	ctx := w.f.sys()
	j, err := w.f.app.DB.CreateJob(ctx, hiring.JobInput{
		Title: fmt.Sprintf("%s %d", title, w.f.n()), WorkplaceType: hiring.Remote, EmploymentType: hiring.FullTime,
		Openings: 1, Confidential: conf, Description: "Matrix job.",
		Salary:     &hiring.Salary{Min: 50000, Max: 70000, Currency: "EUR", Period: hiring.PerYear},
		HiringTeam: team,
	})
	w.must(err, "create job")
	j, err = w.f.app.DB.SetJobStatus(ctx, j.ID, j.Version, hiring.JobOpen)
	w.must(err, "open job")
	return &j
}

// Job is the world's job (own, other or confidential per the target).
func (w *world) Job() hiring.Job {
	if w.job == nil {
		w.job = w.newJob("Matrix")
		var err error
		w.stages, err = w.f.app.DB.Stages(w.f.sys(), w.job.ID)
		w.must(err, "stages")
		if len(w.stages) < 3 {
			w.t.Fatalf("world: job has %d stages, want the default pipeline", len(w.stages))
		}
	}
	return *w.job
}

// Job2 is a second job with the same team, for creating applications.
func (w *world) Job2() hiring.Job {
	if w.job2 == nil {
		w.job2 = w.newJob("Second")
	}
	return *w.job2
}

// Stage returns the job's i-th stage; -1 is the last (always empty).
func (w *world) Stage(i int) hiring.Stage {
	w.Job()
	if i < 0 {
		i = len(w.stages) + i
	}
	return w.stages[i]
}

// Candidate is a person whose only application is on the world's job, so
// who sees them follows who sees that job.
func (w *world) Candidate() hiring.Candidate {
	if w.cand == nil {
		n := w.f.n()
		c, err := w.f.app.DB.CreateCandidate(w.f.sys(), hiring.CandidateInput{
			FirstName: "Matrix", LastName: fmt.Sprintf("Person%d", n),
			Emails: []string{fmt.Sprintf("matrix%d@example.org", n)}, Source: "referral", Tags: []string{"go"},
		})
		w.must(err, "create candidate")
		w.cand = &c
		w.App()
	}
	return *w.cand
}

// App is the candidate's active application on the world's job, in its first stage.
func (w *world) App() hiring.Application {
	if w.app == nil {
		c := w.Candidate()
		if w.app != nil {
			return *w.app
		}
		a, err := w.f.app.DB.CreateApplication(w.f.sys(), hiring.NewApplication{CandidateID: c.ID, JobID: w.Job().ID, Source: "referral"})
		w.must(err, "create application")
		w.app = &a
	}
	return *w.app
}

// RejectedApp rejects the application first (for reopen).
func (w *world) RejectedApp() hiring.Application {
	a := w.App()
	if a.Status != hiring.AppRejected {
		reasons, err := w.f.app.DB.ListRejectionReasons(w.f.sys(), false)
		w.must(err, "reasons")
		a, err = w.f.app.DB.RejectApplication(w.f.sys(), a.ID, 0, reasons[0].ID, "")
		w.must(err, "reject")
		w.app = &a
	}
	return a
}

// Note is a public note on the candidate written by the admin (not by the actor).
func (w *world) Note() hiring.Note {
	if w.note == nil {
		n, err := w.f.app.DB.AddNote(storetest.As(w.f.seed.Admin), hiring.NewNote{CandidateID: w.Candidate().ID, Body: "A note from the admin."})
		w.must(err, "add note")
		w.note = &n
	}
	return *w.note
}

// Doc is a small text resume on the candidate.
func (w *world) Doc() hiring.Document {
	if w.doc == nil {
		ctx := w.f.sys()
		body := []byte("Matrix Person\nGo developer\n")
		key, size, sum, err := w.f.app.Blobs.Put(ctx, bytes.NewReader(body), 1<<20)
		w.must(err, "put blob")
		d, err := w.f.app.DB.AddDocument(ctx, hiring.NewDocument{CandidateID: w.Candidate().ID, Kind: "resume",
			FileName: "resume.txt", ContentType: "text/plain", Size: size, SHA256: sum, BlobKey: key})
		w.must(err, "add document")
		w.doc = &d
	}
	return *w.doc
}

// User is a spare recruiter account for the admin user routes.
func (w *world) User() hiring.User {
	if w.user == nil {
		n := w.f.n()
		u, err := w.f.app.DB.CreateUser(w.f.sys(), hiring.NewUser{Email: fmt.Sprintf("spare%d@example.com", n),
			Name: fmt.Sprintf("Spare %d", n), Role: hiring.RoleRecruiter})
		w.must(err, "create user")
		w.user = &u
	}
	return *w.user
}

// Reason is a fresh rejection reason.
func (w *world) Reason() hiring.RejectionReason {
	if w.reason == nil {
		r, err := w.f.app.DB.CreateRejectionReason(w.f.sys(), fmt.Sprintf("Matrix reason %d", w.f.n()))
		w.must(err, "create reason")
		w.reason = &r
	}
	return *w.reason
}

// AnyReason is a reason to reject with.
func (w *world) AnyReason() string { return w.Reason().ID }

// Dept is a fresh department.
func (w *world) Dept() hiring.Department {
	if w.dept == nil {
		d, err := w.f.app.DB.CreateDepartment(w.f.sys(), fmt.Sprintf("Matrix dept %d", w.f.n()))
		w.must(err, "create department")
		w.dept = &d
	}
	return *w.dept
}

// Loc is a fresh location.
func (w *world) Loc() hiring.Location {
	if w.loc == nil {
		l, err := w.f.app.DB.CreateLocation(w.f.sys(), hiring.Location{Name: fmt.Sprintf("Matrix office %d", w.f.n()), City: "Lyon", Country: "FR"})
		w.must(err, "create location")
		w.loc = &l
	}
	return *w.loc
}

// TokenID is an API token of the acting user (the seeded admin's for anonymous).
func (w *world) TokenID() string {
	if w.tokenID == "" {
		u := w.f.user(w.role)
		if u.ID == "" {
			u = w.f.seed.Admin
		}
		secret := fmt.Sprintf("%smatrix%d", auth.TokenPrefix, w.f.n())
		tok, err := w.f.app.DB.CreateAPIToken(w.f.sys(), u.ID, "matrix", secret[:8], auth.HashToken(secret))
		w.must(err, "create token")
		w.tokenID = tok.ID
	}
	return w.tokenID
}

// RiverJob is a queued background job for the admin queue actions.
func (w *world) RiverJob() string {
	if w.riverJob == 0 {
		ctx := w.f.sys()
		tx, err := w.f.app.DB.Writer().BeginTx(ctx, nil)
		w.must(err, "begin")
		err = w.f.app.Queue.InsertTx(ctx, tx, work.CleanupArgs{})
		if err != nil {
			_ = tx.Rollback()
		}
		w.must(err, "insert job")
		w.must(tx.Commit(), "commit")
		jobs, err := w.f.app.Queue.List(ctx, "available", 1000)
		w.must(err, "list jobs")
		for _, j := range jobs {
			if j.ID > w.riverJob {
				w.riverJob = j.ID
			}
		}
		if w.riverJob == 0 {
			w.t.Fatal("world: the inserted background job is not listed")
		}
	}
	return fmt.Sprint(w.riverJob)
}
