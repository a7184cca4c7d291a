package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// replicaRun: two servers on one PostgreSQL database; for each key, racers
// requests with the same key and body are released at once, alternating
// between the servers — first a candidate, then an application of it.
func replicaRun(ctx context.Context, o options) ([]string, error) {
	if o.dbURL == "" {
		return []string{"Replicas run: skipped (replicas share a PostgreSQL database; pass -db).", ""}, nil
	}
	c, err := newCluster(ctx, o)
	if err != nil {
		return nil, err
	}
	defer c.close()
	var servers []*server
	defer func() {
		for _, s := range servers {
			s.stop()
		}
	}()
	for range 2 {
		addr, err := freeAddr()
		if err != nil {
			return nil, err
		}
		s, err := c.start(ctx, addr)
		if err != nil {
			return nil, err
		}
		servers = append(servers, s)
	}
	job, err := c.createJob(ctx, servers[0].base)
	if err != nil {
		return nil, err
	}

	type race struct {
		answers []answer
		errs    []error
	}
	cands := make([]race, o.keys)
	apps := make([]race, o.keys)
	// raceKey sends racers copies of one keyed request at the same moment.
	raceKey := func(r *race, path, key, body string) {
		var mu sync.Mutex
		var wg sync.WaitGroup
		gate := make(chan struct{})
		for j := range o.racers {
			wg.Go(func() {
				<-gate
				for {
					a, err := c.post(ctx, servers[j%len(servers)].base, path, key, body)
					if err == nil && a.busy {
						time.Sleep(20 * time.Millisecond)
						continue
					}
					mu.Lock()
					r.answers = append(r.answers, a)
					if err != nil {
						r.errs = append(r.errs, err)
					}
					mu.Unlock()
					return
				}
			})
		}
		close(gate)
		wg.Wait()
	}

	start := time.Now()
	work := make(chan int)
	var wg sync.WaitGroup
	for range max(1, o.workers/o.racers) {
		wg.Go(func() {
			for i := range work {
				raceKey(&cands[i], "/candidates", fmt.Sprintf("rcand-%s-%d", c.run, i),
					fmt.Sprintf(`{"first_name":"Replica","last_name":"K%d","source":"chaos-%s"}`, i, c.run))
				if id := cands[i].answers[0].id; id != "" {
					raceKey(&apps[i], "/applications", fmt.Sprintf("rapp-%s-%d", c.run, i),
						fmt.Sprintf(`{"candidate_id":%q,"job_id":%q}`, id, job))
				}
			}
		})
	}
	for i := range o.keys {
		work <- i
	}
	close(work)
	wg.Wait()
	elapsed := time.Since(start)

	stored, storedApps, err := c.records(ctx, servers[0].base, job)
	if err != nil {
		return nil, err
	}
	var problems []error
	note := func(err error) { // the first few are enough to go on
		if len(problems) < 5 {
			problems = append(problems, err)
		}
	}
	firsts, replays, disagree, dups, missing, failed := 0, 0, 0, 0, 0, 0
	check := func(kind string, i int, r race, records []string) {
		first := 0
		for _, a := range r.answers {
			switch {
			case !a.ok():
				failed++
				note(fmt.Errorf("%s key %d: answer %d %v", kind, i, a.status, r.errs))
			case a.replayed:
				replays++
			default:
				first++
			}
			if a.id != r.answers[0].id || a.location != r.answers[0].location || a.etag != r.answers[0].etag {
				disagree++
			}
		}
		firsts += first
		switch {
		case len(records) == 0:
			missing++
		case len(records) > 1 || first > 1:
			dups++
		case records[0] != r.answers[0].id:
			note(fmt.Errorf("%s key %d answered %s, its record is %s", kind, i, r.answers[0].id, records[0]))
		}
	}
	for i := range o.keys {
		check("candidate", i, cands[i], stored[fmt.Sprint("K", i)])
		if id := cands[i].answers[0].id; id != "" {
			check("application", i, apps[i], storedApps[id])
		}
	}
	lines := []string{
		fmt.Sprintf("Replicas run: two `candor serve` processes on one database; %d keys, each raced by %d identical requests split between them, for a candidate and then an application (%d requests) in %.1f s.",
			o.keys, o.racers, 2*o.keys*o.racers, elapsed.Seconds()),
		"",
		"| measure | result |",
		"| --- | --- |",
		fmt.Sprintf("| candidates stored / keys | %d / %d |", countAll(stored), o.keys),
		fmt.Sprintf("| applications stored / keys | %d / %d |", countAll(storedApps), o.keys),
		fmt.Sprintf("| keys with two or more records (or two first answers) | %d |", dups),
		fmt.Sprintf("| keys without a record | %d |", missing),
		fmt.Sprintf("| answers: first / replayed / not 2xx | %d / %d / %d |", firsts, replays, failed),
		fmt.Sprintf("| answers that differ from their key's first (id, Location, ETag) | %d |", disagree),
		"",
	}
	if dups+missing+failed+disagree > 0 || len(problems) > 0 {
		return lines, fmt.Errorf("%d duplicated, %d missing, %d failed, %d differing: %w", dups, missing, failed, disagree, errors.Join(problems...))
	}
	return lines, nil
}
