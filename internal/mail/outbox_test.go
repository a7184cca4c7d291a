package mail_test

import (
	"context"
	"net/mail"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/candor-ats/candor/internal/hiring"
	cmail "github.com/candor-ats/candor/internal/mail"
	"github.com/candor-ats/candor/internal/mail/mailtest"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
	"github.com/candor-ats/candor/internal/work"
)

const testSecret = "0123456789abcdef0123456789abcdef"

// startOutbox runs a real queue with the outbox worker over db.
func startOutbox(t *testing.T, db *store.DB, ob *cmail.Outbox) *work.Queue {
	t.Helper()
	ob.Store = db
	if ob.From.Email == "" {
		ob.From = cmail.Address{Name: "Acme Jobs", Email: "jobs@acme.example"}
	}
	ob.Tokens = cmail.NewTokens(testSecret)
	if ob.RetryDelay == nil {
		ob.RetryDelay = func(int) time.Duration { return 50 * time.Millisecond }
	}
	ctx := context.Background()
	q, err := work.NewWithOptions(ctx, db, work.Options{PollInterval: 50 * time.Millisecond, Queues: cmail.Queues(), Register: func(w *river.Workers) {
		if err := ob.Register(w); err != nil {
			t.Fatal(err)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = q.Stop(ctx)
	})
	return q
}

// waitStatus polls until every message has left the queued state.
func waitStatus(t *testing.T, db *store.DB, ids []string, timeout time.Duration) map[string]hiring.Message {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		out := map[string]hiring.Message{}
		for _, id := range ids {
			m, err := db.Message(storetest.System(), id)
			if err != nil {
				t.Fatal(err)
			}
			if m.Status != hiring.MessageQueued {
				out[id] = m
			}
		}
		if len(out) == len(ids) {
			return out
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d messages left the queue in %s", len(out), len(ids), timeout)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestOutboxRetriesThenDeliversOnce: the server refuses with 451 for a
// while, then accepts: every message arrives exactly once (by Message-ID),
// with its thread's reply token, and is marked sent.
func TestOutboxRetriesThenDeliversOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		srv := mailtest.Start(t)
		var refusals atomic.Int32
		srv.Refuse(func([]byte) error {
			if refusals.Add(1) <= 4 {
				return mailtest.TempFail()
			}
			return nil
		})
		cfg, _ := cmail.ParseSMTPURL(srv.URL())
		sender := cmail.NewSender(cmail.SenderOptions{SMTP: cfg, PerDomain: 1000, Burst: 1000})
		t.Cleanup(func() { _ = sender.Close() })
		startOutbox(t, db, &cmail.Outbox{Transport: sender})
		var ids []string
		threads := map[string]string{}
		for i := range 6 {
			app := s.App
			if i%2 == 1 {
				app = s.OtherApp
			}
			m, err := db.SendMessage(storetest.As(s.Admin), hiring.NewMessage{CandidateID: app.CandidateID, ApplicationID: app.ID,
				Subject: "Update " + string(rune('A'+i)), Body: "Hello"})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, m.ID)
			threads[m.ID+"@acme.example"] = m.ThreadID
		}
		got := waitStatus(t, db, ids, 30*time.Second)
		for id, m := range got {
			if m.Status != hiring.MessageSent || m.Transport != hiring.TransportSMTP || m.MessageID != id+"@acme.example" {
				t.Errorf("message %s: %+v", id, m)
			}
		}
		recv := srv.Received()
		seen := map[string]int{}
		tokens := cmail.NewTokens(testSecret)
		for _, r := range recv {
			mid := r.MessageID()
			seen[mid]++
			rt, err := mail.ParseAddress(r.Header().Get("Reply-To"))
			if err != nil {
				t.Fatalf("Reply-To: %v", err)
			}
			if th, ok := tokens.Thread(cmail.TokenOf(rt.Address)); !ok || th != threads[mid] {
				t.Errorf("%s: reply token names thread %q, want %q", mid, th, threads[mid])
			}
		}
		if len(seen) != 6 || len(recv) != 6 {
			t.Fatalf("server got %d messages with %d distinct Message-IDs, want 6 and 6 (%v)", len(recv), len(seen), seen)
		}
		if refusals.Load() < 5 {
			t.Errorf("the server refused only %d times", refusals.Load())
		}
	})
}

// TestOutboxPermanentFailure: a 550 marks the message failed at once and
// puts it on the candidate's timeline.
func TestOutboxPermanentFailure(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		srv := mailtest.Start(t)
		srv.Refuse(func([]byte) error { return mailtest.PermFail() })
		cfg, _ := cmail.ParseSMTPURL(srv.URL())
		sender := cmail.NewSender(cmail.SenderOptions{SMTP: cfg})
		t.Cleanup(func() { _ = sender.Close() })
		startOutbox(t, db, &cmail.Outbox{Transport: sender})
		m, err := db.SendMessage(storetest.As(s.Recruiter), hiring.NewMessage{CandidateID: s.Candidate.ID, ApplicationID: s.App.ID, Subject: "Hi", Body: "x"})
		if err != nil {
			t.Fatal(err)
		}
		got := waitStatus(t, db, []string{m.ID}, 20*time.Second)[m.ID]
		if got.Status != hiring.MessageFailed || got.Attempts != 1 {
			t.Fatalf("after 550: %+v", got)
		}
		act, err := db.CandidateActivity(storetest.As(s.Interviewer), s.Candidate.ID, hiring.PageRequest{Limit: 20})
		if err != nil {
			t.Fatal(err)
		}
		var found bool
		for _, a := range act.Items {
			found = found || (a.Action == "message.failed" && a.SubjectID == m.ID)
		}
		if !found {
			t.Error("no message.failed entry on the timeline")
		}
	})
}

// TestOutboxDevMailbox: without SMTP every message lands in the dev mailbox.
func TestOutboxDevMailbox(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		startOutbox(t, db, &cmail.Outbox{})
		m, err := db.SendMessage(storetest.As(s.Recruiter), hiring.NewMessage{CandidateID: s.Candidate.ID, ApplicationID: s.App.ID, Subject: "Hi", Body: "x"})
		if err != nil {
			t.Fatal(err)
		}
		got := waitStatus(t, db, []string{m.ID}, 20*time.Second)[m.ID]
		if got.Status != hiring.MessageSent || got.Transport != hiring.TransportDevMailbox {
			t.Fatalf("dev mailbox: %+v", got)
		}
		box, err := db.DevMailbox(storetest.As(s.Admin), hiring.PageRequest{})
		if err != nil || len(box.Items) != 1 {
			t.Fatalf("dev mailbox list: %v %v", box.Items, err)
		}
	})
}

// TestTransactionalEnqueue: a message queued in a transaction that rolls
// back leaves neither row nor job; a committed one exactly one of each.
func TestTransactionalEnqueue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ob := &cmail.Outbox{Store: db}
		if _, err := work.NewWithOptions(context.Background(), db, work.Options{Register: func(w *river.Workers) { _ = ob.Register(w) }}); err != nil {
			t.Fatal(err)
		}
		ctx := storetest.As(s.Recruiter)
		in := hiring.NewMessage{CandidateID: s.Candidate.ID, ApplicationID: s.App.ID, Subject: "Hi", Body: "x"}
		count := func() (msgs, jobs int) {
			if err := db.Writer().QueryRow("SELECT COUNT(*) FROM messages").Scan(&msgs); err != nil {
				t.Fatal(err)
			}
			if err := db.Writer().QueryRow("SELECT COUNT(*) FROM river_job WHERE kind = 'send_message'").Scan(&jobs); err != nil {
				t.Fatal(err)
			}
			return
		}
		for _, commit := range []bool{false, true} {
			tx, err := db.Writer().BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.QueueMessageTx(ctx, tx, in); err != nil {
				t.Fatal(err)
			}
			if commit {
				err = tx.Commit()
			} else {
				err = tx.Rollback()
			}
			if err != nil {
				t.Fatal(err)
			}
			msgs, jobs := count()
			want := 0
			if commit {
				want = 1
			}
			if msgs != want || jobs != want {
				t.Fatalf("commit=%v: %d messages, %d jobs; want %d and %d", commit, msgs, jobs, want, want)
			}
		}
	})
}
