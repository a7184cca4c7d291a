package work

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// River, once started, never sleeps: its job completer ticks every 50 ms
// and its producers, leader and maintenance services poll on timers, so a
// server with River running wakes a hundred times a second with nothing to
// do. The queue therefore runs River only while there is work: it stops
// River after IdleAfter without jobs, and starts it again at once when this
// process commits a job (Committed) or an admin retries one, when a poll
// (every PollInterval, one query) finds a job due — another process's, a
// retry whose time came — and at least every periodicEvery, for the
// periodic jobs and River's own maintenance.

// DefaultIdleAfter is how long River keeps running with nothing to do.
const DefaultIdleAfter = 30 * time.Second

// periodicEvery bounds the time River stays stopped: the hourly cleanup and
// the daily import sweep run on start (RunOnStart), and the leader's
// maintenance (rescuing stuck jobs, deleting old ones) runs while River does.
const periodicEvery = time.Hour

// jobClock counts the jobs running in this process and when one last began
// or ended.
type jobClock struct {
	running atomic.Int64
	last    atomic.Int64 // Unix nanoseconds
	next    interface {
		Begin()
		End()
	}
}

func (c *jobClock) touch() { c.last.Store(time.Now().UnixNano()) }

func (c *jobClock) Begin() {
	c.running.Add(1)
	c.touch()
	if c.next != nil {
		c.next.Begin()
	}
}

func (c *jobClock) End() {
	c.touch()
	c.running.Add(-1)
	if c.next != nil {
		c.next.End()
	}
}

func (c *jobClock) quietFor() time.Duration {
	if c.running.Load() > 0 {
		return 0
	}
	return time.Since(time.Unix(0, c.last.Load()))
}

// supervise runs until quit closes: it starts River when kicked or when a
// poll finds work, and stops it when it has been idle for IdleAfter.
func (q *Queue) supervise(quit <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	t := time.NewTimer(q.nextTick())
	defer t.Stop()
	for {
		select {
		case <-quit:
			return
		case <-q.kick:
			q.ensureRunning("jobs committed")
		case <-t.C:
			q.tick()
		}
		if !t.Stop() {
			select {
			case <-t.C:
			default:
			}
		}
		t.Reset(q.nextTick())
	}
}

// nextTick is the time to the next look: while River runs, often enough to
// stop it soon after IdleAfter; while it is stopped, PollInterval.
func (q *Queue) nextTick() time.Duration {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.running {
		return min(q.poll, q.idleAfter)
	}
	return q.poll
}

// ensureRunning starts River if it is stopped.
func (q *Queue) ensureRunning(why string) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if !q.started || q.running {
		return
	}
	if err := q.worker.Start(q.runCtx); err != nil {
		q.logger.Error("work: starting the queue", "why", why, "err", err)
		return
	}
	q.running = true
	q.lastStart = time.Now()
	q.jobs.touch()
	q.logger.Debug("work: queue started", "why", why)
}

// tick is one poll: stop an idle River, or start a stopped one that has
// work or is due for its periodic run.
func (q *Queue) tick() {
	q.mu.Lock()
	running := q.started && q.running
	sinceStart := time.Since(q.lastStart)
	q.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if !running {
		if sinceStart >= periodicEvery {
			q.ensureRunning("periodic jobs")
			return
		}
		if due, err := q.due(ctx); err != nil {
			q.logger.Warn("work: looking for due jobs", "err", err)
		} else if due {
			q.ensureRunning("jobs due")
		}
		return
	}
	if q.jobs.quietFor() < q.idleAfter {
		return
	}
	if due, err := q.due(ctx); err != nil || due {
		return
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	// A job that began meanwhile keeps River running (Stop would wait for
	// it, holding the lock).
	if !q.started || !q.running || q.jobs.quietFor() < q.idleAfter {
		return
	}
	if err := q.worker.Stop(ctx); err != nil {
		q.logger.Warn("work: stopping the idle queue", "err", err)
		return
	}
	q.running = false
	q.logger.Debug("work: queue idle, stopped")
	// A job committed between the look above and the stop left its kick
	// in q.kick: supervise starts River again at once.
}

// due reports whether a job is ready to run: available, or scheduled or
// retryable with its time come.
func (q *Queue) due(ctx context.Context) (bool, error) {
	res, err := q.worker.JobList(ctx, river.NewJobListParams().
		States(rivertype.JobStateAvailable, rivertype.JobStateRetryable, rivertype.JobStateScheduled).
		OrderBy(river.JobListOrderByScheduledAt, river.SortOrderAsc).First(1))
	if err != nil {
		return false, err
	}
	return len(res.Jobs) > 0 && !res.Jobs[0].ScheduledAt.After(time.Now()), nil
}
