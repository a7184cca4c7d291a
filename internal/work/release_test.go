package work

import (
	"context"
	"sync/atomic"
	"testing"
	"time"
)

// Memory is released once, after the last of overlapping jobs ends and the
// queue has stayed quiet for the delay; a job starting within the delay
// postpones it.
func TestBurstReleaseAfterLastJob(t *testing.T) {
	var released atomic.Int32
	var releasedAt atomic.Int64
	b := &burstRelease{delay: 100 * time.Millisecond, release: func() { released.Add(1); releasedAt.Store(time.Now().UnixNano()) }}
	ctx := context.Background()
	firstDone, secondRunning, finishSecond := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() {
		_ = b.Work(ctx, nil, func(context.Context) error {
			close(secondRunning)
			<-finishSecond
			return nil
		})
	}()
	<-secondRunning
	go func() {
		_ = b.Work(ctx, nil, func(context.Context) error { return nil })
		close(firstDone)
	}()
	<-firstDone
	time.Sleep(250 * time.Millisecond)
	if n := released.Load(); n != 0 {
		t.Fatalf("released %d times while a job was still running", n)
	}
	close(finishSecond)
	// Another job inside the delay pushes the release back.
	time.Sleep(50 * time.Millisecond)
	_ = b.Work(ctx, nil, func(context.Context) error { return nil })
	lastEnd := time.Now()
	deadline := time.Now().Add(5 * time.Second)
	for released.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(250 * time.Millisecond)
	if n := released.Load(); n != 1 {
		t.Fatalf("released %d times after the burst, want once", n)
	}
	if at := time.Unix(0, releasedAt.Load()); at.Sub(lastEnd) < 90*time.Millisecond {
		t.Fatalf("released %s after the last job, before the quiet delay", at.Sub(lastEnd))
	}
}
