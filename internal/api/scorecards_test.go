package api_test

import (
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

func TestAPIScorecardsIndependent(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		job := e.teamJob("Analyst")["id"].(string)
		cand := e.candidate("Lea", "lea@example.org")["id"].(string)
		app := e.as(hiring.RoleRecruiter, "POST", "/applications", map[string]any{"candidate_id": cand, "job_id": job}).want(201).obj()["id"].(string)
		iv := e.as(hiring.RoleRecruiter, "POST", "/applications/"+app+"/interviews", map[string]any{"title": "Case study",
			"starts_at": time.Now().Add(-3 * time.Hour).UTC().Format(time.RFC3339), "duration_minutes": 60,
			"interviewer_ids": []string{e.users[hiring.RoleInterviewer].ID, e.users[hiring.RoleHiringManager].ID}}).want(201).obj()["id"].(string)
		card := map[string]any{"recommendation": "strong_yes", "notes": "Clear thinker.",
			"ratings": []map[string]any{{"attribute": "Analysis", "rating": "strong_yes"}, {"attribute": "SQL", "rating": "yes"}}}
		e.as(hiring.RoleHiringManager, "POST", "/interviews/"+iv+"/scorecards", card).want(201)
		count := func(role hiring.Role) int {
			var l struct{ Data []map[string]any }
			e.as(role, "GET", "/applications/"+app+"/scorecards", nil).want(200).into(&l)
			return len(l.Data)
		}
		for role, want := range map[hiring.Role]int{hiring.RoleAdmin: 1, hiring.RoleRecruiter: 1, hiring.RoleHiringManager: 1, hiring.RoleInterviewer: 0} {
			if got := count(role); got != want {
				t.Errorf("%s reads %d scorecards before the interviewer submits, want %d", role, got, want)
			}
		}
		e.as(hiring.RoleRecruiter, "POST", "/interviews/"+iv+"/scorecards", card).problem(403)
		e.as(hiring.RoleInterviewer, "POST", "/interviews/"+iv+"/scorecards", map[string]any{"recommendation": "perhaps"}).problem(422, "recommendation")
		e.as(hiring.RoleInterviewer, "POST", "/interviews/"+iv+"/scorecards", map[string]any{"recommendation": "no", "extra": 1}).problem(400, "extra")
		e.as(hiring.RoleInterviewer, "POST", "/interviews/"+iv+"/scorecards", map[string]any{"recommendation": "no", "notes": "Too slow."}).want(201)
		if got := count(hiring.RoleInterviewer); got != 2 {
			t.Fatalf("interviewer reads %d after submitting, want 2", got)
		}
		x := e.as(hiring.RoleInterviewer, "POST", "/interviews/"+iv+"/scorecards", map[string]any{"recommendation": "yes", "notes": "On reflection, fine."}).want(200).obj()
		h := x["history"].([]any)
		if x["version"].(float64) != 2 || len(h) != 1 || h[0].(map[string]any)["recommendation"] != "no" {
			t.Fatalf("edit %v", x)
		}
		outsider, tok := e.addUser("outsider@example.com", "Outsider", hiring.RoleInterviewer)
		_ = outsider
		e.call(tok, "GET", "/applications/"+app+"/scorecards", nil).problem(404)
		e.call(tok, "POST", "/interviews/"+iv+"/scorecards", card).problem(404)
	})
}
