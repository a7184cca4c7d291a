// Package idlemem hands the heap's free memory back to the operating system
// once the process has been quiet for a while.
//
// The server lets its heap grow to five times the live size between
// collections (see tuneGC in cmd/candor), which suits request handling; but
// in a process that then goes quiet nothing triggers further collections, so
// it would keep the peak of its last busy spell (a burst of requests, an
// import, a batch of resumes) mapped, at several times its resting size.
package idlemem

import (
	"context"
	"runtime/debug"
	"sync/atomic"
	"time"
)

// Releaser watches units of work (requests, jobs) and releases memory once
// none has run for the quiet period after some did.
type Releaser struct {
	quiet   time.Duration
	release func()
	now     func() time.Time

	active atomic.Int64 // units of work running
	last   atomic.Int64 // when one last started or ended, Unix nanoseconds
	dirty  atomic.Bool  // work happened since the last release
	// quieted is signalled when the last running unit ends; Run sleeps on
	// it, so an idle process has no timer waking it.
	quieted chan struct{}
}

// New returns a Releaser that calls debug.FreeOSMemory after quiet.
func New(quiet time.Duration) *Releaser {
	return &Releaser{quiet: quiet, release: debug.FreeOSMemory, now: time.Now, quieted: make(chan struct{}, 1)}
}

// Begin marks the start of a unit of work; End its end.
func (r *Releaser) Begin() {
	r.active.Add(1)
	r.dirty.Store(true)
	r.last.Store(r.now().UnixNano())
}

// End marks the end of a unit of work begun with Begin.
func (r *Releaser) End() {
	r.last.Store(r.now().UnixNano())
	// Raised again here too: a check running between this unit's Begin and
	// now may have lowered it, and this unit's garbage is still to free.
	r.dirty.Store(true)
	if r.active.Add(-1) == 0 {
		select {
		case r.quieted <- struct{}{}:
		default: // Run has a signal pending already
		}
	}
}

// Run releases memory after each busy spell until ctx ends. It sleeps
// until the last running unit of work ends, then waits out the quiet period
// (longer if work resumed meanwhile); a process at rest has no timer here.
func (r *Releaser) Run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-r.quieted:
		}
		for {
			wait := r.quiet - r.now().Sub(time.Unix(0, r.last.Load()))
			if wait <= 0 {
				// With work running again, its own End signals anew.
				r.check()
				break
			}
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-t.C:
			}
		}
	}
}

// check releases when work happened, none is running and the last ended at
// least the quiet period ago.
func (r *Releaser) check() bool {
	if !r.dirty.Load() || r.active.Load() != 0 || r.now().Sub(time.Unix(0, r.last.Load())) < r.quiet {
		return false
	}
	r.dirty.Store(false)
	r.release()
	return true
}
