package api_test

import (
	"fmt"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// BenchmarkCreateApplication measures POST /api/v1/applications end to end
// (HTTP, token lookup, decode, store transaction with its activity row) on
// SQLite, without and with an Idempotency-Key (the key's claim and stored
// answer ride in the record's transaction).
// Run: go test -run X -bench CreateApplication ./internal/api
func BenchmarkCreateApplication(b *testing.B) {
	b.Run("unkeyed", func(b *testing.B) { benchCreateApplication(b, false) })
	b.Run("keyed", func(b *testing.B) { benchCreateApplication(b, true) })
}

func benchCreateApplication(b *testing.B, keyed bool) {
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
		var hdr []string
		if keyed {
			hdr = append(hdr, fmt.Sprintf("Idempotency-Key: bench-%d", i))
		}
		e.as(hiring.RoleRecruiter, "POST", "/applications", map[string]any{"candidate_id": cands[i], "job_id": job}, hdr...).want(201)
	}
}
