package api_test

import (
	"fmt"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// BenchmarkCreateApplication measures POST /api/v1/applications end to end
// (HTTP, token lookup, decode, store transaction with its activity row) on
// SQLite. Run: go test -run X -bench CreateApplication ./internal/api
func BenchmarkCreateApplication(b *testing.B) {
	e := newEnv(b, storetest.SQLite(b))
	job := e.as(hiring.RoleRecruiter, "POST", "/jobs", jobBody("Bench")).want(201).obj()["id"].(string)
	cands := make([]string, b.N)
	for i := range cands {
		c, err := e.db.CreateCandidate(e.sys(), hiring.CandidateInput{FirstName: "B", LastName: fmt.Sprint(i)})
		if err != nil {
			b.Fatal(err)
		}
		cands[i] = c.ID
	}
	b.ResetTimer()
	for i := range b.N {
		e.as(hiring.RoleRecruiter, "POST", "/applications", map[string]any{"candidate_id": cands[i], "job_id": job}).want(201)
	}
}
