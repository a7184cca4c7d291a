package work

import (
	"context"
	"testing"
	"time"
)

// TestPressureYield: Yield returns at once when calm, waits while marks keep
// coming, returns once they stop, and never waits past MaxWait.
func TestPressureYield(t *testing.T) {
	t.Parallel()
	p := &Pressure{Quiet: 40 * time.Millisecond, MaxWait: 2 * time.Second}
	start := time.Now()
	p.Yield(context.Background())
	if d := time.Since(start); d > 20*time.Millisecond {
		t.Fatalf("a calm Yield waited %v", d)
	}

	// Marks for 200 ms: Yield waits for them to stop, then Quiet.
	stop := make(chan struct{})
	go func() {
		defer close(stop)
		for end := time.Now().Add(200 * time.Millisecond); time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
			p.Mark()
		}
	}()
	time.Sleep(10 * time.Millisecond)
	start = time.Now()
	p.Yield(context.Background())
	<-stop
	if d := time.Since(start); d < 150*time.Millisecond || d > 1500*time.Millisecond {
		t.Fatalf("Yield during 200 ms of marks took %v", d)
	}
	if p.Busy() {
		t.Fatal("still busy after Yield returned")
	}

	// Marks that never stop: MaxWait ends the wait.
	p2 := &Pressure{Quiet: time.Hour, MaxWait: 100 * time.Millisecond}
	p2.Mark()
	start = time.Now()
	p2.Yield(context.Background())
	if d := time.Since(start); d < 100*time.Millisecond || d > time.Second {
		t.Fatalf("MaxWait of 100 ms: Yield took %v", d)
	}
	// A cancelled context ends it too.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	start = time.Now()
	(&Pressure{Quiet: time.Hour, MaxWait: time.Hour}).Yield(ctx) // not busy: returns
	p3 := &Pressure{Quiet: time.Hour, MaxWait: time.Hour}
	p3.Mark()
	p3.Yield(ctx)
	if d := time.Since(start); d > 500*time.Millisecond {
		t.Fatalf("a cancelled Yield took %v", d)
	}
	var nilP *Pressure
	nilP.Mark()
	nilP.Yield(context.Background())
}
