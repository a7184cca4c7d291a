package api_test

import (
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

// Through the API too, hiring is the hired stage: /hire moves the
// application there with hired_at, a move there hires, the list by stage
// agree, and moving out of it reopens.
func TestAPIHiringIsTheHiredStage(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		job := e.teamJob("Data Engineer")["id"].(string)
		stages := e.stages(job)
		interview, hired := stages[2]["id"], stages[len(stages)-1]["id"]
		if stages[len(stages)-1]["kind"] != string(hiring.StageHired) {
			t.Fatalf("last stage %v", stages[len(stages)-1])
		}
		app := func(first, email string) string {
			cand := e.candidate(first, email)["id"].(string)
			return e.as(hiring.RoleRecruiter, "POST", "/applications", map[string]any{"candidate_id": cand, "job_id": job, "stage_id": interview}).want(201).obj()["id"].(string)
		}
		a, b := app("Ann", "ann@example.org"), app("Ben", "ben@example.org")
		x := e.as(hiring.RoleRecruiter, "POST", "/applications/"+a+"/hire", nil).want(200).obj()
		if x["status"] != "hired" || x["stage_id"] != hired || x["hired_at"] == nil {
			t.Fatalf("hire: %v", x)
		}
		x = e.as(hiring.RoleRecruiter, "POST", "/applications/"+b+"/move", map[string]any{"stage_id": hired}).want(200).obj()
		if x["status"] != "hired" || x["stage_id"] != hired || x["hired_at"] == nil {
			t.Fatalf("move to Hired: %v", x)
		}
		var list struct{ Data []map[string]any }
		e.as(hiring.RoleRecruiter, "GET", "/applications?job_id="+job+"&stage_id="+hired.(string), nil).want(200).into(&list)
		if len(list.Data) != 2 {
			t.Fatalf("%d applications in Hired, want 2: %v", len(list.Data), list.Data)
		}
		x = e.as(hiring.RoleRecruiter, "POST", "/applications/"+b+"/move", map[string]any{"stage_id": interview}).want(200).obj()
		if x["status"] != "active" || x["stage_id"] != interview || x["hired_at"] != nil {
			t.Fatalf("move out of Hired: %v", x)
		}
		x = e.as(hiring.RoleRecruiter, "POST", "/applications/"+a+"/reopen", nil).want(200).obj()
		if x["status"] != "active" || x["stage_id"] != interview || x["hired_at"] != nil {
			t.Fatalf("reopen: %v", x)
		}
	})
}
