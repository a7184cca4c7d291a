package store_test

import (
	"context"
	"database/sql"
	"sync/atomic"
	"testing"

	"github.com/riverqueue/river"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

type countingEnqueuer struct{ inserted, committed atomic.Int32 }

func (e *countingEnqueuer) InsertTx(context.Context, *sql.Tx, river.JobArgs) error {
	e.inserted.Add(1)
	return nil
}

func (e *countingEnqueuer) Committed() { e.committed.Add(1) }

// TestCommittedAfterEnqueue: the queue hears of jobs once the transaction
// that enqueued them has committed (so this process's workers start them
// without waiting for a poll), and not for changes without jobs or refused ones.
func TestCommittedAfterEnqueue(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		e := &countingEnqueuer{}
		db.SetEnqueuer(e)
		ctx := storetest.As(s.Recruiter)
		_, err := newDoc(t, db, ctx, s.Candidate.ID, "resume", "")
		ok(t, err)
		if e.inserted.Load() != 1 || e.committed.Load() != 1 {
			t.Fatalf("resume upload: %d inserted, %d committed calls; want 1 and 1", e.inserted.Load(), e.committed.Load())
		}
		_, err = newDoc(t, db, ctx, s.Candidate.ID, "other", "")
		ok(t, err)
		_, err = db.AddDocument(ctx, hiring.NewDocument{CandidateID: s.Candidate.ID, Kind: "virus"})
		wantCode(t, err, hiring.EInvalid)
		if e.inserted.Load() != 1 || e.committed.Load() != 1 {
			t.Fatalf("changes without jobs: %d inserted, %d committed calls; want still 1 and 1", e.inserted.Load(), e.committed.Load())
		}
	})
}
