package api_test

import (
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

func TestDuplicatesMergeAndUndo(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		a := e.candidate("Ada", "ada@example.com")["id"].(string)
		b := e.candidate("Adah", "ADA@example.com")["id"].(string)
		e.candidate("Bob", "bob@example.com")

		var dups struct {
			Data []struct {
				Candidate map[string]any           `json:"candidate"`
				Reasons   []hiring.DuplicateReason `json:"reasons"`
			} `json:"data"`
			NextCursor *string `json:"next_cursor"`
		}
		e.as(hiring.RoleRecruiter, "GET", "/candidates/"+a+"/duplicates", nil).want(200).into(&dups)
		if len(dups.Data) != 1 || dups.Data[0].Candidate["id"] != b || len(dups.Data[0].Reasons) != 1 ||
			dups.Data[0].Reasons[0] != (hiring.DuplicateReason{Rule: hiring.DupEmail, Value: "ada@example.com"}) {
			t.Fatalf("duplicates = %+v", dups)
		}
		// Neither candidate is on a job of the hiring manager or interviewer.
		e.as(hiring.RoleHiringManager, "GET", "/candidates/"+a+"/duplicates", nil).problem(404)
		e.as(hiring.RoleInterviewer, "POST", "/candidates/"+a+"/merge", map[string]any{"other_id": b}).problem(404)
		e.as(hiring.RoleRecruiter, "POST", "/candidates/"+a+"/merge", `{}`).problem(422, "other_id")
		e.as(hiring.RoleRecruiter, "POST", "/candidates/"+a+"/merge", `{"other":"x"}`).problem(400)
		e.as(hiring.RoleRecruiter, "POST", "/candidates/"+a+"/merge", map[string]any{"other_id": a}).problem(422, "other_id")
		e.call("", "POST", "/candidates/"+a+"/merge", map[string]any{"other_id": b}).problem(401)

		res := e.as(hiring.RoleRecruiter, "POST", "/candidates/"+a+"/merge", map[string]any{"other_id": b}).want(201)
		m := res.obj()
		id := m["id"].(string)
		if res.Header.Get("Location") != "/api/v1/merges/"+id || m["survivor_id"] != a || m["merged_id"] != b || m["undone_at"] != nil {
			t.Fatalf("merge = %v (Location %q)", m, res.Header.Get("Location"))
		}
		e.as(hiring.RoleRecruiter, "GET", "/candidates/"+b, nil).problem(404)
		e.as(hiring.RoleRecruiter, "GET", "/candidates/"+a+"/duplicates", nil).want(200).into(&dups)
		if len(dups.Data) != 0 {
			t.Fatalf("duplicates after merge = %+v", dups.Data)
		}
		var tl struct{ Data []map[string]any }
		e.as(hiring.RoleRecruiter, "GET", "/candidates/"+a+"/activity", nil).want(200).into(&tl)
		if tl.Data[0]["action"] != "candidate.merged" || tl.Data[0]["subject_id"] != id {
			t.Fatalf("timeline head = %v", tl.Data[0])
		}
		e.as(hiring.RoleHiringManager, "GET", "/merges/"+id, nil).problem(404)
		e.as(hiring.RoleHiringManager, "POST", "/merges/"+id+"/undo", nil).problem(404)
		e.as(hiring.RoleAdmin, "GET", "/merges/"+id, nil).want(200)

		u := e.as(hiring.RoleRecruiter, "POST", "/merges/"+id+"/undo", nil).want(200).obj()
		if u["undone_at"] == nil || len(u["not_restored"].([]any)) != 0 {
			t.Fatalf("undo = %v", u)
		}
		got := e.as(hiring.RoleRecruiter, "GET", "/candidates/"+b, nil).want(200).obj()
		if got["first_name"] != "Adah" {
			t.Fatalf("restored = %v", got)
		}
		p := e.as(hiring.RoleRecruiter, "POST", "/merges/"+id+"/undo", nil).problem(409)
		if !strings.Contains(p.Detail, "already undone") {
			t.Fatalf("second undo: %+v", p)
		}
		e.as(hiring.RoleRecruiter, "POST", "/merges/nope/undo", nil).problem(404)
	})
}
