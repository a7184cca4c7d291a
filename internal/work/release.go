package work

import (
	"context"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// releaseDelay is how long the queue must stay without running jobs before
// a burst counts as over.
const releaseDelay = time.Second

// burstRelease hands freed heap back to the OS once a burst of jobs is over.
// The server lets its heap grow to five times the live size between
// collections (see tuneGC in cmd/candor), which suits request handling; but
// after a burst of background work (an import, a batch of resumes) nothing
// triggers further collections in a quiet process, which would then keep the
// burst's peak mapped, at several times its idle size.
type burstRelease struct {
	river.MiddlewareDefaults
	delay   time.Duration
	release func()

	running atomic.Int64
	mu      sync.Mutex
	timer   *time.Timer
}

var _ rivertype.WorkerMiddleware = (*burstRelease)(nil)

func newBurstRelease() *burstRelease {
	return &burstRelease{delay: releaseDelay, release: debug.FreeOSMemory}
}

func (b *burstRelease) Work(ctx context.Context, _ *rivertype.JobRow, doInner func(context.Context) error) error {
	b.running.Add(1)
	defer func() {
		if b.running.Add(-1) != 0 {
			return
		}
		b.mu.Lock()
		defer b.mu.Unlock()
		if b.timer == nil {
			b.timer = time.AfterFunc(b.delay, b.fire)
		} else {
			b.timer.Reset(b.delay)
		}
	}()
	return doInner(ctx)
}

// fire releases only if no job started since the timer was set.
func (b *burstRelease) fire() {
	if b.running.Load() == 0 {
		b.release()
	}
}

// stop cancels a pending release (the queue is shutting down).
func (b *burstRelease) stop() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.timer != nil {
		b.timer.Stop()
	}
}
