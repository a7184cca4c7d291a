package store_test

import (
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// The tag filter reads candidate_tags' copy of updated_at; these checks fail
// if the triggers stop keeping it in step with the candidate.
func TestTagListFollowsCandidateUpdates(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := storetest.As(s.Recruiter)
		var ids []string
		for _, n := range []string{"Ana", "Ben", "Cy"} {
			c, err := db.CreateCandidate(ctx, hiring.CandidateInput{FirstName: n, Tags: []string{"ordered"}})
			ok(t, err)
			ids = append(ids, c.ID)
		}
		names := func(f hiring.CandidateFilter, limit int) []string {
			t.Helper()
			var out []string
			pr := hiring.PageRequest{Limit: limit, CountTotal: true}
			for {
				p, err := db.ListCandidates(ctx, f, pr)
				ok(t, err)
				if p.Total != 3 && f.Tag == "ordered" && f.Query == "" && f.Source == "" {
					t.Fatalf("total = %d, want 3", p.Total)
				}
				for _, c := range p.Items {
					out = append(out, c.FirstName)
				}
				if p.NextCursor == "" {
					return out
				}
				pr.Cursor = p.NextCursor
			}
		}
		want := func(got []string, w ...string) {
			t.Helper()
			if len(got) != len(w) {
				t.Fatalf("got %v, want %v", got, w)
			}
			for i := range w {
				if got[i] != w[i] {
					t.Fatalf("got %v, want %v", got, w)
				}
			}
		}
		f := hiring.CandidateFilter{Tag: "ordered"}
		want(names(f, 50), "Cy", "Ben", "Ana")
		want(names(f, 1), "Cy", "Ben", "Ana") // keyset paging over the tag index

		// Editing Ana makes her the most recently updated, in the tag list too.
		ana, err := db.Candidate(ctx, ids[0])
		ok(t, err)
		_, err = db.UpdateCandidate(ctx, ana.ID, ana.Version, hiring.CandidateInput{FirstName: "Ana", Headline: "edited", Tags: ana.Tags})
		ok(t, err)
		want(names(f, 50), "Ana", "Cy", "Ben")
		want(names(f, 2), "Ana", "Cy", "Ben")

		// A tag added later is listed at the candidate's place in time.
		_, err = db.AddTags(ctx, ids[1], []string{"later"})
		ok(t, err)
		want(names(hiring.CandidateFilter{Tag: "later"}, 50), "Ben")
		want(names(f, 50), "Ben", "Ana", "Cy")

		// Other filters combine with the tag; the source is read from the
		// tag rows' copy, which follows edits of the candidate.
		want(names(hiring.CandidateFilter{Tag: "ordered", Query: "cy"}, 50), "Cy")
		want(names(hiring.CandidateFilter{Tag: "ordered", Source: "Job fair"}, 50))
		cy, err := db.Candidate(ctx, ids[2])
		ok(t, err)
		_, err = db.UpdateCandidate(ctx, cy.ID, cy.Version, hiring.CandidateInput{FirstName: "Cy", Source: "Job fair", Tags: cy.Tags})
		ok(t, err)
		want(names(hiring.CandidateFilter{Tag: "ordered", Source: "Job fair"}, 50), "Cy")
		want(names(hiring.CandidateFilter{Tag: "ordered", Source: "Job fair"}, 1), "Cy")
		want(names(hiring.CandidateFilter{Source: "Job fair"}, 50), "Cy")
	})
}
