package store

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/riverqueue/river"

	"github.com/candor-ats/candor/internal/hiring"
)

// Batched intake (SQLite). SQLite has one writer, and every commit waits
// for the disk (synchronous=FULL): one application per transaction capped
// the careers intake at about the disk's fsyncs per second, whatever the
// CPU. Applications arriving together are written in one transaction
// instead — each in its own savepoint, so one that fails (a job just
// closed, a name that does not validate) is rolled back alone — with their
// jobs inserted in one statement, and committed, durably, once. Nobody is
// answered before the commit. A lone application is a batch of one and
// waits for nothing: the batch is whatever queued while the previous one
// was being written.

// maxIntakeBatch bounds a batch so the writer is never held long (other
// writes wait for it).
const maxIntakeBatch = 32

// intakeBatchTimeout bounds one batch's transaction.
const intakeBatchTimeout = time.Minute

// intakeQueue holds the applications waiting for the writer; running says a
// goroutine is writing batches (it exits when the queue is empty).
type intakeQueue struct {
	mu      sync.Mutex
	waiting []*intakeCall
	running bool
}

// submitBatched queues c and waits for its batch to commit. A cancelled
// request stops waiting, but its application is still written (the token
// makes a retry find it): an applicant is never half-stored or lost.
func (db *DB) submitBatched(ctx context.Context, c *intakeCall) (hiring.SubmitResult, error) {
	c.done = make(chan struct{})
	q := &db.intake
	q.mu.Lock()
	q.waiting = append(q.waiting, c)
	start := !q.running
	q.running = true
	q.mu.Unlock()
	if start {
		go db.writeIntakeBatches()
	}
	select {
	case <-c.done:
		return c.res, c.err
	case <-ctx.Done():
		return hiring.SubmitResult{}, fmt.Errorf("store: apply: %w", ctx.Err())
	}
}

// writeIntakeBatches writes batches until none is waiting.
func (db *DB) writeIntakeBatches() {
	q := &db.intake
	for {
		q.mu.Lock()
		n := min(len(q.waiting), maxIntakeBatch)
		if n == 0 {
			q.running = false
			q.waiting = nil
			q.mu.Unlock()
			return
		}
		batch := make([]*intakeCall, n)
		copy(batch, q.waiting)
		q.waiting = append(q.waiting[:0], q.waiting[n:]...)
		q.mu.Unlock()
		db.writeIntakeBatch(batch)
	}
}

func (db *DB) writeIntakeBatch(batch []*intakeCall) {
	ctx, cancel := context.WithTimeout(context.Background(), intakeBatchTimeout)
	defer cancel()
	err := db.write(ctx, func(tx *sql.Tx) error {
		var jobs []river.JobArgs
		added := map[string]int{} // new applications per job
		for _, c := range batch {
			c.res, c.err = hiring.SubmitResult{}, nil
			if _, err := tx.ExecContext(ctx, "SAVEPOINT intake"); err != nil {
				return dbErr("apply: savepoint", err)
			}
			res, js, err := db.submitTx(ctx, tx, c)
			if err != nil {
				c.err = err
				if _, err := tx.ExecContext(ctx, "ROLLBACK TO SAVEPOINT intake"); err != nil {
					return dbErr("apply: roll back one", err)
				}
			} else {
				c.res = res
				jobs = append(jobs, js...)
				if !res.AlreadyApplied && !res.Replayed {
					added[c.s.JobID]++
				}
			}
			if _, err := tx.ExecContext(ctx, "RELEASE SAVEPOINT intake"); err != nil {
				return dbErr("apply: release", err)
			}
		}
		if err := db.enqueueMany(ctx, tx, jobs); err != nil {
			return err
		}
		for _, id := range slices.Sorted(maps.Keys(added)) {
			if err := countActive(ctx, tx, id, added[id]); err != nil {
				return err
			}
		}
		return nil
	})
	for _, c := range batch {
		if err != nil {
			c.res, c.err = hiring.SubmitResult{}, err
		}
		close(c.done)
	}
}
