package api_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

// TestCandidateSearchAPI: GET /candidates?q= takes the search language,
// with highlight, facets, cursor paging and the bounded total; a refused
// query is a 422 on q that says where.
func TestCandidateSearchAPI(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		for _, n := range []string{"Zed", "Zoe", "Zack"} {
			c := e.candidate(n, strings.ToLower(n)+"@example.com")
			e.as(hiring.RoleRecruiter, "POST", "/candidates/"+c["id"].(string)+"/notes", map[string]any{"body": "Loves <i>quasar</i> physics"}).want(201)
		}
		var page struct {
			Data        []map[string]any
			NextCursor  *string `json:"next_cursor"`
			Total       int
			TotalApprox bool `json:"total_approx"`
			Facets      map[string][]struct {
				Value string
				Count int
			}
			Snippets map[string][]struct{ Source, HTML string }
		}
		e.as(hiring.RoleRecruiter, "GET", "/candidates?q=quasar&highlight=true&facets=true&limit=2", nil).want(200).into(&page)
		if len(page.Data) != 2 || page.Total != 3 || page.NextCursor == nil || page.TotalApprox {
			t.Fatalf("page = %+v", page)
		}
		id := page.Data[0]["id"].(string)
		if sn := page.Snippets[id]; len(sn) != 1 || sn[0].Source != "note" || !strings.Contains(sn[0].HTML, "&lt;i&gt;<mark>quasar</mark>&lt;/i&gt;") {
			t.Errorf("snippets = %+v", page.Snippets)
		}
		if src := page.Facets["source"]; len(src) != 1 || src[0].Value != "referral" || src[0].Count != 3 {
			t.Errorf("facets = %+v", page.Facets)
		}
		cursor := *page.NextCursor
		page.Data, page.NextCursor = nil, nil
		e.as(hiring.RoleRecruiter, "GET", "/candidates?q=quasar&cursor="+url.QueryEscape(cursor), nil).want(200).into(&page)
		if len(page.Data) != 1 || page.NextCursor != nil {
			t.Errorf("second page = %+v", page)
		}
		e.as(hiring.RoleRecruiter, "GET", "/candidates?q="+url.QueryEscape(`quasar -name:zed`)+"&sort=recent", nil).want(200).into(&page)
		if len(page.Data) != 2 {
			t.Errorf("quasar -name:zed = %d", len(page.Data))
		}
		p := e.as(hiring.RoleRecruiter, "GET", "/candidates?q="+url.QueryEscape(`quasar (physics`), nil)
		p.problem(422, "q")
		if !strings.Contains(string(p.Body), "at character 8") {
			t.Errorf("problem = %s", p.Body)
		}
		e.as(hiring.RoleRecruiter, "GET", "/candidates?q=x&sort=best", nil).problem(400, "sort")
		// Interviewers see none of these candidates, and count none.
		page.Data, page.Total = nil, -1
		e.as(hiring.RoleInterviewer, "GET", "/candidates?q=quasar", nil).want(200).into(&page)
		if len(page.Data) != 0 || page.Total != 0 {
			t.Errorf("interviewer: %+v", page)
		}
	})
}
