package store_test

import (
	"context"
	"database/sql"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// schedulingEnqueuer records when each inserted job is due.
type schedulingEnqueuer struct {
	mu  sync.Mutex
	due []time.Time // zero: now
}

func (e *schedulingEnqueuer) InsertTx(_ context.Context, _ *sql.Tx, args river.JobArgs) error {
	var at time.Time
	if o, ok := args.(river.JobArgsWithInsertOpts); ok {
		at = o.InsertOpts().ScheduledAt
	}
	e.mu.Lock()
	e.due = append(e.due, at)
	e.mu.Unlock()
	return nil
}

func (e *schedulingEnqueuer) Committed() {}

func (e *schedulingEnqueuer) last() (time.Time, int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.due) == 0 {
		return time.Time{}, 0
	}
	return e.due[len(e.due)-1], len(e.due)
}

const generalTemplateEN = "00000000-0000-7000-8000-000000000109"

func TestAutomations(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		e := &schedulingEnqueuer{}
		db.SetEnqueuer(e)
		rec, admin := storetest.As(s.Recruiter), storetest.As(s.Admin)

		// Who manages rules.
		_, err := db.Automations(storetest.As(s.Interviewer), s.Job.ID)
		wantCode(t, err, hiring.EForbidden)
		_, err = db.Automations(storetest.As(s.OtherManager), s.Job.ID)
		wantCode(t, err, hiring.ENotFound)
		_, err = db.CreateAutomation(storetest.As(s.Manager), hiring.Automation{Trigger: hiring.TriggerRejected, TemplateID: generalTemplateEN})
		wantCode(t, err, hiring.EForbidden) // company-wide: admins and recruiters
		_, err = db.CreateAutomation(rec, hiring.Automation{JobID: s.Job.ID, Trigger: hiring.TriggerStageEntered, StageID: s.OtherApp.StageID, TemplateID: generalTemplateEN})
		wantCode(t, err, hiring.EInvalid) // another job's stage
		company, err := db.Automations(rec, "")
		ok(t, err)
		if len(company) != 2 || company[0].ID != hiring.ReceivedRuleID || !company[0].Enabled || company[1].ID != hiring.RejectionRuleID || company[1].Enabled {
			t.Fatalf("shipped rules %+v", company)
		}
		wantCode(t, db.DeleteAutomation(admin, hiring.ReceivedRuleID), hiring.EConflict)

		// A job rule: entering the second stage sends the template at once, once per application.
		rule, err := db.CreateAutomation(storetest.As(s.Manager), hiring.Automation{JobID: s.Job.ID, Trigger: hiring.TriggerStageEntered,
			StageID: s.Stages[1].ID, TemplateID: generalTemplateEN, Enabled: true})
		ok(t, err)
		if rule.StageKind != s.Stages[1].Kind || rule.TemplateName == "" {
			t.Fatalf("rule %+v", rule)
		}
		_, n0 := e.last()
		_, err = db.MoveApplication(rec, s.App.ID, 0, s.Stages[1].ID)
		ok(t, err)
		due, n := e.last()
		if n != n0+1 || !due.IsZero() {
			t.Fatalf("%d jobs (was %d), due %v: want one due now", n, n0, due)
		}
		pending, err := db.PendingMessages(rec, s.App.ID)
		ok(t, err)
		if len(pending) != 1 || !pending[0].Auto || pending[0].Purpose != "automation:"+rule.ID || pending[0].SenderID != "" {
			t.Fatalf("pending %+v", pending)
		}
		_, err = db.MoveApplication(rec, s.App.ID, 0, s.Stages[0].ID)
		ok(t, err)
		_, err = db.MoveApplication(rec, s.App.ID, 0, s.Stages[1].ID)
		ok(t, err)
		if pending, _ = db.PendingMessages(rec, s.App.ID); len(pending) != 1 {
			t.Fatalf("re-entering the stage queued again: %d pending", len(pending))
		}
		// Interviewers of the job do not see pending mail actions; other teams see nothing.
		_, err = db.PendingMessages(storetest.As(s.OtherManager), s.App.ID)
		wantCode(t, err, hiring.ENotFound)
		_, err = db.SendMessageNow(storetest.As(s.Interviewer), pending[0].ID)
		wantCode(t, err, hiring.EForbidden)

		// The rejection rule: 24 h later, in business hours in the candidate's zone; undoing the rejection cancels it.
		rej, err := db.Automation(admin, hiring.RejectionRuleID)
		ok(t, err)
		rej.Enabled, rej.TimeZone = true, "Europe/Berlin"
		_, err = db.UpdateAutomation(admin, rej.ID, rej)
		ok(t, err)
		wantCode(t, db.SetCandidateTimeZone(rec, s.Candidate.ID, "Mars/Base"), hiring.EInvalid)
		ok(t, db.SetCandidateTimeZone(rec, s.Candidate.ID, "America/New_York"))
		before := time.Now()
		app, err := db.RejectApplication(rec, s.App.ID, 0, "", "Not this time")
		ok(t, err)
		due, _ = e.last()
		ny, _ := time.LoadLocation("America/New_York")
		if due.Before(before.Add(24*time.Hour)) || due.After(before.Add(24*time.Hour+4*24*time.Hour)) {
			t.Fatalf("rejection mail due %v, want a day or a weekend later", due)
		}
		if local := due.In(ny); local.Weekday() == time.Saturday || local.Weekday() == time.Sunday || local.Hour() < 9 || local.Hour() >= 17 {
			t.Fatalf("rejection mail due %v in New York: outside business hours", local)
		}
		if !due.Equal(hiring.NextBusinessTime(due, ny)) {
			t.Fatalf("due %v is not a business time", due)
		}
		var rejection hiring.Message
		pending, err = db.PendingMessages(rec, s.App.ID)
		ok(t, err)
		for _, m := range pending {
			if strings.Contains(m.Purpose, ":rejected:") {
				rejection = m
			}
		}
		if rejection.ID == "" || rejection.SendAt == nil || !rejection.SendAt.Equal(due) {
			t.Fatalf("no waiting rejection mail at %v in %+v", due, pending)
		}
		_, err = db.ReopenApplication(rec, app.ID, 0)
		ok(t, err)
		m, err := db.Message(rec, rejection.ID)
		ok(t, err)
		if m.Status != hiring.MessageCancelled {
			t.Fatalf("rejection mail %s after the rejection was undone", m.Status)
		}
		// Rejected again: a new mail waits; sent now, it is due now.
		_, err = db.RejectApplication(rec, s.App.ID, 0, "", "Not this time")
		ok(t, err)
		pending, err = db.PendingMessages(rec, s.App.ID)
		ok(t, err)
		var again hiring.Message
		for _, m := range pending {
			if strings.Contains(m.Purpose, ":rejected:") {
				again = m
			}
		}
		if again.ID == "" || again.ID == rejection.ID {
			t.Fatalf("rejected again: pending %+v", pending)
		}
		_, n0 = e.last()
		now, err := db.SendMessageNow(rec, again.ID)
		ok(t, err)
		due, n = e.last()
		if n != n0+1 || !due.IsZero() || now.SendAt == nil || time.Since(*now.SendAt) > time.Minute {
			t.Fatalf("send now: %d jobs (was %d), due %v, message %+v", n, n0, due, now)
		}
		// A rule with nobody to write to is skipped: the change still happens.
		c, err := db.CreateCandidate(rec, hiring.CandidateInput{FirstName: "No", LastName: "Mail"})
		ok(t, err)
		a2, err := db.CreateApplication(rec, hiring.NewApplication{CandidateID: c.ID, JobID: s.Job.ID})
		ok(t, err)
		_, err = db.MoveApplication(rec, a2.ID, 0, s.Stages[1].ID)
		ok(t, err)
		// Deleting a rule stops it.
		ok(t, db.DeleteAutomation(rec, rule.ID))
		_, err = db.Automation(rec, rule.ID)
		wantCode(t, err, hiring.ENotFound)
	})
}
