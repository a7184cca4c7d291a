package api_test

import (
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/api"
	"github.com/candor-ats/candor/internal/hiring"
)

// TestNoRouteAnswers500ToBadInput walks the route table with malformed IDs
// and bodies as every role: each answer must be a client error or success,
// never a 500.
func TestNoRouteAnswers500ToBadInput(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ids := []string{"not-a-uuid%27%3B--", strings.Repeat("9", 300)}
		bodies := []any{`{}`, `{"version":0}`, `{"stage_ids":["x","x"],"tags":[""],"status":"x","name":"` + strings.Repeat("n", 5000) + `"}`}
		for _, rt := range api.Routes() {
			for _, id := range ids {
				path := strings.TrimPrefix(rt.Path, "/api/v1")
				path = strings.ReplaceAll(path, "{id}", id)
				path = strings.ReplaceAll(path, "{tag}", "x")
				sends := []any{nil}
				if rt.Method != "GET" && rt.Method != "DELETE" {
					sends = bodies
				}
				for _, role := range []hiring.Role{hiring.RoleAdmin, hiring.RoleHiringManager, hiring.RoleInterviewer} {
					for _, b := range sends {
						r := e.as(role, rt.Method, path, b, `If-Match: W/"1"`)
						if r.Status >= 500 {
							t.Errorf("%s %s as %s with %v: %d %s", rt.Method, path, role, b, r.Status, r.Body)
						}
					}
				}
			}
		}
	})
}
