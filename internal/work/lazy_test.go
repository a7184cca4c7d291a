package work

import (
	"context"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// hour is a poll interval no test outlives: a job that starts did not wait
// for a poll.
const hour = time.Hour

func lazyQueue(t *testing.T, db *store.DB, idleAfter time.Duration) (*Queue, chan string) {
	t.Helper()
	done := make(chan string, 10)
	q, err := NewWithOptions(context.Background(), db, Options{
		PollInterval: hour,
		IdleAfter:    idleAfter,
		Register:     func(w *river.Workers) { river.AddWorker(w, &pingWorker{done: done}) },
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := q.Stop(ctx); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	return q, done
}

// commitJob is what the store does for a change with background work:
// InsertTx in the change's transaction, Committed once it has committed.
func commitJob(t *testing.T, db *store.DB, q *Queue, name string) {
	t.Helper()
	insertCommitted(t, db, q, pingArgs{Name: name})
	q.Committed()
}

func waitJob(t *testing.T, done chan string, name string) {
	t.Helper()
	select {
	case got := <-done:
		if got != name {
			t.Fatalf("worked %q, want %q", got, name)
		}
	case <-time.After(30 * time.Second): // far under the hour-long poll
		t.Fatalf("job %q did not start before the poll", name)
	}
}

// TestJobStartsBeforePoll: with the idle poll an hour away, jobs this
// process commits start at once — woken by NOTIFY on PostgreSQL and by the
// in-process wake-up on SQLite — one after another, including a second one
// committed right after the first.
func TestJobStartsBeforePoll(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		q, done := lazyQueue(t, db, hour)
		if err := q.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		commitJob(t, db, q, "first") // may be found by River's fetch at start
		waitJob(t, done, "first")
		for _, name := range []string{"second", "third"} {
			commitJob(t, db, q, name)
			waitJob(t, done, name)
		}
		commitJob(t, db, q, "fourth")
		commitJob(t, db, q, "fifth")
		got := map[string]bool{}
		for range 2 {
			select {
			case name := <-done:
				got[name] = true
			case <-time.After(30 * time.Second):
				t.Fatalf("jobs committed back to back: only %v started before the poll", got)
			}
		}
	})
}

// TestIdleQueueStopsAndWakes: once idle, River is stopped (no timers run
// while nothing happens), and a job committed then starts River again at
// once, long before the next poll.
func TestIdleQueueStopsAndWakes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		q, done := lazyQueue(t, db, 50*time.Millisecond)
		if err := q.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		for round, name := range []string{"after first idle", "after second idle"} {
			waitStopped(t, q)
			commitJob(t, db, q, name)
			waitJob(t, done, name)
			t.Logf("round %d: woke and worked", round)
		}
	})
}

func waitStopped(t *testing.T, q *Queue) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		q.mu.Lock()
		running := q.running
		q.mu.Unlock()
		if !running {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the idle queue's River was never stopped")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
