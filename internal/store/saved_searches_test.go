package store_test

import (
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// TestSavedSearches: each person's own, validated by the language; the
// digest counts new matches as the owner sees them.
func TestSavedSearches(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		rec, inter := storetest.As(s.Recruiter), storetest.As(s.Interviewer)
		_, err := db.SaveSearch(rec, hiring.SavedSearchInput{Name: "", Query: "(go"})
		wantField(t, err, hiring.EInvalid, "name")
		wantField(t, err, hiring.EInvalid, "query")
		_, err = db.SaveSearch(rec, hiring.SavedSearchInput{Name: "All", Query: "*"})
		wantField(t, err, hiring.EInvalid, "query")
		mine, err := db.SaveSearch(rec, hiring.SavedSearchInput{Name: "Quokka people", Query: "quokka", Digest: true})
		ok(t, err)
		theirs, err := db.SaveSearch(inter, hiring.SavedSearchInput{Name: "Quokkas", Query: "quokka", Digest: true})
		ok(t, err)
		list, err := db.SavedSearches(rec)
		ok(t, err)
		if len(list) != 1 || list[0].ID != mine.ID || !list[0].Digest {
			t.Fatalf("recruiter's saved searches = %+v", list)
		}
		wantCode(t, db.DeleteSavedSearch(rec, theirs.ID), hiring.ENotFound)

		// New matches: one on the interviewer's job, one elsewhere.
		time.Sleep(10 * time.Millisecond)
		c1, err := db.CreateCandidate(rec, hiring.CandidateInput{FirstName: "Quokka", LastName: "One", Headline: "quokka keeper"})
		ok(t, err)
		_, err = db.CreateApplication(rec, hiring.NewApplication{CandidateID: c1.ID, JobID: s.Job.ID})
		ok(t, err)
		_, err = db.CreateCandidate(rec, hiring.CandidateInput{FirstName: "Quokka", LastName: "Two", Headline: "quokka keeper"})
		ok(t, err)
		_, err = db.RunSearchDigests(rec, time.Now())
		wantCode(t, err, hiring.EForbidden)
		n, err := db.RunSearchDigests(storetest.System(), time.Now().Add(time.Second))
		ok(t, err)
		if n != 2 {
			t.Errorf("searches with news = %d", n)
		}
		for ctx, want := range map[string]int{"rec": 2, "inter": 1} {
			c := rec
			if ctx == "inter" {
				c = inter
			}
			list, err := db.SavedSearches(c)
			ok(t, err)
			if len(list) != 1 || list[0].DigestNew != want {
				t.Errorf("%s: digest = %+v, want %d new", ctx, list, want)
			}
		}
		// The next run counts only what is newer.
		_, err = db.RunSearchDigests(storetest.System(), time.Now().Add(2*time.Second))
		ok(t, err)
		list, err = db.SavedSearches(rec)
		ok(t, err)
		if list[0].DigestNew != 0 {
			t.Errorf("second run: %d new", list[0].DigestNew)
		}
		ok(t, db.DeleteSavedSearch(rec, mine.ID))
		list, err = db.SavedSearches(rec)
		ok(t, err)
		if len(list) != 0 {
			t.Errorf("after delete: %+v", list)
		}
	})
}
