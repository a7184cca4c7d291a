package mail_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/candor-ats/candor/internal/hiring"
	cmail "github.com/candor-ats/candor/internal/mail"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
	"github.com/candor-ats/candor/internal/work"
)

// TestApplicationReceivedConfirmation: the application_received job queues
// the confirmation in the post's language, once per application however
// often the job runs, and the outbox delivers it (dev mailbox).
func TestApplicationReceivedConfirmation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		db.SetMailFrom("Acme Jobs", "jobs@acme.example")
		ob := &cmail.Outbox{Store: db, From: cmail.Address{Name: "Acme Jobs", Email: "jobs@acme.example"}, Tokens: cmail.NewTokens(testSecret)}
		ctx := context.Background()
		q, err := work.NewWithOptions(ctx, db, work.Options{PollInterval: 50 * time.Millisecond, Queues: cmail.Queues(),
			OnApplicationReceived: []hiring.ApplicationReceivedHandler{&cmail.Confirmations{Svc: db}},
			Register: func(w *river.Workers) {
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
		if _, err := db.SaveJobPost(storetest.As(s.Recruiter), s.Job.ID, hiring.JobPostInput{Language: "de"}); err != nil {
			t.Fatal(err)
		}
		for range 3 { // a retried or repeated job
			tx, err := db.Writer().BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := q.InsertTx(ctx, tx, hiring.ApplicationReceivedJob{ApplicationID: s.App.ID}); err != nil {
				t.Fatal(err)
			}
			if err := tx.Commit(); err != nil {
				t.Fatal(err)
			}
			q.Committed()
		}
		deadline := time.Now().Add(20 * time.Second)
		for {
			p, err := db.CandidateMessages(storetest.System(), s.Candidate.ID, hiring.PageRequest{})
			if err != nil {
				t.Fatal(err)
			}
			jobs, err := q.List(storetest.System(), "completed", 100)
			if err != nil {
				t.Fatal(err)
			}
			done := 0
			for _, j := range jobs {
				if j.Kind == "application_received" {
					done++
				}
			}
			if done == 3 && len(p.Items) > 0 && p.Items[0].Status == hiring.MessageSent {
				if len(p.Items) != 1 {
					t.Fatalf("%d confirmations, want 1", len(p.Items))
				}
				m := p.Items[0]
				if m.Purpose != cmail.PurposeReceived || !m.Auto || !strings.HasPrefix(m.Subject, "Ihre Bewerbung als "+s.Job.Title) ||
					!strings.Contains(m.Text, "Acme Jobs") || m.Transport != hiring.TransportDevMailbox {
					t.Fatalf("confirmation %+v", m)
				}
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("after 20 s: %d jobs done, messages %+v", done, p.Items)
			}
			time.Sleep(50 * time.Millisecond)
		}
	})
}
