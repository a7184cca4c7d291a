package resume

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// Sandbox runs extraction in a child process: the same binary re-executed
// with ChildArg. A crash, runaway loop or memory blow-up in a parser then
// costs one child, never the server.
type Sandbox struct {
	Exe    string   // program to run; defaults to os.Executable()
	Args   []string // extra arguments after ChildArg
	Limits Limits
}

// Extract sends data to a fresh child and returns the extracted document.
// The child limits its CPU time and address space; the parent kills it when
// ctx ends or Limits.WallClock passes.
func (s *Sandbox) Extract(ctx context.Context, data []byte) (Document, error) {
	limits := s.Limits.withDefaults()
	if int64(len(data)) > limits.MaxBytes {
		return Document{}, fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, len(data), limits.MaxBytes)
	}
	exe := s.Exe
	if exe == "" {
		var err error
		if exe, err = os.Executable(); err != nil {
			return Document{}, fmt.Errorf("resume sandbox: %w", err)
		}
	}
	limitsJSON, err := json.Marshal(limits)
	if err != nil {
		return Document{}, fmt.Errorf("resume sandbox: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, limits.WallClock)
	defer cancel()
	cmd := exec.CommandContext(ctx, exe, append([]string{ChildArg}, s.Args...)...)
	cmd.Env = childEnviron(string(limitsJSON))
	cmd.Stdin = bytes.NewReader(data)
	stdout := &limitedBuffer{max: 2*limits.MaxTextBytes + 1<<16}
	stderr := &limitedBuffer{max: 8 << 10}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.SysProcAttr = childSysProcAttr()
	cmd.Cancel = func() error { return killGroup(cmd.Process.Pid) }
	cmd.WaitDelay = time.Second
	start := time.Now()
	runErr := cmd.Run()
	wall := time.Since(start)
	stats := processStats(cmd.ProcessState, wall)
	if ctx.Err() != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) && wall >= limits.WallClock-10*time.Millisecond {
			return Document{}, fmt.Errorf("%w: extraction took longer than %s", ErrLimitExceeded, limits.WallClock)
		}
		return Document{}, ctx.Err()
	}
	if runErr != nil {
		return Document{}, childFailure(runErr, cmd.ProcessState, stderr.String(), limits)
	}
	doc, err := decodeChildResult(stdout.Bytes())
	if err != nil {
		return Document{}, err
	}
	doc.Stats = stats
	return doc, nil
}

// childEnviron passes only what the child needs: no secrets from the
// server's environment reach parser code.
func childEnviron(limitsJSON string) []string {
	env := []string{childEnv + "=1", childLimitsEnv + "=" + limitsJSON, "PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8"}
	for _, k := range []string{"GOCOVERDIR", "TMPDIR"} {
		if v, ok := os.LookupEnv(k); ok {
			env = append(env, k+"="+v)
		}
	}
	return env
}

// childFailure explains a child that did not exit cleanly.
func childFailure(runErr error, ps *os.ProcessState, stderr string, limits Limits) error {
	if ps != nil {
		if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			switch ws.Signal() {
			case syscall.SIGXCPU:
				return fmt.Errorf("%w: extraction killed at its CPU limit (%ds)", ErrLimitExceeded, limits.CPUSeconds)
			case syscall.SIGKILL:
				// RLIMIT_CPU's hard limit and the kernel's OOM killer both
				// send SIGKILL.
				return fmt.Errorf("%w: extraction killed at its CPU or memory limit", ErrLimitExceeded)
			}
			return fmt.Errorf("%w: extractor died with %s", ErrCorrupt, ws.Signal())
		}
	}
	low := strings.ToLower(stderr)
	if strings.Contains(low, "out of memory") || strings.Contains(low, "cannot allocate memory") {
		return fmt.Errorf("%w: extraction stopped at its memory limit (%d MB)", ErrLimitExceeded, limits.MemoryBytes>>20)
	}
	return fmt.Errorf("%w: extractor failed: %s", ErrCorrupt, firstLine(strings.TrimSpace(stderr)))
}

func processStats(ps *os.ProcessState, wall time.Duration) *Stats {
	st := &Stats{WallTime: wall}
	if ps == nil {
		return st
	}
	st.CPUTime = ps.UserTime() + ps.SystemTime()
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		st.PeakRSSBytes = int64(ru.Maxrss) * 1024 // Linux reports KiB
	}
	return st
}
