package idlemem

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// Memory is released once per busy spell: not while work runs, not before
// the quiet period has passed since the last work ended, and not again
// until more work happens.
func TestReleaseAfterQuiet(t *testing.T) {
	c := &clock{t: time.Unix(1000, 0)}
	var released int
	r := &Releaser{quiet: time.Second, release: func() { released++ }, now: c.now, quieted: make(chan struct{}, 1)}

	if r.check() {
		t.Fatal("released before any work")
	}
	r.Begin()
	r.Begin()
	c.t = c.t.Add(5 * time.Second)
	r.End()
	if r.check() {
		t.Fatal("released while a unit of work was running")
	}
	r.End()
	c.t = c.t.Add(500 * time.Millisecond)
	if r.check() {
		t.Fatal("released before the quiet period")
	}
	c.t = c.t.Add(600 * time.Millisecond)
	if !r.check() || released != 1 {
		t.Fatalf("not released after the quiet period (%d)", released)
	}
	c.t = c.t.Add(time.Hour)
	if r.check() || released != 1 {
		t.Fatalf("released again without new work (%d)", released)
	}
	r.Begin()
	r.End()
	c.t = c.t.Add(2 * time.Second)
	if !r.check() || released != 2 {
		t.Fatalf("second spell not released (%d)", released)
	}
}

// Run calls check on its own and stops with its context.
func TestRunReleases(t *testing.T) {
	var released atomic.Int32
	r := &Releaser{quiet: 20 * time.Millisecond, release: func() { released.Add(1) }, now: time.Now, quieted: make(chan struct{}, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.Run(ctx); close(done) }()
	r.Begin()
	r.End()
	deadline := time.Now().Add(5 * time.Second)
	for released.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	<-done
	if released.Load() != 1 {
		t.Fatalf("released %d times", released.Load())
	}
}

// A spell that a check looks at while a unit of work is still running ends
// in one release after its last unit. (The race End guards against, a check
// lowering the flag between a Begin and its End, needs a scheduler to show;
// End raising the flag itself covers it.)
func TestCheckDuringWorkKeepsItsRelease(t *testing.T) {
	c := &clock{t: time.Unix(1000, 0)}
	var released int
	r := &Releaser{quiet: time.Second, release: func() { released++ }, now: c.now, quieted: make(chan struct{}, 1)}
	r.Begin()
	r.End()
	c.t = c.t.Add(2 * time.Second)
	r.Begin()
	r.check() // work is running: no release, and the spell is not over
	c.t = c.t.Add(2 * time.Second)
	r.End()
	c.t = c.t.Add(2 * time.Second)
	if !r.check() || released != 1 {
		t.Fatalf("released %d times after the spell", released)
	}
}
