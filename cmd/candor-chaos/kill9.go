package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"
)

// killRun: keyed creates (candidate i, then an application of it to the
// run's job) from several clients while the server is SIGKILLed kills times,
// evenly over the run, and restarted at once. A client whose request got no
// answer retries it with the same key until it is answered.
func killRun(ctx context.Context, o options) ([]string, error) {
	c, err := newCluster(ctx, o)
	if err != nil {
		return nil, err
	}
	defer c.close()
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	var mu sync.Mutex // guards srv
	srv, err := c.start(ctx, addr)
	if err != nil {
		return nil, err
	}
	defer func() { mu.Lock(); srv.stop(); mu.Unlock() }()
	base := srv.base
	job, err := c.createJob(ctx, base)
	if err != nil {
		return nil, err
	}

	n := o.creates / 2
	type item struct{ cand, app answer }
	items := make([]item, n)
	var answered, retried, replayedRetries, busy atomic.Int64
	// send retries one keyed request until it is answered.
	send := func(path, key, body string) (answer, error) {
		deadline := time.Now().Add(2 * time.Minute)
		for try := 0; ; try++ {
			a, err := c.post(ctx, base, path, key, body)
			if err == nil && !a.busy {
				answered.Add(1)
				if try > 0 {
					retried.Add(1)
					if a.replayed {
						replayedRetries.Add(1)
					}
				}
				return a, nil
			}
			if a.busy {
				busy.Add(1)
			}
			if ctx.Err() != nil || time.Now().After(deadline) {
				return a, fmt.Errorf("%s %s unanswered after 2 minutes: %v", path, key, err)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}

	start := time.Now()
	total := int64(2 * n)
	killerDone := make(chan error, 1)
	var kills int
	go func() {
		for k := 1; k <= o.kills; k++ {
			for answered.Load() < total*int64(k)/int64(o.kills+1) {
				if ctx.Err() != nil {
					killerDone <- ctx.Err()
					return
				}
				time.Sleep(time.Millisecond)
			}
			// Land the kill inside the requests in flight, not between them.
			time.Sleep(time.Duration(rand.IntN(3000)) * time.Microsecond)
			mu.Lock()
			srv.kill()
			kills++
			next, err := c.start(ctx, addr)
			if err == nil {
				srv = next
			}
			mu.Unlock()
			if err != nil {
				killerDone <- err
				return
			}
		}
		killerDone <- nil
	}()

	work := make(chan int)
	errs := make(chan error, o.workers)
	var wg sync.WaitGroup
	for range o.workers {
		wg.Go(func() {
			for i := range work {
				cand, err := send("/candidates", fmt.Sprintf("cand-%s-%d", c.run, i),
					fmt.Sprintf(`{"first_name":"Chaos","last_name":"K%d","source":"chaos-%s"}`, i, c.run))
				if err != nil {
					errs <- err
					return
				}
				items[i].cand = cand
				if !cand.ok() {
					continue
				}
				app, err := send("/applications", fmt.Sprintf("app-%s-%d", c.run, i),
					fmt.Sprintf(`{"candidate_id":%q,"job_id":%q}`, cand.id, job))
				if err != nil {
					errs <- err
					return
				}
				items[i].app = app
			}
		})
	}
feed:
	for i := range n {
		select {
		case work <- i:
		case err := <-errs:
			close(work)
			wg.Wait()
			return nil, err
		case <-ctx.Done():
			break feed
		}
	}
	close(work)
	wg.Wait()
	elapsed := time.Since(start)
	if err := <-killerDone; err != nil {
		return nil, fmt.Errorf("killer: %w", err)
	}
	select {
	case err := <-errs:
		return nil, err
	default:
	}

	cands, apps, err := c.records(ctx, base, job)
	if err != nil {
		return nil, err
	}
	var problems []error
	note := func(err error) { // the first few are enough to go on
		if len(problems) < 5 {
			problems = append(problems, err)
		}
	}
	badAnswers, dupCands, dupApps, missing := 0, 0, 0, 0
	for i, it := range items {
		got := cands[fmt.Sprint("K", i)]
		switch {
		case !it.cand.ok() || !it.app.ok():
			badAnswers++
			note(fmt.Errorf("key %d answered %d / %d", i, it.cand.status, it.app.status))
		case len(got) == 0:
			missing++
		case len(got) > 1:
			dupCands++
		case got[0] != it.cand.id:
			note(fmt.Errorf("key cand-%d answered %s but its record is %s", i, it.cand.id, got[0]))
		}
		if it.cand.ok() {
			a := apps[it.cand.id]
			switch {
			case len(a) == 0:
				missing++
			case len(a) > 1:
				dupApps++
			case a[0] != it.app.id:
				note(fmt.Errorf("key app-%d answered %s but its record is %s", i, it.app.id, a[0]))
			}
		}
	}
	lines := []string{
		fmt.Sprintf("Kill run: %d keyed creates (%d candidates, %d applications) from %d clients in %.1f s, %d SIGKILLs, each followed by a restart.",
			2*n, n, n, o.workers, elapsed.Seconds(), kills),
		"",
		"| measure | result |",
		"| --- | --- |",
		fmt.Sprintf("| requests retried after a kill (same key) | %d, of which %d replayed a stored answer |", retried.Load(), replayedRetries.Load()),
		fmt.Sprintf("| 409 \"in progress\" answers (retried) | %d |", busy.Load()),
		fmt.Sprintf("| candidates stored for the run / keys | %d / %d |", countAll(cands), n),
		fmt.Sprintf("| applications stored on the run's job / keys | %d / %d |", countAll(apps), n),
		fmt.Sprintf("| keys with two or more records | %d candidates, %d applications |", dupCands, dupApps),
		fmt.Sprintf("| keys without a record | %d |", missing),
		fmt.Sprintf("| keys finally answered other than 2xx | %d |", badAnswers),
		"",
	}
	if dupCands+dupApps+missing+badAnswers > 0 || len(problems) > 0 || kills < o.kills {
		return lines, fmt.Errorf("%d duplicated, %d missing, %d bad answers, %d kills: %w", dupCands+dupApps, missing, badAnswers, kills, errors.Join(problems...))
	}
	return lines, nil
}

func countAll(m map[string][]string) int {
	n := 0
	for _, v := range m {
		n += len(v)
	}
	return n
}
