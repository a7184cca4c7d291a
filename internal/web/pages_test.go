package web_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/app/apptest"
	"github.com/candor-ats/candor/internal/hiring"
)

// Every page renders for a role allowed to see it.
func TestPagesRender(t *testing.T) {
	t.Parallel()
	t.Run("sqlite", func(t *testing.T) { testPagesRender(t, newFixture(t)) })
	t.Run("postgres", func(t *testing.T) { testPagesRender(t, newFixture(t, apptest.Options{Postgres: true})) })
}

func testPagesRender(t *testing.T, f *fixture) {
	admin, rec := f.as(f.admin), f.as(f.recruiter)
	cases := []struct {
		c    *http.Client
		path string
		want []string
	}{
		{rec, "/", []string{"My open jobs", "Recent activity"}},
		{rec, "/jobs", []string{"Backend Engineer", `id="job-filters"`}},
		{rec, "/jobs/new", []string{`name="title"`, `name="hiring_team.0.user_id"`, `name="salary.min"`, `name="allowed_countries"`}},
		{rec, "/jobs/" + f.job.ID, []string{`data-stage-id="` + f.stages[0].ID + `"`, `data-application-id="` + f.appl.ID + `"`, `id="move-` + f.appl.ID + `"`, `id="bulk-form"`}},
		{rec, "/jobs/" + f.job.ID + "/edit", []string{`value="Backend Engineer"`, `value="90000"`}},
		{rec, "/jobs/" + f.job.ID + "/stages", []string{"Pipeline stages", f.stages[1].Name}},
		{rec, "/jobs/" + f.job.ID + "/activity", []string{"Activity"}},
		{rec, "/candidates", []string{"Ada Lovelace", `id="candidate-filters"`}},
		{rec, "/candidates/new", []string{`name="first_name"`, `name="emails"`}},
		{rec, "/candidates/" + f.cand.ID, []string{"Ada Lovelace", "ada@example.com", "Backend Engineer", `id="note-form"`, `id="upload-form"`, "math"}},
		{rec, "/candidates/" + f.cand.ID + "/edit", []string{`value="Ada"`, "ada@example.com"}},
		{rec, "/account", []string{"Time zone", "API tokens"}},
		{admin, "/admin", []string{"Users and roles"}},
		{admin, "/admin/users", []string{f.recruiter.Email}},
		{admin, "/admin/rejection-reasons", []string{"Add a reason"}},
		{admin, "/admin/pipeline", []string{`name="stages.0.name"`}},
		{admin, "/admin/departments", []string{"Add a department"}},
		{admin, "/admin/locations", []string{"Add a location"}},
		{admin, "/admin/audit", []string{"Audit log"}},
		{admin, "/admin/jobs", []string{"Background jobs"}},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			r := f.get(tc.c, tc.path)
			r.must(t, http.StatusOK, tc.want...)
			checkHTML(t, tc.path, r.body)
			if r.header.Get("Cache-Control") != "no-store" {
				t.Errorf("Cache-Control %q", r.header.Get("Cache-Control"))
			}
		})
	}
}

// A record the role may not see answers 404, exactly like a missing one;
// admin pages answer 403 to non-admins; anonymous visitors go to the login.
func TestAccessDenied(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	out := f.as(f.outsider)
	for _, p := range []string{"/jobs/" + f.job.ID, "/jobs/" + f.job.ID + "/edit", "/jobs/" + f.job.ID + "/activity", "/candidates/" + f.cand.ID, "/jobs/nope", "/candidates/nope"} {
		f.get(out, p).must(t, http.StatusNotFound)
	}
	for _, p := range []string{"/admin", "/admin/users", "/admin/audit", "/admin/jobs"} {
		f.get(f.as(f.recruiter), p).must(t, http.StatusForbidden)
	}
	f.get(f.as(f.inter), "/jobs/new").must(t, http.StatusForbidden)
	f.get(f.as(f.inter), "/candidates/new").must(t, http.StatusForbidden)
	for _, p := range []string{"/jobs/" + f.job.ID + "/edit", "/jobs/" + f.job.ID + "/stages", "/candidates/" + f.cand.ID + "/edit"} {
		f.get(f.as(f.inter), p).must(t, http.StatusForbidden)
	}
	// The team's hiring manager may edit the job.
	f.get(f.as(f.manager), "/jobs/"+f.job.ID+"/edit").must(t, http.StatusOK, `value="Backend Engineer"`)

	anon := f.app.Client()
	f.get(anon, "/candidates").redirectsTo(t, "/login?next=%2Fcandidates")
	f.get(anon, "/").redirectsTo(t, "/login")

	// The team's interviewer sees the board but no salary and no move forms.
	r := f.get(f.as(f.inter), "/jobs/"+f.job.ID)
	r.must(t, http.StatusOK, `data-application-id="`+f.appl.ID+`"`)
	if strings.Contains(r.body, `id="move-`+f.appl.ID+`"`) {
		t.Error("interviewer sees the move form")
	}
}

func TestCSRFRequired(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.as(f.recruiter)
	// A wrong token is refused by the middleware before the handler runs.
	r := f.post(c, "/applications/"+f.appl.ID+"/move", map[string][]string{"stage_id": {f.stages[1].ID}, "csrf_token": {"forged"}})
	r.must(t, http.StatusForbidden)
	app, err := f.app.DB.Application(f.app.System(), f.appl.ID)
	if err != nil || app.StageID != f.stages[0].ID {
		t.Fatalf("application moved without a CSRF token: %v %s", err, app.StageID)
	}
}

func TestUnknownPathIs404Page(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	f.get(f.as(f.recruiter), "/no/such/page").must(t, http.StatusNotFound, "Page not found")
}

// An empty installation's jobs page says how to start, not that filters
// match nothing (issue 7, friction 9).
func TestJobsEmptyStateSaysHowToStart(t *testing.T) {
	t.Parallel()
	a := apptest.New(t)
	admin := a.CreateUser(hiring.RoleAdmin)
	c := a.Client()
	a.Login(c, admin.Email, apptest.Password)
	body := func(path string) string {
		res, err := c.Get(a.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return string(b)
	}
	page := body("/jobs")
	if !strings.Contains(page, `id="jobs-empty"`) || !strings.Contains(page, `href="/jobs/new"`) || strings.Contains(page, "No jobs match") {
		t.Errorf("empty install's jobs page:\n%s", page)
	}
	if page := body("/jobs?q=nothing"); !strings.Contains(page, "No jobs match these filters") {
		t.Errorf("filtered empty jobs page:\n%s", page)
	}
}
