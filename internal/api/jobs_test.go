package api_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

func jobBody(title string, team ...map[string]any) map[string]any {
	if team == nil {
		team = []map[string]any{}
	}
	return map[string]any{
		"title": title, "workplace_type": "remote", "employment_type": "full_time",
		"allowed_countries": []string{"DE", "FR"}, "openings": 2, "description": "Build **things**.",
		"requirements": []map[string]any{{"skill": "Go", "must_have": true}},
		"salary":       map[string]any{"min": 60000, "max": 80000, "currency": "EUR", "period": "year"},
		"hiring_team":  team,
	}
}

// teamJob creates a job whose hiring team holds the env's hiring manager and interviewer.
func (e *env) teamJob(title string) map[string]any {
	e.t.Helper()
	return e.as(hiring.RoleRecruiter, "POST", "/jobs", jobBody(title,
		map[string]any{"user_id": e.users[hiring.RoleHiringManager].ID, "role": "hiring_manager"},
		map[string]any{"user_id": e.users[hiring.RoleInterviewer].ID, "role": "interviewer"},
	)).want(201).obj()
}

func TestJobs(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		created := e.as(hiring.RoleRecruiter, "POST", "/jobs", jobBody("Backend Engineer",
			map[string]any{"user_id": e.users[hiring.RoleHiringManager].ID, "role": "hiring_manager"})).want(201)
		job := created.obj()
		id := job["id"].(string)
		if got := created.Header.Get("Location"); got != "/api/v1/jobs/"+id {
			t.Errorf("Location = %q", got)
		}
		if created.Header.Get("ETag") != `W/"1"` || job["version"].(float64) != 1 {
			t.Errorf("ETag %q, version %v; want 1", created.Header.Get("ETag"), job["version"])
		}
		team := job["hiring_team"].([]any)
		if len(team) != 2 || team[0].(map[string]any)["user_id"] != e.users[hiring.RoleHiringManager].ID { // + its creator
			t.Errorf("hiring_team = %v", team)
		}
		if job["salary"] == nil || job["status"] != "draft" {
			t.Errorf("salary %v status %v", job["salary"], job["status"])
		}

		got := e.as(hiring.RoleHiringManager, "GET", "/jobs/"+id, nil).want(200)
		if got.Header.Get("ETag") != `W/"1"` || got.obj()["title"] != "Backend Engineer" {
			t.Errorf("get: etag %q body %s", got.Header.Get("ETag"), got.Body)
		}

		// PATCH merges: only the title changes, the hiring team stays.
		upd := e.as(hiring.RoleRecruiter, "PATCH", "/jobs/"+id, `{"title":"Senior Backend Engineer"}`, `If-Match: W/"1"`).want(200)
		uj := upd.obj()
		if uj["title"] != "Senior Backend Engineer" || len(uj["hiring_team"].([]any)) != 2 || uj["openings"].(float64) != 2 {
			t.Errorf("patched job %s", upd.Body)
		}
		if upd.Header.Get("ETag") != `W/"2"` {
			t.Errorf("ETag after update = %q", upd.Header.Get("ETag"))
		}
		// The same stale If-Match again is 412; a version in the body works too.
		e.as(hiring.RoleRecruiter, "PATCH", "/jobs/"+id, `{"openings":3}`, `If-Match: W/"1"`).problem(412)
		e.as(hiring.RoleRecruiter, "PATCH", "/jobs/"+id, `{"openings":3}`).problem(428)
		e.as(hiring.RoleRecruiter, "PATCH", "/jobs/"+id, `{"openings":3,"version":2}`).want(200)

		// Status changes need the version too.
		e.as(hiring.RoleRecruiter, "POST", "/jobs/"+id+"/status", `{"status":"open"}`).problem(428)
		open := e.as(hiring.RoleRecruiter, "POST", "/jobs/"+id+"/status", `{"status":"open","version":3}`).want(200).obj()
		if open["status"] != "open" || open["published_at"] == nil {
			t.Errorf("opened job %v", open)
		}

		list := e.as(hiring.RoleAdmin, "GET", "/jobs?status=open", nil).want(200)
		var page struct {
			Data       []map[string]any `json:"data"`
			NextCursor *string          `json:"next_cursor"`
		}
		list.into(&page)
		if len(page.Data) != 1 || page.Data[0]["id"] != id || page.NextCursor != nil {
			t.Errorf("open jobs %s", list.Body)
		}
		e.as(hiring.RoleAdmin, "GET", "/jobs?status=draft", nil).into(&page)
		if len(page.Data) != 0 {
			t.Errorf("draft jobs: %v", page.Data)
		}

		activity := e.as(hiring.RoleAdmin, "GET", "/jobs/"+id+"/activity", nil).want(200)
		if !bytes.Contains(activity.Body, []byte(`"job.`)) {
			t.Errorf("job timeline has no job actions: %s", activity.Body)
		}
	})
}

func TestJobValidation(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		body := jobBody("", map[string]any{"user_id": e.users[hiring.RoleInterviewer].ID, "role": "boss"}, map[string]any{"user_id": "", "role": "recruiter"})
		body["salary"] = map[string]any{"min": 10, "max": 5, "currency": "euro", "period": "year"}
		e.as(hiring.RoleRecruiter, "POST", "/jobs", body).problem(422, "title", "hiring_team.0.role", "hiring_team.1.user_id", "salary.max", "salary.currency")

		e.as(hiring.RoleRecruiter, "POST", "/jobs", `{"title":"X","hiring_team":[{"user_id":"u","role":"recruiter","name":"x"}]}`).problem(400, "hiring_team.0.name")
		e.as(hiring.RoleRecruiter, "POST", "/jobs", `{"title":5}`).problem(400, "title")
		e.as(hiring.RoleRecruiter, "POST", "/jobs", `{"title":"x"}`, "Content-Type: text/plain").problem(415)
		big := `{"title":"x","description":"` + strings.Repeat("a", 1<<20) + `"}`
		e.as(hiring.RoleRecruiter, "POST", "/jobs", big).problem(413)

		// Interviewers may not create jobs.
		r := e.as(hiring.RoleInterviewer, "POST", "/jobs", jobBody("Nope"))
		if r.Status != 403 && r.Status != 404 {
			t.Errorf("interviewer create job: %d %s", r.Status, r.Body)
		}
	})
}

// TestJobVisibility: a record the caller may not see answers exactly like a
// missing one, and interviewers never receive salary fields.
func TestJobVisibility(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		mine := e.teamJob("Team job")["id"].(string)
		other := e.as(hiring.RoleRecruiter, "POST", "/jobs", jobBody("Other job")).want(201).obj()["id"].(string)
		missing := "0190a0a0-0000-7000-8000-000000000000"

		for _, role := range []hiring.Role{hiring.RoleHiringManager, hiring.RoleInterviewer} {
			e.as(role, "GET", "/jobs/"+mine, nil).want(200)
			hidden := e.as(role, "GET", "/jobs/"+other, nil).problem(404)
			absent := e.as(role, "GET", "/jobs/"+missing, nil).problem(404)
			if hidden.Code != absent.Code || hidden.Detail != absent.Detail {
				t.Errorf("%s: hidden job %+v differs from a missing one %+v", role, hidden, absent)
			}
			e.as(role, "GET", "/jobs/"+other+"/stages", nil).problem(404)
			e.as(role, "GET", "/jobs/"+other+"/activity", nil).problem(404)

			var page struct{ Data []map[string]any }
			e.as(role, "GET", "/jobs", nil).want(200).into(&page)
			if len(page.Data) != 1 || page.Data[0]["id"] != mine {
				t.Errorf("%s sees jobs %v, want only the team job", role, page.Data)
			}
		}

		iv := e.as(hiring.RoleInterviewer, "GET", "/jobs/"+mine, nil).want(200)
		if bytes.Contains(iv.Body, []byte(`"salary"`)) {
			t.Errorf("interviewer got salary: %s", iv.Body)
		}
		lst := e.as(hiring.RoleInterviewer, "GET", "/jobs", nil).want(200)
		if bytes.Contains(lst.Body, []byte(`"salary"`)) {
			t.Errorf("interviewer list has salary: %s", lst.Body)
		}
		if hm := e.as(hiring.RoleHiringManager, "GET", "/jobs/"+mine, nil).obj(); hm["salary"] == nil {
			t.Errorf("hiring manager on the team should see the salary")
		}
	})
}

// A job's creator joins its hiring team by their role, so the job is among
// theirs (mine=true) — the API's view of the dashboard.
func TestJobCreatorJoinsTeam(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		job := e.as(hiring.RoleRecruiter, "POST", "/jobs", jobBody("Creator's Job")).want(201).obj()
		team, _ := job["hiring_team"].([]any)
		if len(team) != 1 || team[0].(map[string]any)["role"] != "recruiter" {
			t.Fatalf("hiring team of a new job: %v", job["hiring_team"])
		}
		var mine struct{ Data []map[string]any }
		e.as(hiring.RoleRecruiter, "GET", "/jobs?mine=true", nil).want(200).into(&mine)
		found := false
		for _, j := range mine.Data {
			found = found || j["id"] == job["id"]
		}
		if !found {
			t.Fatalf("mine=true lacks the job its caller created: %v", mine.Data)
		}
	})
}
