package api_test

import (
	"fmt"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

func (e *env) stages(jobID string) []map[string]any {
	e.t.Helper()
	var page struct{ Data []map[string]any }
	e.as(hiring.RoleRecruiter, "GET", "/jobs/"+jobID+"/stages", nil).want(200).into(&page)
	return page.Data
}

func TestApplications(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		job := e.teamJob("Platform Engineer")["id"].(string)
		otherJob := e.as(hiring.RoleRecruiter, "POST", "/jobs", jobBody("Elsewhere")).want(201).obj()["id"].(string)
		cand := e.candidate("Grace", "grace@example.com")["id"].(string)
		stages := e.stages(job)
		if len(stages) != len(hiring.DefaultPipeline) {
			t.Fatalf("default pipeline has %d stages: %v", len(stages), stages)
		}

		created := e.as(hiring.RoleRecruiter, "POST", "/applications", map[string]any{"candidate_id": cand, "job_id": job, "source": "api"}).want(201)
		app := created.obj()
		id := app["id"].(string)
		if app["stage_id"] != stages[0]["id"] || app["status"] != "active" || app["candidate_name"] == "" {
			t.Errorf("created %v", app)
		}
		e.as(hiring.RoleRecruiter, "POST", "/applications", map[string]any{"candidate_id": cand, "job_id": job}).problem(409)
		e.as(hiring.RoleRecruiter, "POST", "/applications", `{"candidate_id":"","job_id":""}`).problem(422)

		// Moves: to a stage of another job is refused; stale versions are 412.
		otherStage := e.stages(otherJob)[1]["id"].(string)
		if r := e.as(hiring.RoleRecruiter, "POST", "/applications/"+id+"/move", map[string]any{"stage_id": otherStage}); r.Status != 422 && r.Status != 409 {
			t.Errorf("move to another job's stage: %d %s", r.Status, r.Body)
		}
		e.as(hiring.RoleRecruiter, "POST", "/applications/"+id+"/move", `{}`).problem(422, "stage_id")
		moved := e.as(hiring.RoleRecruiter, "POST", "/applications/"+id+"/move", map[string]any{"stage_id": stages[1]["id"]}, `If-Match: W/"1"`).want(200)
		if moved.obj()["stage_id"] != stages[1]["id"] || moved.Header.Get("ETag") != `W/"2"` {
			t.Errorf("moved %s etag %s", moved.Body, moved.Header.Get("ETag"))
		}
		e.as(hiring.RoleRecruiter, "POST", "/applications/"+id+"/move", map[string]any{"stage_id": stages[2]["id"], "version": 1}).problem(412)

		// The hiring manager on the team may move; the interviewer sees but may not.
		e.as(hiring.RoleHiringManager, "POST", "/applications/"+id+"/move", map[string]any{"stage_id": stages[2]["id"]}).want(200)
		e.as(hiring.RoleInterviewer, "GET", "/applications/"+id, nil).want(200)
		if r := e.as(hiring.RoleInterviewer, "POST", "/applications/"+id+"/hire", nil); r.Status != 403 {
			t.Errorf("interviewer hire: %d %s", r.Status, r.Body)
		}

		var reasons struct{ Data []map[string]any }
		reason := e.as(hiring.RoleAdmin, "POST", "/rejection-reasons", `{"name":"Not enough experience"}`).want(201).obj()
		e.as(hiring.RoleRecruiter, "GET", "/rejection-reasons", nil).want(200).into(&reasons)
		if len(reasons.Data) == 0 {
			t.Fatal("no rejection reasons")
		}
		rejected := e.as(hiring.RoleRecruiter, "POST", "/applications/"+id+"/reject", map[string]any{"reason_id": reason["id"]}).want(200).obj()
		if rejected["status"] != "rejected" || rejected["rejection_reason"] != "Not enough experience" || rejected["rejected_at"] == nil {
			t.Errorf("rejected %v", rejected)
		}
		e.as(hiring.RoleRecruiter, "POST", "/applications/"+id+"/reopen", nil).want(200)
		e.as(hiring.RoleRecruiter, "POST", "/applications/"+id+"/withdraw", nil).want(200)
		e.as(hiring.RoleRecruiter, "POST", "/applications/"+id+"/reopen", `{}`).want(200)
		hired := e.as(hiring.RoleRecruiter, "POST", "/applications/"+id+"/hire", nil).want(200).obj()
		if hired["status"] != "hired" || hired["hired_at"] == nil {
			t.Errorf("hired %v", hired)
		}

		var visits struct{ Data []map[string]any }
		e.as(hiring.RoleRecruiter, "GET", "/applications/"+id+"/history", nil).want(200).into(&visits)
		if len(visits.Data) < 3 {
			t.Errorf("history %v", visits.Data)
		}

		var list struct{ Data []map[string]any }
		e.as(hiring.RoleRecruiter, "GET", "/applications?job_id="+job+"&status=hired", nil).want(200).into(&list)
		if len(list.Data) != 1 || list.Data[0]["id"] != id {
			t.Errorf("filtered list %v", list.Data)
		}
		e.as(hiring.RoleRecruiter, "GET", "/applications?job_id="+job+"&status=active", nil).want(200).into(&list)
		if len(list.Data) != 0 {
			t.Errorf("active list %v", list.Data)
		}
	})
}

// TestApplicationVisibility: applications on a job outside the caller's
// hiring team answer 404 and are missing from lists.
func TestApplicationVisibility(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		mine := e.teamJob("Mine")["id"].(string)
		other := e.as(hiring.RoleRecruiter, "POST", "/jobs", jobBody("Theirs")).want(201).obj()["id"].(string)
		ids := map[string]string{}
		for i, job := range []string{mine, other} {
			cand := e.candidate(fmt.Sprintf("V%d", i), fmt.Sprintf("v%d@example.com", i))["id"].(string)
			ids[job] = e.as(hiring.RoleRecruiter, "POST", "/applications", map[string]any{"candidate_id": cand, "job_id": job}).want(201).obj()["id"].(string)
		}
		for _, role := range []hiring.Role{hiring.RoleHiringManager, hiring.RoleInterviewer} {
			e.as(role, "GET", "/applications/"+ids[mine], nil).want(200)
			e.as(role, "GET", "/applications/"+ids[other], nil).problem(404)
			e.as(role, "POST", "/applications/"+ids[other]+"/hire", nil).problem(404)
			var list struct{ Data []map[string]any }
			e.as(role, "GET", "/applications", nil).want(200).into(&list)
			if len(list.Data) != 1 || list.Data[0]["id"] != ids[mine] {
				t.Errorf("%s sees applications %v", role, list.Data)
			}
		}
	})
}

func TestStages(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		job := e.teamJob("Stages")["id"].(string)
		added := e.as(hiring.RoleRecruiter, "POST", "/jobs/"+job+"/stages", `{"name":"Take-home","kind":"interview"}`).want(201).obj()
		sid := added["id"].(string)
		e.as(hiring.RoleRecruiter, "POST", "/jobs/"+job+"/stages", `{"name":"","kind":"party"}`).problem(422, "name", "kind")
		renamed := e.as(hiring.RoleRecruiter, "PATCH", "/stages/"+sid, `{"name":"Exercise","kind":"interview"}`).want(200).obj()
		if renamed["name"] != "Exercise" {
			t.Errorf("renamed %v", renamed)
		}
		stages := e.stages(job)
		ids := make([]string, len(stages))
		for i, s := range stages {
			ids[len(stages)-1-i] = s["id"].(string)
		}
		var reordered struct{ Data []map[string]any }
		e.as(hiring.RoleRecruiter, "PUT", "/jobs/"+job+"/stages/order", map[string]any{"stage_ids": ids}).want(200).into(&reordered)
		if reordered.Data[0]["id"] != ids[0] {
			t.Errorf("order %v, want first %s", reordered.Data, ids[0])
		}
		e.as(hiring.RoleRecruiter, "PUT", "/jobs/"+job+"/stages/order", map[string]any{"stage_ids": ids[1:]}).problem(422)

		// A stage holding applications cannot be removed.
		cand := e.candidate("S", "s@example.com")["id"].(string)
		e.as(hiring.RoleRecruiter, "POST", "/applications", map[string]any{"candidate_id": cand, "job_id": job, "stage_id": sid}).want(201)
		e.as(hiring.RoleRecruiter, "DELETE", "/stages/"+sid, nil).problem(409)
		empty := stages[0]["id"].(string)
		if empty == sid {
			empty = stages[1]["id"].(string)
		}
		e.as(hiring.RoleRecruiter, "DELETE", "/stages/"+empty, nil).want(204)
		e.as(hiring.RoleInterviewer, "DELETE", "/stages/"+sid, nil)
		if n := len(e.stages(job)); n != len(stages)-1 {
			t.Errorf("%d stages after removing one of %d", n, len(stages))
		}
	})
}
