package store_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// The candidates list sorts by name and by date added as well as by last
// update, and cursor paging walks every row once in each order, with and
// without a tag filter; the total is exact up to a bound.
func TestCandidateListSortsAndTotal(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := storetest.As(s.Recruiter)
		// Names out of creation order, two equal sort names, one differing only in case.
		names := []string{"Zoe Adams", "ada Byron", "Mia Chen", "Ada Byron", "Ben Dahl", "Yves Eel", "Carl Fox"}
		var ids []string
		for _, n := range names {
			first, last, _ := strings.Cut(n, " ")
			c, err := db.CreateCandidate(ctx, hiring.CandidateInput{FirstName: first, LastName: last, Tags: []string{"sorted"}})
			ok(t, err)
			ids = append(ids, c.ID)
		}
		_, err := db.AddTags(ctx, ids[2], []string{"touched"})
		ok(t, err)

		walk := func(f hiring.CandidateFilter) []string {
			var out []string
			cursor := ""
			for range 20 {
				p, err := db.ListCandidateSummaries(ctx, f, hiring.PageRequest{Cursor: cursor, Limit: 2})
				ok(t, err)
				for _, c := range p.Items {
					if slices.Contains(names, c.Name()) { // the seed's candidates are listed too
						out = append(out, c.Name())
					}
				}
				if cursor = p.NextCursor; cursor == "" {
					return out
				}
			}
			t.Fatal("paging does not end")
			return nil
		}
		for _, tag := range []string{"", "sorted"} {
			byName := walk(hiring.CandidateFilter{Sort: hiring.SortName, Tag: tag})
			if len(byName) != len(names) || !slices.IsSortedFunc(byName, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) }) {
				t.Errorf("tag %q: by name %v", tag, byName)
			}
			byCreated := walk(hiring.CandidateFilter{Sort: hiring.SortCreated, Tag: tag})
			want := slices.Clone(names)
			slices.Reverse(want)
			if !slices.Equal(byCreated, want) {
				t.Errorf("tag %q: by date added %v, want %v", tag, byCreated, want)
			}
			byUpdated := walk(hiring.CandidateFilter{Tag: tag})
			if len(byUpdated) != len(names) || byUpdated[0] != "Mia Chen" {
				t.Errorf("tag %q: by update %v", tag, byUpdated)
			}
		}
		// A cursor of one order is refused by another.
		p, err := db.ListCandidateSummaries(ctx, hiring.CandidateFilter{Sort: hiring.SortName}, hiring.PageRequest{Limit: 2})
		ok(t, err)
		_, err = db.ListCandidateSummaries(ctx, hiring.CandidateFilter{Sort: hiring.SortCreated}, hiring.PageRequest{Cursor: p.NextCursor})
		wantField(t, err, hiring.EInvalid, "cursor")
		_, err = db.ListCandidateSummaries(ctx, hiring.CandidateFilter{}, hiring.PageRequest{Cursor: p.NextCursor})
		wantField(t, err, hiring.EInvalid, "cursor")

		// Totals: exact below the bound, capped above it, and without a
		// count query when the first page holds everything.
		for _, tc := range []struct {
			limit, bound, total int
			capped              bool
		}{{50, 100, 7, false}, {2, 100, 7, false}, {2, 7, 7, false}, {2, 5, 5, true}} {
			p, err := db.ListCandidateSummaries(ctx, hiring.CandidateFilter{Tag: "sorted"}, hiring.PageRequest{Limit: tc.limit, CountUpTo: tc.bound})
			ok(t, err)
			if p.Total != tc.total || p.TotalCapped != tc.capped {
				t.Errorf("limit %d, bound %d: total %d capped %v", tc.limit, tc.bound, p.Total, p.TotalCapped)
			}
		}
		// A hiring manager's total counts only whom they may see.
		all, err := db.ListCandidateSummaries(storetest.As(s.Manager), hiring.CandidateFilter{}, hiring.PageRequest{Limit: 200})
		ok(t, err)
		p, err = db.ListCandidateSummaries(storetest.As(s.Manager), hiring.CandidateFilter{}, hiring.PageRequest{Limit: 1, CountUpTo: 100})
		ok(t, err)
		if p.Total != len(all.Items) || len(all.Items) == 0 {
			t.Errorf("a manager who sees %d candidates is told %d", len(all.Items), p.Total)
		}
	})
}

// Bulk actions on selected candidates: tag, add to a job; all or nothing.
func TestCandidateBulkActions(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := storetest.As(s.Recruiter)
		var ids []string
		for i := range 3 {
			c, err := db.CreateCandidate(ctx, hiring.CandidateInput{FirstName: fmt.Sprint("Bulk", i), LastName: "Person"})
			ok(t, err)
			ids = append(ids, c.ID)
		}
		n, err := db.BulkTagCandidates(ctx, ids, []string{"Shortlist"})
		ok(t, err)
		if n != 3 {
			t.Fatalf("tagged %d", n)
		}
		for _, id := range ids {
			c, err := db.Candidate(ctx, id)
			ok(t, err)
			if !slices.Contains(c.Tags, "shortlist") {
				t.Errorf("%s not tagged: %v", c.Name(), c.Tags)
			}
		}
		_, err = db.BulkTagCandidates(ctx, append(slices.Clone(ids), "ghost"), []string{"never"})
		wantCode(t, err, hiring.ENotFound)
		if c, _ := db.Candidate(ctx, ids[0]); slices.Contains(c.Tags, "never") {
			t.Error("a failed bulk tag changed a candidate")
		}
		_, err = db.BulkTagCandidates(storetest.As(s.Interviewer), ids[:1], []string{"x"})
		if err == nil {
			t.Error("an interviewer tagged in bulk")
		}

		// Add to a job: one is already on it and is skipped.
		_, err = db.CreateApplication(ctx, hiring.NewApplication{CandidateID: ids[0], JobID: s.Job.ID})
		ok(t, err)
		n, err = db.BulkApply(ctx, ids, s.Job.ID)
		ok(t, err)
		if n != 2 {
			t.Errorf("applied %d, want 2", n)
		}
		apps, err := db.ListApplications(ctx, hiring.ApplicationFilter{JobID: s.Job.ID, Status: hiring.AppActive}, hiring.PageRequest{Limit: 100})
		ok(t, err)
		got := 0
		for _, a := range apps.Items {
			if slices.Contains(ids, a.CandidateID) {
				got++
			}
		}
		if got != 3 {
			t.Errorf("%d of the 3 are on the job", got)
		}
		// A job the actor may not see is not found, and nothing is written.
		c, err := db.CreateCandidate(ctx, hiring.CandidateInput{FirstName: "Late", LastName: "Comer"})
		ok(t, err)
		_, err = db.BulkApply(storetest.As(s.Manager), []string{c.ID}, s.OtherJob.ID)
		if err == nil {
			t.Error("a manager added candidates to a job not theirs")
		}
	})
}
