package store_test

import (
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

func TestSendMessageRules(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		e := &countingEnqueuer{}
		db.SetEnqueuer(e)
		about := func(app hiring.Application) hiring.NewMessage {
			return hiring.NewMessage{CandidateID: app.CandidateID, ApplicationID: app.ID, Subject: "Next steps", Body: "Hello **there**\n\n<script>x()</script>"}
		}
		// Recruiters and the team's hiring manager send; interviewers and other teams do not.
		m, err := db.SendMessage(storetest.As(s.Recruiter), about(s.App))
		ok(t, err)
		if m.Status != hiring.MessageQueued || m.JobID != s.Job.ID || m.ToEmail != s.Candidate.PrimaryEmail() || m.SenderID != s.Recruiter.ID {
			t.Fatalf("queued %+v", m)
		}
		if strings.Contains(m.HTML, "<script") || !strings.Contains(m.HTML, "<strong>there</strong>") || !strings.Contains(m.Text, "**there**") {
			t.Errorf("rendered html %q text %q", m.HTML, m.Text)
		}
		_, err = db.SendMessage(storetest.As(s.Manager), about(s.App))
		ok(t, err)
		_, err = db.SendMessage(storetest.As(s.Interviewer), about(s.App))
		wantCode(t, err, hiring.EForbidden)
		_, err = db.SendMessage(storetest.As(s.OtherManager), about(s.App))
		wantCode(t, err, hiring.ENotFound)
		_, err = db.SendMessage(storetest.As(s.Recruiter), about(s.ConfidentialApp))
		wantCode(t, err, hiring.EInvalid) // the candidate is visible, the confidential application is not
		_, err = db.SendMessage(storetest.As(s.Manager), hiring.NewMessage{CandidateID: s.Candidate.ID, Subject: "Hi", Body: "x"})
		wantCode(t, err, hiring.EForbidden)
		_, err = db.SendMessage(storetest.As(s.Recruiter), hiring.NewMessage{CandidateID: s.Candidate.ID, ApplicationID: s.OtherApp.ID, Subject: "Hi", Body: "x"})
		wantCode(t, err, hiring.EInvalid)
		if n := e.inserted.Load(); n != 2 {
			t.Fatalf("%d jobs enqueued, want 2 (one per queued message)", n)
		}
		// Bad input: nothing queued.
		for _, in := range []hiring.NewMessage{
			{CandidateID: s.Candidate.ID, Subject: "Hi\r\nBcc: evil@example.com", Body: "x"},
			{CandidateID: s.Candidate.ID, Subject: "", Body: "x"},
			{CandidateID: s.Candidate.ID, Subject: "Hi", Body: strings.Repeat("x", hiring.MaxMessageBody+1)},
			{CandidateID: s.Candidate.ID, Subject: "Hi", Body: "a\x00b"},
			{CandidateID: s.Candidate.ID, Subject: "Hi", Body: "x", ThreadID: "nope"},
		} {
			_, err := db.SendMessage(storetest.As(s.Admin), in)
			wantCode(t, err, hiring.EInvalid)
		}
		if n := e.inserted.Load(); n != 2 {
			t.Fatalf("%d jobs after refused input, want still 2", n)
		}
		// Who reads: the team sees the job's messages; the other team's interviewer does not see the candidate.
		for _, u := range []hiring.User{s.Admin, s.Recruiter, s.Manager, s.Interviewer} {
			p, err := db.CandidateMessages(storetest.As(u), s.Candidate.ID, hiring.PageRequest{})
			ok(t, err)
			if len(p.Items) != 2 {
				t.Errorf("%s sees %d messages, want 2", u.Role, len(p.Items))
			}
		}
		_, err = db.CandidateMessages(storetest.As(s.OtherInterviewer), s.Candidate.ID, hiring.PageRequest{})
		wantCode(t, err, hiring.ENotFound)
		_, err = db.Message(storetest.As(s.OtherInterviewer), m.ID)
		wantCode(t, err, hiring.ENotFound)
		// A job-less message is for recruiters' eyes, and HMs who see the candidate; not interviewers.
		jl, err := db.SendMessage(storetest.As(s.Recruiter), hiring.NewMessage{CandidateID: s.Candidate.ID, Subject: "Keeping in touch", Body: "Hi", ThreadID: m.ThreadID})
		ok(t, err)
		if jl.ThreadID != m.ThreadID {
			t.Errorf("thread %s, want %s", jl.ThreadID, m.ThreadID)
		}
		_, err = db.Message(storetest.As(s.Interviewer), jl.ID)
		wantCode(t, err, hiring.ENotFound)
		_, err = db.Message(storetest.As(s.Manager), jl.ID)
		ok(t, err)
		// The timeline has the entry.
		act, err := db.CandidateActivity(storetest.As(s.Recruiter), s.Candidate.ID, hiring.PageRequest{Limit: 50})
		ok(t, err)
		var queued int
		for _, a := range act.Items {
			if a.Action == "message.queued" {
				queued++
			}
		}
		if queued != 3 {
			t.Errorf("%d message.queued entries, want 3", queued)
		}
		// The worker side is the system's only.
		_, err = db.OutboxMessage(storetest.As(s.Admin), m.ID)
		wantCode(t, err, hiring.ENotFound)
		_, err = db.DevMailbox(storetest.As(s.Recruiter), hiring.PageRequest{})
		wantCode(t, err, hiring.EForbidden)
	})
}

func TestMessageLifecycle(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := storetest.As(s.Recruiter)
		m, err := db.SendMessage(ctx, hiring.NewMessage{CandidateID: s.Candidate.ID, ApplicationID: s.App.ID, Subject: "A", Body: "x"})
		ok(t, err)
		sys := storetest.System()
		ok(t, db.MessageAttemptFailed(sys, m.ID, "451 try later", false))
		got, err := db.Message(ctx, m.ID)
		ok(t, err)
		if got.Status != hiring.MessageQueued || got.Attempts != 1 || got.Error != "451 try later" {
			t.Fatalf("after a temporary failure %+v", got)
		}
		ok(t, db.MessageDelivered(sys, m.ID, hiring.TransportDevMailbox, m.ID+"@acme.example"))
		ok(t, db.MessageDelivered(sys, m.ID, hiring.TransportSMTP, "other")) // a repeat changes nothing
		got, _ = db.Message(ctx, m.ID)
		if got.Status != hiring.MessageSent || got.Transport != hiring.TransportDevMailbox || got.MessageID != m.ID+"@acme.example" || got.SentAt == nil || got.Attempts != 2 {
			t.Fatalf("delivered %+v", got)
		}
		box, err := db.DevMailbox(storetest.As(s.Admin), hiring.PageRequest{})
		ok(t, err)
		if len(box.Items) != 1 || box.Items[0].ID != m.ID {
			t.Fatalf("dev mailbox %+v", box.Items)
		}
		wantCode(t, db.CancelMessage(ctx, m.ID), hiring.EConflict)

		f, err := db.SendMessage(ctx, hiring.NewMessage{CandidateID: s.Candidate.ID, ApplicationID: s.App.ID, Subject: "B", Body: "x"})
		ok(t, err)
		ok(t, db.MessageAttemptFailed(sys, f.ID, "the mail server refused it (550): no such user", true))
		got, _ = db.Message(ctx, f.ID)
		if got.Status != hiring.MessageFailed {
			t.Fatalf("failed %+v", got)
		}
		c, err := db.SendMessage(ctx, hiring.NewMessage{CandidateID: s.Candidate.ID, ApplicationID: s.App.ID, Subject: "C", Body: "x"})
		ok(t, err)
		wantCode(t, db.CancelMessage(storetest.As(s.Interviewer), c.ID), hiring.EForbidden)
		ok(t, db.CancelMessage(storetest.As(s.Manager), c.ID))
		got, _ = db.Message(ctx, c.ID)
		if got.Status != hiring.MessageCancelled {
			t.Fatalf("cancelled %+v", got)
		}
		act, err := db.CandidateActivity(storetest.As(s.Interviewer), s.Candidate.ID, hiring.PageRequest{Limit: 50})
		ok(t, err)
		var failed, cancelled bool
		for _, a := range act.Items {
			failed = failed || (a.Action == "message.failed" && strings.Contains(a.Summary, "550"))
			cancelled = cancelled || a.Action == "message.cancelled"
		}
		if !failed || !cancelled {
			t.Errorf("timeline: failed %v cancelled %v", failed, cancelled)
		}
	})
}
