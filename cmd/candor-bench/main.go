// Command candor-bench measures issue 2's speed and memory targets end to end:
// it builds candor, loads the demo company, starts the server pinned to one
// core with GOMAXPROCS=1, drives load from the other core, and prints a
// Markdown table for docs/benchmarks.md.
//
//	go run ./cmd/candor-bench                       # SQLite, 100k candidates / 500k applications
//	go run ./cmd/candor-bench -db postgres://postgres@127.0.0.1:5432/test?sslmode=disable
//
// `candor-bench reports [-db URL]` measures issue 13's reports on the same
// demo (reports.go).
//
// `candor-bench idle [-db URL]` measures issue 8's quiet idle server instead:
// CPU and wake-ups per second of `candor serve` at rest beside a minimal Go
// HTTP server (see idle.go). `candor-bench careers [-db URL]` measures issue
// 9's careers pages and intake (see careers.go); `candor-bench intake-crash`
// its crash safety under SIGKILL (crash.go).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"time"
)

func main() {
	if len(os.Args) > 2 && os.Args[1] == referenceArg {
		runReference(os.Args[2])
		return
	}
	if len(os.Args) > 4 && os.Args[1] == careersRefArg {
		runCareersReference(os.Args[2], os.Args[3], os.Args[4])
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "careers" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		if err := cmdCareers(ctx, os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "candor-bench careers:", err)
			os.Exit(1)
		}
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "intake-crash" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		if err := cmdIntakeCrash(ctx, os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "candor-bench intake-crash:", err)
			os.Exit(1)
		}
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "reports" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		if err := cmdReports(ctx, os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "candor-bench reports:", err)
			os.Exit(1)
		}
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "idle" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		if err := cmdIdle(ctx, os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, "candor-bench idle:", err)
			os.Exit(1)
		}
		return
	}
	var o options
	flag.StringVar(&o.dbURL, "db", "", "database URL (empty = SQLite in a temporary data folder)")
	flag.IntVar(&o.candidates, "candidates", 100_000, "demo candidates")
	flag.IntVar(&o.applications, "applications", 500_000, "demo applications")
	flag.DurationVar(&o.duration, "duration", 20*time.Second, "load duration for the list page")
	flag.IntVar(&o.concurrency, "c", 16, "concurrent connections for the list page")
	flag.IntVar(&o.samples, "samples", 300, "sequential samples for the board and API create")
	flag.StringVar(&o.keep, "keep", "", "keep the data folder here instead of a temporary one")
	flag.Parse()
	if o.candidates < 1 || o.applications < 1 || o.duration <= 0 || o.concurrency < 1 || o.samples < 1 {
		fmt.Fprintln(os.Stderr, "candor-bench: -candidates, -applications, -duration, -c and -samples must be positive")
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rep, err := run(ctx, o)
	if err != nil {
		fmt.Fprintln(os.Stderr, "candor-bench:", err)
		os.Exit(1)
	}
	host, _ := os.Hostname()
	fmt.Printf("\n### %s, %s, %s, %d CPUs (%s)\n\n", rep.engine, time.Now().UTC().Format("2006-01-02"), runtime.Version(), runtime.NumCPU(), host)
	fmt.Print(rep.markdown())
}
