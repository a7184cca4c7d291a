package api_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

// Bulk actions change every listed application or none, with field errors
// for what is missing, and only for a caller who may change them all.
func TestBulkApplications(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		job := e.teamJob("Data Engineer")["id"].(string)
		otherJob := e.as(hiring.RoleRecruiter, "POST", "/jobs", jobBody("Elsewhere")).want(201).obj()["id"].(string)
		stages := e.stages(job)
		var ids []string
		for i := range 3 {
			cand := e.candidate(fmt.Sprintf("Bulk%d", i), fmt.Sprintf("bulk%d@example.com", i))["id"].(string)
			ids = append(ids, e.as(hiring.RoleRecruiter, "POST", "/applications", map[string]any{"candidate_id": cand, "job_id": job}).want(201).obj()["id"].(string))
		}
		otherCand := e.candidate("Other", "other@example.com")["id"].(string)
		otherApp := e.as(hiring.RoleRecruiter, "POST", "/applications", map[string]any{"candidate_id": otherCand, "job_id": otherJob}).want(201).obj()["id"].(string)

		e.as(hiring.RoleRecruiter, "POST", "/applications/bulk", map[string]any{"ids": ids}).problem(422, "action")
		e.as(hiring.RoleRecruiter, "POST", "/applications/bulk", map[string]any{"action": "move", "ids": ids}).problem(422, "stage_id")
		e.as(hiring.RoleRecruiter, "POST", "/applications/bulk", map[string]any{"action": "tag", "ids": ids}).problem(422, "tags")
		e.as(hiring.RoleRecruiter, "POST", "/applications/bulk", map[string]any{"action": "move", "stage_id": stages[1]["id"]}).problem(422, "ids")
		e.as(hiring.RoleRecruiter, "POST", "/applications/bulk", `{"action":"move","ids":[],"colour":"red"}`).problem(400)

		// One application of another job: its stage does not fit, so nothing moves.
		if r := e.as(hiring.RoleRecruiter, "POST", "/applications/bulk", map[string]any{"action": "move", "ids": append([]string{otherApp}, ids...),
			"stage_id": stages[1]["id"]}); r.Status/100 != 4 {
			t.Fatalf("mixed jobs: %d %s", r.Status, r.Body)
		}
		for _, id := range ids {
			if got := e.as(hiring.RoleRecruiter, "GET", "/applications/"+id, nil).want(200).obj()["stage_id"]; got != stages[0]["id"] {
				t.Fatalf("application %s moved by a refused bulk move", id)
			}
		}
		// The interviewer on the team sees them but may not move them.
		if r := e.as(hiring.RoleInterviewer, "POST", "/applications/bulk", map[string]any{"action": "move", "ids": ids, "stage_id": stages[1]["id"]}); r.Status != 403 {
			t.Fatalf("interviewer bulk move: %d %s", r.Status, r.Body)
		}

		var res struct {
			Action  string
			Updated int
		}
		e.as(hiring.RoleHiringManager, "POST", "/applications/bulk", map[string]any{"action": "move", "ids": ids, "stage_id": stages[1]["id"]}).want(200).into(&res)
		if res.Action != "move" || res.Updated != 3 {
			t.Fatalf("bulk move: %+v", res)
		}
		e.as(hiring.RoleRecruiter, "POST", "/applications/bulk", map[string]any{"action": "tag", "ids": ids[:2], "tags": []string{"Shortlist"}}).want(200).into(&res)
		if res.Updated != 2 {
			t.Fatalf("bulk tag: %+v", res)
		}
		e.as(hiring.RoleRecruiter, "POST", "/applications/bulk", map[string]any{"action": "reject", "ids": ids[2:], "reason": "Role filled"}).want(200).into(&res)
		if res.Updated != 1 {
			t.Fatalf("bulk reject: %+v", res)
		}
		for i, id := range ids {
			app := e.as(hiring.RoleRecruiter, "GET", "/applications/"+id, nil).want(200).obj()
			wantStatus := "active"
			if i == 2 {
				wantStatus = "rejected"
			}
			if app["stage_id"] != stages[1]["id"] || app["status"] != wantStatus {
				t.Errorf("application %d after the bulk actions: %v", i, app)
			}
			tags := fmt.Sprint(e.as(hiring.RoleRecruiter, "GET", "/candidates/"+app["candidate_id"].(string), nil).want(200).obj()["tags"])
			if tagged := strings.Contains(strings.ToLower(tags), "shortlist"); tagged != (i < 2) {
				t.Errorf("candidate of application %d has tags %s", i, tags)
			}
		}
	})
}
