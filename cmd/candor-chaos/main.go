// Command candor-chaos checks that Idempotency-Key survives crashes and
// replicas against real candor server processes (issue 8, item 1):
//
//   - kill9: keyed creates of candidates and applications while the server
//     is SIGKILLed and restarted; unanswered requests are retried with the
//     same key; at the end every key must map to exactly one record;
//   - replicas: two server processes on one database receive the same keyed
//     requests at once; every key must create exactly one record, and every
//     racer must get that record's answer.
//
// It builds candor, prints a Markdown summary for docs/robustness.md and
// exits 1 when a check fails.
//
//	go run ./cmd/candor-chaos                                   # SQLite, kill9 only
//	go run ./cmd/candor-chaos -db postgres://postgres@127.0.0.1:5432/candor_chaos?sslmode=disable
//
// The PostgreSQL database must exist; rows of earlier runs do not matter (each
// run marks its records with a run id).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"time"
)

func main() {
	var o options
	flag.StringVar(&o.dbURL, "db", "", "database URL (empty = SQLite in a temporary data folder)")
	flag.IntVar(&o.creates, "creates", 2000, "keyed creates in the kill run (half candidates, half applications)")
	flag.IntVar(&o.kills, "kills", 6, "SIGKILLs during the kill run")
	flag.IntVar(&o.workers, "c", 8, "concurrent clients")
	flag.IntVar(&o.keys, "keys", 300, "keys raced in the replicas run (each a candidate and an application)")
	flag.IntVar(&o.racers, "racers", 4, "requests per key in the replicas run, spread over the two servers")
	flag.StringVar(&o.only, "only", "", `run only "kill9" or "replicas" (default both; replicas needs a shared database, so -db or SQLite's shared folder)`)
	flag.Parse()
	if o.creates < 2 || o.kills < 0 || o.workers < 1 || o.keys < 1 || o.racers < 2 {
		fmt.Fprintln(os.Stderr, "candor-chaos: -creates ≥ 2, -kills ≥ 0, -c ≥ 1, -keys ≥ 1, -racers ≥ 2")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	host, _ := os.Hostname()
	engine := "SQLite"
	if o.dbURL != "" {
		engine = "PostgreSQL"
	}
	fmt.Printf("### %s, %s, %s, %d CPUs (%s)\n\n", engine, time.Now().UTC().Format("2006-01-02 15:04 UTC"), runtime.Version(), runtime.NumCPU(), host)
	failed := false
	for _, name := range []string{"kill9", "replicas"} {
		if o.only != "" && o.only != name {
			continue
		}
		var (
			lines []string
			err   error
		)
		if name == "kill9" {
			lines, err = killRun(ctx, o)
		} else {
			lines, err = replicaRun(ctx, o)
		}
		fmt.Println(strings.Join(lines, "\n"))
		if err != nil {
			fmt.Printf("\n**%s FAILED**: %v\n\n", name, err)
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
}
