package mail_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	cmail "github.com/candor-ats/candor/internal/mail"
	"github.com/candor-ats/candor/internal/mail/mailtest"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// lossyMarks is the store, except that the first few "sent" marks are lost
// as they would be if the process died between the SMTP server's acceptance
// and the mark's commit.
type lossyMarks struct {
	*store.DB
	lose atomic.Int32
}

func (l *lossyMarks) MessagesDelivered(ctx context.Context, ds []hiring.Delivery) error {
	if l.lose.Add(-1) >= 0 {
		return errors.New("process died before the mark committed")
	}
	return l.DB.MessagesDelivered(ctx, ds)
}

// TestOutboxLostMarkResendsSameMessageID: when the mark after an accepted
// send is lost, the retry sends again — nothing is lost, and the duplicate
// carries the same Message-ID, so the receiver can tell (an in-process
// stand-in for killing the worker between acceptance and completion; the
// process-kill run is still to be written).
func TestOutboxLostMarkResendsSameMessageID(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		srv := mailtest.Start(t)
		cfg, _ := cmail.ParseSMTPURL(srv.URL())
		sender := cmail.NewSender(cmail.SenderOptions{SMTP: cfg, PerDomain: 1000, Burst: 1000})
		t.Cleanup(func() { _ = sender.Close() })
		ob := &cmail.Outbox{Transport: sender}
		startOutbox(t, db, ob)
		lossy := &lossyMarks{DB: db}
		lossy.lose.Store(1)
		ob.Store = lossy
		m, err := db.SendMessage(storetest.As(s.Recruiter), hiring.NewMessage{CandidateID: s.Candidate.ID, ApplicationID: s.App.ID, Subject: "Hi", Body: "x"})
		if err != nil {
			t.Fatal(err)
		}
		got := waitStatus(t, db, []string{m.ID}, 30*time.Second)[m.ID]
		if got.Status != hiring.MessageSent {
			t.Fatalf("after a lost mark: %+v", got)
		}
		recv := srv.Received()
		if len(recv) != 2 {
			t.Fatalf("server got %d copies, want 2 (the first mark was lost)", len(recv))
		}
		for _, r := range recv {
			if r.MessageID() != got.MessageID {
				t.Errorf("copy with Message-ID %q, want %q", r.MessageID(), got.MessageID)
			}
		}
	})
}
