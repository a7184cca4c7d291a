package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/app/apptest"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// TestListsDoNotLeak checks that lists, searches and record JSON hold only
// what the role may see: the matrix proves single records are guarded, this
// proves collections are filtered and private fields dropped.
func TestListsDoNotLeak(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testListsDoNotLeak(t, newFixture(t)) })
	t.Run("postgres", func(t *testing.T) { testListsDoNotLeak(t, newFixture(t, apptest.Options{Postgres: true})) })
}

func testListsDoNotLeak(t *testing.T, f *fixture) {
	s := f.seed
	// A private note on the interviewer's own candidate: they must not see it.
	if _, err := f.app.DB.AddNote(storetest.As(s.Manager), hiring.NewNote{CandidateID: s.Candidate.ID,
		Body: "Private: salary expectations too high", Private: true}); err != nil {
		t.Fatal(err)
	}

	type view struct {
		r                 role
		jobs, notJobs     []hiring.Job
		cands, notCands   []hiring.Candidate
		apps, notApps     []hiring.Application
		salary, privNotes bool
		directory         bool // the user directory: emails, roles, disabled accounts
	}
	views := []view{
		{r: inter, jobs: []hiring.Job{s.Job}, notJobs: []hiring.Job{s.OtherJob, s.ConfidentialJob},
			cands: []hiring.Candidate{s.Candidate}, notCands: []hiring.Candidate{s.OtherCandidate, s.ConfidentialCandidate},
			apps: []hiring.Application{s.App}, notApps: []hiring.Application{s.OtherApp, s.ConfidentialApp}},
		{r: manager, jobs: []hiring.Job{s.Job, s.ConfidentialJob}, notJobs: []hiring.Job{s.OtherJob},
			cands: []hiring.Candidate{s.Candidate, s.ConfidentialCandidate}, notCands: []hiring.Candidate{s.OtherCandidate},
			apps: []hiring.Application{s.App, s.ConfidentialApp}, notApps: []hiring.Application{s.OtherApp},
			salary: true, privNotes: true},
		// Recruiters see every candidate (the CRM side) but not a confidential
		// job they are not on, nor its applications.
		{r: recruiter, jobs: []hiring.Job{s.Job, s.OtherJob}, notJobs: []hiring.Job{s.ConfidentialJob},
			cands: []hiring.Candidate{s.Candidate, s.OtherCandidate, s.ConfidentialCandidate},
			apps:  []hiring.Application{s.App, s.OtherApp}, notApps: []hiring.Application{s.ConfidentialApp},
			salary: true, privNotes: true, directory: true},
		{r: admin, jobs: []hiring.Job{s.Job, s.OtherJob, s.ConfidentialJob},
			cands: []hiring.Candidate{s.Candidate, s.OtherCandidate, s.ConfidentialCandidate},
			apps:  []hiring.Application{s.App, s.OtherApp, s.ConfidentialApp}, salary: true, privNotes: true, directory: true},
	}
	// A colleague who has left: part of the directory, hidden from the others.
	leaver, err := f.app.DB.CreateUser(f.sys(), hiring.NewUser{Email: "leaver@example.com", Name: "Lena Leaver", Role: hiring.RoleRecruiter})
	if err != nil {
		t.Fatal(err)
	}
	yes := true
	if _, err := f.app.DB.UpdateUser(f.sys(), leaver.ID, hiring.UserUpdate{Disabled: &yes}); err != nil {
		t.Fatal(err)
	}
	for _, v := range views {
		t.Run(string(v.r), func(t *testing.T) {
			u := f.user(v.r)
			c := f.app.Client()
			f.app.Login(c, u.Email, apptest.Password)
			tok := f.app.APIToken(u)

			page := func(path string) string {
				t.Helper()
				res, err := c.Get(f.app.URL + path)
				if err != nil {
					t.Fatal(err)
				}
				defer res.Body.Close()
				b, _ := io.ReadAll(res.Body)
				if res.StatusCode != http.StatusOK {
					t.Fatalf("GET %s: %d", path, res.StatusCode)
				}
				return string(b)
			}
			list := func(path string) (ids []string, items []map[string]any) {
				t.Helper()
				res, err := http.DefaultClient.Do(f.app.APIRequest("GET", path, tok, nil))
				if err != nil {
					t.Fatal(err)
				}
				defer res.Body.Close()
				var body struct{ Data []map[string]any }
				if err := json.NewDecoder(res.Body).Decode(&body); err != nil || res.StatusCode != http.StatusOK {
					t.Fatalf("GET %s: %d %v", path, res.StatusCode, err)
				}
				for _, it := range body.Data {
					ids = append(ids, it["id"].(string))
				}
				return ids, body.Data
			}
			has := func(what string, haystack []string, id, name string, want bool) {
				t.Helper()
				got := false
				for _, x := range haystack {
					got = got || x == id
				}
				if got != want {
					t.Errorf("LEAK %s as %s: %s (%s) listed=%v, want %v", what, v.r, name, id, got, want)
				}
			}
			contains := func(what, body, name string, want bool) {
				t.Helper()
				if strings.Contains(body, name) != want {
					t.Errorf("LEAK %s as %s: page mentions %q = %v, want %v", what, v.r, name, !want, want)
				}
			}

			// Jobs: the UI list, the API list, the dashboard.
			jobsPage := page("/jobs")
			jobIDs, jobItems := list("/api/v1/jobs")
			for _, j := range v.jobs {
				contains("GET /jobs", jobsPage, j.Title, true)
				has("GET /api/v1/jobs", jobIDs, j.ID, j.Title, true)
			}
			for _, j := range v.notJobs {
				contains("GET /jobs", jobsPage, j.Title, false)
				contains("GET /", page("/"), j.Title, false)
				has("GET /api/v1/jobs", jobIDs, j.ID, j.Title, false)
			}
			// Salary: absent from job JSON (list and record) for interviewers.
			for _, it := range jobItems {
				if _, ok := it["salary"]; ok != v.salary {
					t.Errorf("LEAK GET /api/v1/jobs as %s: job %v has salary=%v, want %v", v.r, it["title"], ok, v.salary)
				}
			}
			res, err := http.DefaultClient.Do(f.app.APIRequest("GET", "/api/v1/jobs/"+s.Job.ID, tok, nil))
			if err != nil {
				t.Fatal(err)
			}
			var job map[string]any
			_ = json.NewDecoder(res.Body).Decode(&job)
			res.Body.Close()
			if _, ok := job["salary"]; ok != v.salary {
				t.Errorf("LEAK GET /api/v1/jobs/{id} as %s: salary present=%v, want %v", v.r, ok, v.salary)
			}
			if !v.salary {
				for _, p := range []string{"/jobs", "/jobs/" + s.Job.ID} {
					body := page(p)
					for _, amount := range []string{"70000", "70,000", "70 000", "70.000"} {
						contains("GET "+p+" (salary)", body, amount, false)
					}
				}
			}

			// Candidates: the UI list, the API list, and a search for a name they may not see.
			candPage := page("/candidates")
			candIDs, _ := list("/api/v1/candidates")
			for _, cd := range v.cands {
				contains("GET /candidates", candPage, cd.Name(), true)
				has("GET /api/v1/candidates", candIDs, cd.ID, cd.Name(), true)
			}
			for _, cd := range v.notCands {
				contains("GET /candidates", candPage, cd.Name(), false)
				has("GET /api/v1/candidates", candIDs, cd.ID, cd.Name(), false)
				contains("GET /candidates?q=", page("/candidates?q="+cd.LastName), cd.Name(), false)
				found, _ := list("/api/v1/candidates?q=" + cd.LastName)
				has("GET /api/v1/candidates?q=", found, cd.ID, cd.Name(), false)
			}

			// Applications.
			appIDs, _ := list("/api/v1/applications")
			for _, a := range v.apps {
				has("GET /api/v1/applications", appIDs, a.ID, a.ID, true)
			}
			for _, a := range v.notApps {
				has("GET /api/v1/applications", appIDs, a.ID, a.ID, false)
			}

			// Private notes: not on the profile, not in the API's notes.
			contains("GET /candidates/{id} (private note)", page("/candidates/"+s.Candidate.ID), "salary expectations too high", v.privNotes)
			_, notes := list("/api/v1/candidates/" + s.Candidate.ID + "/notes")
			private := false
			for _, n := range notes {
				private = private || n["private"] == true
			}
			if private != v.privNotes {
				t.Errorf("LEAK GET /api/v1/candidates/{id}/notes as %s: private note listed=%v, want %v", v.r, private, v.privNotes)
			}

			// Users: colleagues' names for everyone; emails, roles and
			// disabled accounts for the directory's readers only.
			userIDs, users := list("/api/v1/users")
			has("GET /api/v1/users", userIDs, s.Admin.ID, s.Admin.Name, true)
			has("GET /api/v1/users", userIDs, leaver.ID, leaver.Name, false)
			for _, it := range users {
				_, email := it["email"]
				_, role := it["role"]
				if want := v.directory || it["id"] == u.ID; email != want || role != want {
					t.Errorf("LEAK GET /api/v1/users as %s: %v has email=%v role=%v, want %v", v.r, it["name"], email, role, want)
				}
			}
			res, err = http.DefaultClient.Do(f.app.APIRequest("GET", "/api/v1/users?include_disabled=true", tok, nil))
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if want := map[bool]int{true: http.StatusOK, false: http.StatusForbidden}[v.directory]; res.StatusCode != want {
				t.Errorf("LEAK GET /api/v1/users?include_disabled=true as %s: %d, want %d", v.r, res.StatusCode, want)
			}
			for id, want := range map[string]int{leaver.ID: map[bool]int{true: 200, false: 404}[v.directory], s.Admin.ID: 200} {
				res, err := http.DefaultClient.Do(f.app.APIRequest("GET", "/api/v1/users/"+id, tok, nil))
				if err != nil {
					t.Fatal(err)
				}
				var one map[string]any
				_ = json.NewDecoder(res.Body).Decode(&one)
				res.Body.Close()
				if _, email := one["email"]; res.StatusCode != want || (res.StatusCode == 200 && email != v.directory) {
					t.Errorf("LEAK GET /api/v1/users/{id} as %s: %d %v, want %d with email=%v", v.r, res.StatusCode, one, want, v.directory)
				}
			}
			// The job form's hiring-team picker (team hiring managers edit
			// the job) names colleagues without their roles.
			if v.r != inter {
				contains("GET /jobs/{id}/edit (roles)", page("/jobs/"+s.Job.ID+"/edit"), "("+hiring.RoleRecruiter.Label()+")", v.directory)
			}
		})
	}
}

// TestCountsDoNotLeak adds confidential work to a candidate that a recruiter
// and an interviewer off the confidential job's team can see — an
// application on that job moved along its pipeline, a note on it that
// @mentions them both, a document of it — and requires every page and API
// answer they read that counts or lists (dashboard, job and candidate lists
// with totals, the candidate's page, timeline, notes and documents, the
// board, tags, the duplicates queue, notifications) to be exactly what it
// was before. The merge preview must then say only that some records are
// hidden, never how many or of what kind. (Exports are left out: reading
// one records an activity entry, so the pages would change anyway.)
func TestCountsDoNotLeak(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testCountsDoNotLeak(t, newFixture(t)) })
	t.Run("postgres", func(t *testing.T) { testCountsDoNotLeak(t, newFixture(t, apptest.Options{Postgres: true})) })
}

func testCountsDoNotLeak(t *testing.T, f *fixture) {
	s := f.seed
	ctx := f.sys()
	// A twin of the candidate (same email) for the duplicates and the merge preview.
	twin, err := f.app.DB.CreateCandidate(ctx, hiring.CandidateInput{FirstName: s.Candidate.FirstName, LastName: s.Candidate.LastName,
		Emails: []string{s.Candidate.PrimaryEmail()}, CurrentCompany: s.Candidate.CurrentCompany})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.DB.CreateApplication(ctx, hiring.NewApplication{CandidateID: twin.ID, JobID: s.Job.ID}); err != nil {
		t.Fatal(err)
	}

	type reader struct {
		r   role
		c   *http.Client
		tok string
	}
	var readers []reader
	for _, r := range []role{recruiter, inter} {
		u := f.user(r)
		c := f.app.Client()
		f.app.Login(c, u.Email, apptest.Password)
		readers = append(readers, reader{r, c, f.app.APIToken(u)})
	}
	pages := []string{"/", "/jobs", "/jobs?status=open", "/candidates", "/candidates?q=" + s.Candidate.LastName,
		"/candidates/" + s.Candidate.ID, "/jobs/" + s.Job.ID, "/jobs/" + s.Job.ID + "/activity", "/jobs/" + s.Job.ID + "/applications", "/candidates/duplicates", "/notifications",
		"/mentions"}
	apis := []string{"/api/v1/jobs", "/api/v1/candidates?limit=100", "/api/v1/candidates/" + s.Candidate.ID,
		"/api/v1/candidates/" + s.Candidate.ID + "/activity", "/api/v1/candidates/" + s.Candidate.ID + "/notes",
		"/api/v1/candidates/" + s.Candidate.ID + "/documents", "/api/v1/applications?candidate_id=" + s.Candidate.ID,
		"/api/v1/applications", "/api/v1/tags", "/api/v1/jobs/" + s.Job.ID + "/stages", "/api/v1/candidates/" + s.Candidate.ID + "/duplicates"}
	// Reports (issue 13): no figure moves with confidential work, whatever the filter.
	pages = append(pages, "/reports/funnel", "/reports/sources", "/reports/team", "/reports/funnel?format=csv&job_id="+s.ConfidentialJob.ID)
	// (Interviewers are refused reports; a refusal carries its request's id.)
	reportAPIs := []string{"/api/v1/reports/funnel", "/api/v1/reports/team", "/api/v1/reports/sources?format=csv",
		"/api/v1/reports/funnel?job_id=" + s.ConfidentialJob.ID}
	preview := "/candidates/" + s.Candidate.ID + "/merge?other=" + twin.ID
	snapshot := func(rd reader) map[string]string {
		out := map[string]string{}
		get := func(key string, req *http.Request, c *http.Client) {
			res, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			out[key] = fmt.Sprintf("%d %s", res.StatusCode, b)
		}
		for _, p := range pages {
			req, _ := http.NewRequest("GET", f.app.URL+p, nil)
			get(p, req, rd.c)
		}
		for _, p := range apis {
			get(p, f.app.APIRequest("GET", p, rd.tok, nil), http.DefaultClient)
		}
		if rd.r == recruiter {
			req, _ := http.NewRequest("GET", f.app.URL+preview, nil)
			get(preview, req, rd.c)
			for _, p := range reportAPIs {
				get(p, f.app.APIRequest("GET", p, rd.tok, nil), http.DefaultClient)
			}
		}
		return out
	}
	before := map[role]map[string]string{}
	for _, rd := range readers {
		before[rd.r] = snapshot(rd)
	}

	// The confidential work, by the manager on its team.
	mctx := storetest.As(s.Manager)
	for _, cand := range []string{s.Candidate.ID, twin.ID} {
		a, err := f.app.DB.CreateApplication(mctx, hiring.NewApplication{CandidateID: cand, JobID: s.ConfidentialJob.ID})
		if err != nil {
			t.Fatal(err)
		}
		stages, err := f.app.DB.Stages(mctx, s.ConfidentialJob.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.app.DB.MoveApplication(mctx, a.ID, a.Version, stages[1].ID); err != nil {
			t.Fatal(err)
		}
		mention := func(u hiring.User) string { return "@" + strings.Split(u.Email, "@")[0] }
		if _, err := f.app.DB.AddNote(mctx, hiring.NewNote{CandidateID: cand, ApplicationID: a.ID,
			Body: "Confidential round went well " + mention(s.Recruiter) + " " + mention(s.Interviewer)}); err != nil {
			t.Fatal(err)
		}
		key, size, sum, err := f.app.Blobs.Put(ctx, strings.NewReader("Confidential offer letter\n"), 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.app.DB.AddDocument(mctx, hiring.NewDocument{CandidateID: cand, ApplicationID: a.ID, Kind: "other",
			FileName: "offer.txt", ContentType: "text/plain", Size: size, SHA256: sum, BlobKey: key}); err != nil {
			t.Fatal(err)
		}
	}

	for _, rd := range readers {
		after := snapshot(rd)
		for k, was := range before[rd.r] {
			now := after[k]
			if k == preview {
				continue
			}
			if now != was {
				t.Errorf("LEAK GET %s as %s changed with confidential work:\n%s", k, rd.r, firstDiff(was, now))
			}
		}
		if rd.r != recruiter {
			continue
		}
		was, now := before[rd.r][preview], after[preview]
		if !strings.Contains(now, "Some records you cannot see move too.") {
			t.Errorf("the merge preview does not say that hidden records move")
		}
		if d := firstDiff(was, strings.Replace(now, `<li id="merge-hidden">Some records you cannot see move too.</li>`, "", 1)); d != "" {
			t.Errorf("LEAK the merge preview changed beyond saying some records are hidden:\n%s", d)
		}
	}
}

// firstDiff shows where two answers part, "" when they are equal.
func firstDiff(a, b string) string {
	if a == b {
		return ""
	}
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-150)
	return fmt.Sprintf("before: …%s…\nafter:  …%s…", a[from:min(len(a), i+150)], b[from:min(len(b), i+150)])
}
