package api_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// BenchmarkCreateApplication measures POST /api/v1/applications end to end
// (HTTP, token lookup, decode, store transaction with its activity row) on
// SQLite, alternating creates without and with an Idempotency-Key (whose
// claim and stored answer ride in the record's transaction), so both see the
// same machine load. It reports each kind's median and their ratio.
// Run: go test -run X -bench CreateApplication ./internal/api
func BenchmarkCreateApplication(b *testing.B) {
	e := newEnv(b, storetest.SQLite(b))
	job := e.as(hiring.RoleRecruiter, "POST", "/jobs", jobBody("Bench")).want(201).obj()["id"].(string)
	cands := make([]string, 2*b.N)
	for i := range cands {
		c, err := e.db.CreateCandidate(e.sys(), hiring.CandidateInput{FirstName: "B", LastName: fmt.Sprint(i)})
		if err != nil {
			b.Fatal(err)
		}
		cands[i] = c.ID
	}
	var plain, keyed []time.Duration
	b.ResetTimer()
	for i := range 2 * b.N {
		var hdr []string
		if i%2 == 1 {
			hdr = append(hdr, fmt.Sprintf("Idempotency-Key: bench-%d", i))
		}
		t0 := time.Now()
		e.as(hiring.RoleRecruiter, "POST", "/applications", map[string]any{"candidate_id": cands[i], "job_id": job}, hdr...).want(201)
		if hdr == nil {
			plain = append(plain, time.Since(t0))
		} else {
			keyed = append(keyed, time.Since(t0))
		}
	}
	b.StopTimer()
	p, k := median(plain), median(keyed)
	b.ReportMetric(float64(p.Nanoseconds()), "unkeyed-p50-ns")
	b.ReportMetric(float64(k.Nanoseconds()), "keyed-p50-ns")
	b.ReportMetric(float64(k)/float64(p), "keyed/unkeyed")
}

func median(d []time.Duration) time.Duration {
	slices.Sort(d)
	return d[len(d)/2]
}
