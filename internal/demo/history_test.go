package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/demo"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// The demo's history spreads over its year (issue 13): every month of it
// has applications coming in, moving on, being turned down and withdrawn,
// stays last days, and nothing happens after now.
func TestDemoHistorySpreadsOverTheYear(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		blobs, err := blob.NewFS(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		now := time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)
		if _, err := demo.Load(ctx, db, blobs, demo.Options{Candidates: 1200, Applications: 4000, LargeJob: 100, Now: now}); err != nil {
			t.Fatal(err)
		}
		sys := hiring.WithActor(ctx, hiring.SystemActor())
		// The months after the first few (whose applications are still early
		// in their pipelines at the start) each see the whole funnel.
		for m := 1; m <= 10; m++ {
			f := hiring.ReportFilter{From: now.AddDate(0, 0, -30*(m+1)), To: now.AddDate(0, 0, -30*m)}
			counts, err := db.ReportFunnel(sys, f, false)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]int{}
			for _, c := range counts {
				got[c.Measure] += c.Count
			}
			for _, m := range []string{"entered", "advanced", "rejected", "withdrew", "hired"} {
				if got[m] == 0 {
					t.Errorf("%s – %s: no application %s: %v", f.From.Format(time.DateOnly), f.To.Format(time.DateOnly), m, got)
				}
			}
		}
		f := hiring.ReportFilter{From: now.AddDate(0, 0, -30), To: now}
		stays, err := db.ReportStays(sys, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(stays) < 50 {
			t.Fatalf("the last 30 days ended %d stays", len(stays))
		}
		long := 0
		for _, s := range stays {
			if s.Left.Sub(s.Entered) >= 24*time.Hour {
				long++
			}
		}
		if long < len(stays)/2 {
			t.Fatalf("%d of %d stays lasted a day or more", long, len(stays))
		}
		// Nothing in the history lies after now.
		after, err := db.ReportFunnel(sys, hiring.ReportFilter{From: now, To: now.AddDate(1, 0, 0)}, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(after) != 0 {
			t.Fatalf("history after now: %+v", after)
		}
	})
}
