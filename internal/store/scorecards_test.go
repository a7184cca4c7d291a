package store_test

import (
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// Independence for every role: an interviewer reads nobody else's feedback
// on the application until their own is in; admins, recruiters and the
// team's hiring manager read all; others see nothing (not found).
func TestScorecardIndependence(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		rc := storetest.As(s.Recruiter)
		past := time.Now().Add(-48 * time.Hour).Truncate(time.Minute)
		iv, err := db.ScheduleInterview(rc, hiring.NewInterview{ApplicationID: s.App.ID, Title: "Panel", StartsAt: past, DurationMinutes: 60,
			InterviewerIDs: []string{s.Interviewer.ID, s.OtherInterviewer.ID, s.Manager.ID}})
		ok(t, err)
		card := func(rec hiring.Rating, notes string) hiring.ScorecardInput {
			return hiring.ScorecardInput{Recommendation: rec, Notes: notes,
				Ratings: []hiring.AttributeRating{{Attribute: "Go", Rating: hiring.StrongYes}, {Attribute: "Communication", Rating: rec}}}
		}
		// Feedback due for everyone on it, before anything is submitted.
		due, err := db.FeedbackDue(storetest.As(s.OtherInterviewer))
		ok(t, err)
		if len(due) != 1 || due[0].ID != iv.ID {
			t.Fatalf("feedback due %v", due)
		}
		sc, created, err := db.SubmitScorecard(storetest.As(s.Interviewer), iv.ID, card(hiring.Yes, "Solid."))
		ok(t, err)
		if !created || sc.Version != 1 || sc.AuthorID != s.Interviewer.ID || len(sc.Ratings) != 2 {
			t.Fatalf("submitted %+v", sc)
		}
		sees := func(u hiring.User) (int, error) {
			list, err := db.Scorecards(storetest.As(u), s.App.ID)
			return len(list), err
		}
		want := map[string]int{"admin": 1, "recruiter": 1, "manager": 1, "interviewer": 1, "other_interviewer": 0}
		for name, u := range s.Users() {
			n, err := sees(u)
			if name == "other_manager" {
				wantCode(t, err, hiring.ENotFound)
				continue
			}
			ok(t, err)
			if n != want[name] {
				t.Errorf("%s reads %d scorecards, want %d", name, n, want[name])
			}
		}
		// The other interviewer (on the interview, not on the job's team) submits, then reads both.
		_, _, err = db.SubmitScorecard(storetest.As(s.OtherInterviewer), iv.ID, card(hiring.No, "Not convinced."))
		ok(t, err)
		if n, err := sees(s.OtherInterviewer); err != nil || n != 2 {
			t.Fatalf("after submitting: %d, %v", n, err)
		}
		due, err = db.FeedbackDue(storetest.As(s.OtherInterviewer))
		ok(t, err)
		if len(due) != 0 {
			t.Fatalf("still due %v", due)
		}
		// Not on the interview: no scorecard.
		_, _, err = db.SubmitScorecard(rc, iv.ID, card(hiring.Yes, ""))
		wantCode(t, err, hiring.EForbidden)
		_, _, err = db.SubmitScorecard(storetest.As(s.OtherManager), iv.ID, card(hiring.Yes, ""))
		wantCode(t, err, hiring.ENotFound)
		// Bad input.
		_, _, err = db.SubmitScorecard(storetest.As(s.Manager), iv.ID, hiring.ScorecardInput{Recommendation: "maybe"})
		wantField(t, err, hiring.EInvalid, "recommendation")
		_, _, err = db.SubmitScorecard(storetest.As(s.Manager), iv.ID, hiring.ScorecardInput{Recommendation: hiring.Yes,
			Ratings: []hiring.AttributeRating{{Attribute: "Go", Rating: "great"}}})
		wantField(t, err, hiring.EInvalid, "ratings.0.rating")
		// An edit keeps the earlier version.
		sc, created, err = db.SubmitScorecard(storetest.As(s.Interviewer), iv.ID, card(hiring.StrongYes, "Even better on reflection."))
		ok(t, err)
		if created || sc.Version != 2 || sc.Recommendation != hiring.StrongYes || len(sc.History) != 1 ||
			sc.History[0].Recommendation != hiring.Yes || sc.History[0].Notes != "Solid." || sc.History[0].Version != 1 {
			t.Fatalf("edited %+v", sc)
		}
		if countActivity(t, db, "scorecard.submitted") != 2 || countActivity(t, db, "scorecard.edited") != 1 {
			t.Fatal("scorecard activity missing")
		}
		// A cancelled interview takes no feedback.
		_, err = db.CancelInterview(rc, iv.ID)
		ok(t, err)
		_, _, err = db.SubmitScorecard(storetest.As(s.Manager), iv.ID, card(hiring.Yes, ""))
		wantCode(t, err, hiring.EConflict)
	})
}
