package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// idleOptions are the flags of `candor-bench idle`.
type idleOptions struct {
	dbURL   string
	settle  time.Duration
	measure time.Duration
}

// referenceArg makes candor-bench run the reference server: a minimal Go
// HTTP server, idle the same way, so a figure can be read beside what any Go
// server costs on this machine.
const referenceArg = "__idle-reference"

func runReference(addr string) {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "ok\n") })
	if err := http.ListenAndServe(addr, mux); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// cmdIdle measures a server at rest: it builds candor, starts `candor serve`
// on a fresh data folder (or the given PostgreSQL database) and the
// reference server, lets both settle, then reads from /proc, over the
// measuring window, the CPU time (utime+stime of /proc/PID/stat) and the
// context switches (voluntary + nonvoluntary, summed over
// /proc/PID/task/*/status) of each process and its children. Each context
// switch is a thread going to sleep or being put off the CPU: the count per
// second is the process's wake-ups.
func cmdIdle(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("candor-bench idle", flag.ContinueOnError)
	var o idleOptions
	fs.StringVar(&o.dbURL, "db", "", "database URL (empty = SQLite in a temporary data folder)")
	fs.DurationVar(&o.settle, "settle", 20*time.Second, "time left to the servers to start up and go quiet before measuring")
	fs.DurationVar(&o.measure, "measure", 60*time.Second, "measuring window")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if o.settle < 0 || o.measure <= 0 {
		return fmt.Errorf("-settle must not be negative and -measure must be positive")
	}
	dir, err := os.MkdirTemp("", "candor-idle-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "candor")
	if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/candor").CombinedOutput(); err != nil {
		return fmt.Errorf("build: %v\n%s", err, out)
	}
	addr, err := freeAddr()
	if err != nil {
		return err
	}
	base := "http://" + addr
	srv := exec.CommandContext(ctx, bin, "serve")
	srv.Env = append(os.Environ(), "CANDOR_DATA_DIR="+filepath.Join(dir, "data"), "CANDOR_DATABASE_URL="+o.dbURL,
		"CANDOR_LOG_LEVEL=warn", "CANDOR_ADDR="+addr, "CANDOR_BASE_URL="+base)
	srv.Stdout, srv.Stderr = io.Discard, os.Stderr
	if err := srv.Start(); err != nil {
		return err
	}
	defer func() { _ = srv.Process.Signal(os.Interrupt); _ = srv.Wait() }()

	self, err := os.Executable()
	if err != nil {
		return err
	}
	refAddr, err := freeAddr()
	if err != nil {
		return err
	}
	ref := exec.CommandContext(ctx, self, referenceArg, refAddr)
	ref.Stdout, ref.Stderr = io.Discard, os.Stderr
	if err := ref.Start(); err != nil {
		return err
	}
	defer func() { _ = ref.Process.Kill(); _ = ref.Wait() }()

	if err := waitReady(ctx, base+"/readyz"); err != nil {
		return err
	}
	if err := waitReady(ctx, "http://"+refAddr+"/"); err != nil {
		return err
	}
	select {
	case <-time.After(o.settle):
	case <-ctx.Done():
		return ctx.Err()
	}
	c0, r0 := sampleTree(srv.Process.Pid), sampleTree(ref.Process.Pid)
	t0 := time.Now()
	select {
	case <-time.After(o.measure):
	case <-ctx.Done():
		return ctx.Err()
	}
	c1, r1 := sampleTree(srv.Process.Pid), sampleTree(ref.Process.Pid)
	secs := time.Since(t0).Seconds()
	cand, refr := c1.since(c0, secs), r1.since(r0, secs)

	engine := "SQLite"
	if o.dbURL != "" {
		engine = "PostgreSQL"
	}
	host, _ := os.Hostname()
	fmt.Printf("\n### idle server, %s, %s, %d s after %d s of settling, %s\n\n", engine,
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), int(secs), int(o.settle.Seconds()), host)
	fmt.Println("| process | CPU (% of one core) | wake-ups/s | threads |")
	fmt.Println("| --- | --- | --- | --- |")
	fmt.Printf("| candor serve (%s) | %.3f %% | %.1f | %d |\n", engine, cand.cpuPct, cand.wakeups, c1.threads)
	fmt.Printf("| reference: minimal Go net/http server | %.3f %% | %.1f | %d |\n", refr.cpuPct, refr.wakeups, r1.threads)
	fmt.Printf("| ratio candor / reference | %s | %s | |\n", ratio(cand.cpuPct, refr.cpuPct), ratio(cand.wakeups, refr.wakeups))
	return nil
}

func ratio(a, b float64) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f×", a/b)
}

// treeSample is the CPU time and context switches of a process and its
// descendants at one moment.
type treeSample struct {
	ticks    int64 // utime + stime, clock ticks
	switches int64 // voluntary + nonvoluntary context switches, all threads
	threads  int
}

type idleFigures struct{ cpuPct, wakeups float64 }

func (s treeSample) since(s0 treeSample, secs float64) idleFigures {
	const clkTck = 100 // USER_HZ on Linux
	return idleFigures{
		cpuPct:  float64(s.ticks-s0.ticks) / clkTck / secs * 100,
		wakeups: float64(s.switches-s0.switches) / secs,
	}
}

func sampleTree(root int) treeSample {
	var out treeSample
	for _, pid := range descendants(root) {
		if st, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid)); err == nil {
			// Fields after the command name (which may hold spaces) in ")":
			// state is field 3, utime 14 and stime 15.
			if i := strings.LastIndexByte(string(st), ')'); i > 0 {
				f := strings.Fields(string(st[i+1:]))
				if len(f) > 12 {
					u, _ := strconv.ParseInt(f[11], 10, 64)
					s, _ := strconv.ParseInt(f[12], 10, 64)
					out.ticks += u + s
				}
			}
		}
		tasks, _ := os.ReadDir(fmt.Sprintf("/proc/%d/task", pid))
		for _, t := range tasks {
			data, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/status", pid, t.Name()))
			if err != nil {
				continue
			}
			out.threads++
			for _, line := range strings.Split(string(data), "\n") {
				for _, k := range []string{"voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:"} {
					if v, ok := strings.CutPrefix(line, k); ok {
						n, _ := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
						out.switches += n
					}
				}
			}
		}
	}
	return out
}

// descendants returns root and every process below it (the resume
// sandbox's warm children, for candor).
func descendants(root int) []int {
	parent := map[int]int{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		st, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			continue
		}
		if i := strings.LastIndexByte(string(st), ')'); i > 0 {
			if f := strings.Fields(string(st[i+1:])); len(f) > 1 {
				parent[pid], _ = strconv.Atoi(f[1])
			}
		}
	}
	out := []int{root}
	for i := 0; i < len(out); i++ {
		for pid, pp := range parent {
			if pp == out[i] {
				out = append(out, pid)
			}
		}
	}
	return out
}
