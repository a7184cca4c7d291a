package work

import (
	"context"
	"sync/atomic"
	"time"
)

// Pressure lets background work that can wait give way to a burst of
// foreground work on the same cores. The careers intake marks every
// application (Mark); the resume parse job, before it starts, waits while
// applications keep arriving (Yield) — at most MaxWait, so parsing is
// deferred, never starved. A viral post's applicants are answered first
// and their resumes parsed once the rush is over. Nothing is dropped: the
// parse job was committed with the application and only waits its turn.
type Pressure struct {
	// Quiet is how long without a Mark counts as calm (default 1 s).
	Quiet time.Duration
	// MaxWait bounds one Yield (default 60 s; the parse job's own timeout
	// is two minutes).
	MaxWait time.Duration
	// Now is the clock (tests); nil is time.Now.
	Now func() time.Time

	last atomic.Int64 // UnixNano of the latest Mark
}

func (p *Pressure) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

// Mark records foreground work now. It is cheap: one atomic store.
func (p *Pressure) Mark() {
	if p != nil {
		p.last.Store(p.now().UnixNano())
	}
}

// Busy reports whether foreground work was marked within Quiet.
func (p *Pressure) Busy() bool {
	if p == nil {
		return false
	}
	last := p.last.Load()
	return last != 0 && p.now().Sub(time.Unix(0, last)) < p.quiet()
}

func (p *Pressure) quiet() time.Duration {
	if p.Quiet > 0 {
		return p.Quiet
	}
	return time.Second
}

// Yield returns once the foreground has been calm for Quiet, after MaxWait,
// or when ctx is done, whichever comes first.
func (p *Pressure) Yield(ctx context.Context) {
	if p == nil || !p.Busy() {
		return
	}
	wait := p.MaxWait
	if wait <= 0 {
		wait = time.Minute
	}
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	for p.Busy() {
		t := time.NewTimer(p.quiet() / 4)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-deadline.C:
			t.Stop()
			return
		case <-t.C:
		}
	}
}
