package store_test

import (
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

func TestDebriefDecisionOnTheTimeline(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		mg := storetest.As(s.Manager)
		before, err := db.Application(mg, s.App.ID)
		ok(t, err)

		// Who decides: the deciders of the job; interviewers and other teams not.
		_, err = db.DecideAfterDebrief(storetest.As(s.Interviewer), s.App.ID, hiring.DebriefDecision{Decision: hiring.DecisionHold})
		wantCode(t, err, hiring.EForbidden)
		_, err = db.DecideAfterDebrief(storetest.As(s.OtherManager), s.App.ID, hiring.DebriefDecision{Decision: hiring.DecisionHold})
		wantCode(t, err, hiring.ENotFound)
		_, err = db.DecideAfterDebrief(mg, s.App.ID, hiring.DebriefDecision{Decision: "maybe"})
		wantField(t, err, hiring.EInvalid, "decision")

		// Hold: nothing changes but the timeline.
		x, err := db.DecideAfterDebrief(mg, s.App.ID, hiring.DebriefDecision{Decision: hiring.DecisionHold})
		ok(t, err)
		if x.StageID != before.StageID || x.Version != before.Version {
			t.Fatalf("hold changed the application: %+v", x)
		}
		// Advance: the next stage, in the same step; a stale version is refused.
		_, err = db.DecideAfterDebrief(mg, s.App.ID, hiring.DebriefDecision{Decision: hiring.DecisionAdvance, Version: before.Version + 5})
		wantCode(t, err, hiring.EPrecondition)
		x, err = db.DecideAfterDebrief(mg, s.App.ID, hiring.DebriefDecision{Decision: hiring.DecisionAdvance, Note: "Strong design round", Version: before.Version})
		ok(t, err)
		var next hiring.Stage
		for i, st := range s.Stages {
			if st.ID == before.StageID {
				next = s.Stages[i+1]
			}
		}
		if x.StageID != next.ID {
			t.Fatalf("advanced to %s, want %s", x.StageName, next.Name)
		}
		// Reject needs a reason (the note serves).
		_, err = db.DecideAfterDebrief(mg, s.App.ID, hiring.DebriefDecision{Decision: hiring.DecisionReject})
		wantField(t, err, hiring.EInvalid, "reason_id")
		x, err = db.DecideAfterDebrief(mg, s.App.ID, hiring.DebriefDecision{Decision: hiring.DecisionReject, Note: "Not enough depth"})
		ok(t, err)
		if x.Status != hiring.AppRejected {
			t.Fatalf("status %s", x.Status)
		}
		_, err = db.DecideAfterDebrief(mg, s.App.ID, hiring.DebriefDecision{Decision: hiring.DecisionHold})
		wantCode(t, err, hiring.EConflict)

		// The decisions, newest first, with who and when; the deciders read them.
		ds, err := db.DebriefDecisions(storetest.As(s.Recruiter), s.App.ID)
		ok(t, err)
		if len(ds) != 3 || ds[0].Decision != hiring.DecisionReject || ds[1].Decision != hiring.DecisionAdvance || ds[1].Stage != next.Name ||
			ds[1].Note != "Strong design round" || ds[2].ActorName != s.Manager.Name || ds[2].At.IsZero() {
			t.Fatalf("decisions %+v", ds)
		}
		ds, err = db.DebriefDecisions(storetest.As(s.Interviewer), s.App.ID)
		ok(t, err)
		if len(ds) != 0 {
			t.Fatalf("an interviewer reads the decisions: %+v", ds)
		}
		if countActivity(t, db, "debrief.decided") != 3 {
			t.Fatal("decisions missing from the timeline")
		}
		// On the candidate's timeline: the hold for everyone who sees it; the noted ones not for interviewers.
		page, err := db.CandidateActivity(storetest.As(s.Interviewer), s.Candidate.ID, hiring.PageRequest{Limit: 100})
		ok(t, err)
		n := 0
		for _, e := range page.Items {
			if e.Action == "debrief.decided" {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("the interviewer sees %d decisions on the timeline, want the hold only", n)
		}
	})
}
