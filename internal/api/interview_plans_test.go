package api_test

import (
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

// A plan's template over the API, and an interview booked from it with
// only a time: the rest comes from the template (the pool's least busy).
func TestAPIInterviewPlan(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		job := e.teamJob("Platform Engineer")["id"].(string)
		var stages struct {
			Data []struct {
				ID string `json:"id"`
			} `json:"data"`
		}
		e.as(hiring.RoleRecruiter, "GET", "/jobs/"+job+"/stages", nil).want(200).into(&stages)
		hm, iv, rc := e.users[hiring.RoleHiringManager].ID, e.users[hiring.RoleInterviewer].ID, e.users[hiring.RoleRecruiter].ID
		body := map[string]any{"stage_id": stages.Data[2].ID, "name": "Pairing", "duration_minutes": 90, "location_kind": "onsite",
			"room": "Room 2", "required_ids": []string{hm}, "pool_ids": []string{iv, rc}, "pool_pick": 1,
			"kit": map[string]any{"attributes": []string{"Go", "Testing"}, "questions": []string{"Fix this bug."}, "guidance": "Pair, don't watch."}}
		e.as(hiring.RoleInterviewer, "POST", "/jobs/"+job+"/interview-plan", body).problem(403)
		bad := map[string]any{"stage_id": stages.Data[2].ID, "name": "X", "duration_minutes": 0, "location_kind": "moon", "pool_pick": -1}
		e.as(hiring.RoleHiringManager, "POST", "/jobs/"+job+"/interview-plan", bad).problem(422, "duration_minutes", "location_kind", "pool_pick")
		created := e.as(hiring.RoleHiringManager, "POST", "/jobs/"+job+"/interview-plan", body).want(201)
		tpl := created.obj()
		id := tpl["id"].(string)
		if created.Header.Get("Location") != "/api/v1/interview-templates/"+id || tpl["pool_pick"].(float64) != 1 ||
			len(tpl["pool"].([]any)) != 2 || tpl["kit"].(map[string]any)["guidance"] != "Pair, don't watch." {
			t.Fatalf("created %v", tpl)
		}
		plan := e.as(hiring.RoleInterviewer, "GET", "/jobs/"+job+"/interview-plan", nil).want(200).obj()
		if len(plan["data"].([]any)) != 1 {
			t.Fatalf("plan %v", plan)
		}
		// PUT replaces; a stale version is 412.
		body["name"], body["version"] = "Pair programming", 1
		up := e.as(hiring.RoleRecruiter, "PUT", "/interview-templates/"+id, body).want(200).obj()
		if up["name"] != "Pair programming" || up["version"].(float64) != 2 {
			t.Fatalf("updated %v", up)
		}
		e.as(hiring.RoleRecruiter, "PUT", "/interview-templates/"+id, body).problem(412)

		// Book with a time and the template only.
		cand := e.candidate("Ines", "ines@example.org")["id"].(string)
		app := e.as(hiring.RoleRecruiter, "POST", "/applications", map[string]any{"candidate_id": cand, "job_id": job}).want(201).obj()["id"].(string)
		x := e.as(hiring.RoleRecruiter, "POST", "/applications/"+app+"/interviews",
			map[string]any{"starts_at": "2031-04-01T09:00:00Z", "template_id": id}).want(201).obj()
		if x["title"] != "Pair programming" || x["duration_minutes"].(float64) != 90 || x["location"] != "Room 2" ||
			x["template_id"] != id || len(x["interviewers"].([]any)) != 2 {
			t.Fatalf("booked from template %v", x)
		}
		k := e.as(hiring.RoleAdmin, "GET", "/interviews/"+x["id"].(string)+"/kit", nil).want(200).obj()
		if k["kit"].(map[string]any)["questions"].([]any)[0] != "Fix this bug." {
			t.Fatalf("kit %v", k)
		}
		// The next one goes to the other pool member (load spread).
		y := e.as(hiring.RoleRecruiter, "POST", "/applications/"+app+"/interviews",
			map[string]any{"starts_at": "2031-04-01T13:00:00Z", "template_id": id}).want(201).obj()
		first, second := x["interviewers"].([]any), y["interviewers"].([]any)
		pick := func(list []any) string {
			for _, p := range list {
				if p.(map[string]any)["id"] != hm {
					return p.(map[string]any)["id"].(string)
				}
			}
			return ""
		}
		if pick(first) == "" || pick(first) == pick(second) {
			t.Fatalf("the pool was not spread: %v then %v", first, second)
		}
		// The interviewer reads the kit of the interview they were picked for, not of the other.
		for _, b := range []map[string]any{x, y} {
			want := 404
			if pick(b["interviewers"].([]any)) == iv {
				want = 200
			}
			e.as(hiring.RoleInterviewer, "GET", "/interviews/"+b["id"].(string)+"/kit", nil).want(want)
		}
		e.as(hiring.RoleRecruiter, "POST", "/applications/"+app+"/interviews",
			map[string]any{"starts_at": "2031-04-02T09:00:00Z", "template_id": "nope"}).problem(422, "template_id")

		// The library.
		kitBody := map[string]any{"name": "Pairing kit", "kit": map[string]any{"attributes": []string{"Go"}, "questions": []string{"Why?"}, "guidance": ""}}
		e.as(hiring.RoleHiringManager, "POST", "/interview-kits", kitBody).problem(403)
		lk := e.as(hiring.RoleRecruiter, "POST", "/interview-kits", kitBody).want(201).obj()
		e.as(hiring.RoleInterviewer, "GET", "/interview-kits/"+lk["id"].(string), nil).want(200)
		at := e.as(hiring.RoleRecruiter, "POST", "/interview-attributes", map[string]any{"name": "Ownership"}).want(201).obj()
		e.as(hiring.RoleRecruiter, "POST", "/interview-attributes", map[string]any{"name": "ownership"}).problem(409)
		e.as(hiring.RoleAdmin, "DELETE", "/interview-attributes/"+at["id"].(string), nil).want(204)
		e.as(hiring.RoleHiringManager, "DELETE", "/interview-templates/"+id, nil).want(204)
		e.as(hiring.RoleAdmin, "GET", "/interviews/"+x["id"].(string)+"/kit", nil).problem(404)
	})
}
