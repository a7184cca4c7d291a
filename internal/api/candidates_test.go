package api_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

func (e *env) candidate(first, email string) map[string]any {
	e.t.Helper()
	return e.as(hiring.RoleRecruiter, "POST", "/candidates", map[string]any{
		"first_name": first, "last_name": "Tester", "emails": []string{email}, "source": "referral",
		"links": []map[string]any{{"kind": "github", "url": "https://github.com/" + first}},
	}).want(201).obj()
}

func TestCandidates(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		c := e.candidate("Ada", "ADA@example.com")
		id := c["id"].(string)
		if c["name"] != "Ada Tester" || c["emails"].([]any)[0] != "ada@example.com" {
			t.Errorf("created %v", c)
		}

		e.as(hiring.RoleRecruiter, "POST", "/candidates", `{"emails":["nope"],"links":[{"kind":"blog","url":"ftp://x"}]}`).
			problem(422, "first_name", "emails.0", "links.0.kind", "links.0.url")
		e.as(hiring.RoleRecruiter, "POST", "/candidates", `{"first_name":"A","consent":{"processing":"yes"}}`).problem(400, "consent.processing")

		upd := e.as(hiring.RoleRecruiter, "PATCH", "/candidates/"+id, `{"headline":"Engineer","phones":["+44 20 7946 0000"]}`, `If-Match: W/"1"`).want(200).obj()
		if upd["headline"] != "Engineer" || upd["first_name"] != "Ada" || len(upd["links"].([]any)) != 1 {
			t.Errorf("patched %v", upd)
		}
		e.as(hiring.RoleRecruiter, "PATCH", "/candidates/"+id, `{"headline":"Stale"}`, `If-Match: W/"1"`).problem(412)
		e.as(hiring.RoleRecruiter, "PATCH", "/candidates/"+id, `{"headline":"Stale"}`).problem(428)
		e.as(hiring.RoleRecruiter, "PATCH", "/candidates/"+id, `{"phones":["abc"]}`, `If-Match: W/"2"`).problem(422, "phones.0")

		tagged := e.as(hiring.RoleRecruiter, "POST", "/candidates/"+id+"/tags", `{"tags":["Go","Remote Only"]}`).want(200).obj()
		if fmt.Sprint(tagged["tags"]) != "[go remote-only]" {
			t.Errorf("tags %v", tagged["tags"])
		}
		untagged := e.as(hiring.RoleRecruiter, "DELETE", "/candidates/"+id+"/tags/go", nil).want(200).obj()
		if fmt.Sprint(untagged["tags"]) != "[remote-only]" {
			t.Errorf("tags after removal %v", untagged["tags"])
		}
		if tags := e.as(hiring.RoleRecruiter, "GET", "/tags", nil).want(200); !bytes.Contains(tags.Body, []byte("remote-only")) {
			t.Errorf("tags list %s", tags.Body)
		}
		var page struct{ Data []map[string]any }
		e.as(hiring.RoleRecruiter, "GET", "/candidates?tag=remote-only", nil).want(200).into(&page)
		if len(page.Data) != 1 {
			t.Errorf("tag filter: %v", page.Data)
		}

		note := e.as(hiring.RoleRecruiter, "POST", "/candidates/"+id+"/notes", `{"body":"Strong **Go** skills","private":true}`).want(201).obj()
		e.as(hiring.RoleRecruiter, "POST", "/candidates/"+id+"/notes", `{"body":""}`).problem(422, "body")
		var notes struct{ Data []map[string]any }
		e.as(hiring.RoleRecruiter, "GET", "/candidates/"+id+"/notes", nil).want(200).into(&notes)
		if len(notes.Data) != 1 || notes.Data[0]["private"] != true {
			t.Errorf("notes %v", notes.Data)
		}
		e.as(hiring.RoleRecruiter, "DELETE", "/notes/"+note["id"].(string), nil).want(204)

		act := e.as(hiring.RoleRecruiter, "GET", "/candidates/"+id+"/activity", nil).want(200)
		if !bytes.Contains(act.Body, []byte("candidate.")) {
			t.Errorf("candidate timeline: %s", act.Body)
		}

		// A candidate without an application on their jobs is hidden from
		// hiring managers and interviewers, exactly like a missing one.
		for _, role := range []hiring.Role{hiring.RoleHiringManager, hiring.RoleInterviewer} {
			e.as(role, "GET", "/candidates/"+id, nil).problem(404)
			e.as(role, "GET", "/candidates/"+id+"/notes", nil).problem(404)
			e.as(role, "GET", "/candidates/"+id+"/activity", nil).problem(404)
		}
	})
}

// TestPaginationWalksAllPages follows next_cursor until it is null.
func TestPaginationWalksAllPages(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		const n = 7
		want := map[string]bool{}
		for i := range n {
			want[e.candidate(fmt.Sprintf("P%d", i), fmt.Sprintf("p%d@example.com", i))["id"].(string)] = true
		}
		seen := map[string]bool{}
		path, pages := "/candidates?limit=3", 0
		for {
			var page struct {
				Data       []map[string]any `json:"data"`
				NextCursor *string          `json:"next_cursor"`
			}
			e.as(hiring.RoleAdmin, "GET", path, nil).want(200).into(&page)
			pages++
			if len(page.Data) > 3 {
				t.Fatalf("page of %d items with limit=3", len(page.Data))
			}
			for _, c := range page.Data {
				id := c["id"].(string)
				if seen[id] {
					t.Errorf("candidate %s on two pages", id)
				}
				seen[id] = true
			}
			if page.NextCursor == nil {
				break
			}
			if pages > n {
				t.Fatal("pagination does not end")
			}
			path = "/candidates?limit=3&cursor=" + *page.NextCursor
		}
		if len(seen) != n || pages != 3 {
			t.Errorf("walked %d candidates in %d pages, want %d in 3", len(seen), pages, n)
		}
		for id := range want {
			if !seen[id] {
				t.Errorf("candidate %s never listed", id)
			}
		}
		if r := e.as(hiring.RoleAdmin, "GET", "/candidates?cursor=garbage!!", nil); r.Status != 400 && r.Status != 422 {
			t.Errorf("bad cursor: %d %s", r.Status, r.Body)
		}
	})
}
