package resume

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Sandbox runs extraction in child processes: the same binary re-executed
// with ChildArg. A crash, runaway loop or memory blow-up in a parser then
// costs one child, never the server.
//
// Children are kept warm: a pool of PoolSize long-lived children each
// extract documents one after another, so the binary's start-up (every
// package initializer) is paid once per RecycleAfter documents rather than
// once per document. Each child caps its own address space (RLIMIT_AS);
// the parent bounds each document's wall-clock time and CPU time (measured
// from /proc) and kills the child that exceeds either. A child that dies,
// times out or answers garbage costs only the document it was working on:
// that document gets a typed error and the next one gets a fresh child.
//
// Limits, Exe and Args are read when a child starts; set them before the
// first Extract. A Sandbox is safe for concurrent use; Close stops its
// children. The zero value is ready to use.
type Sandbox struct {
	Exe          string   // program to run; defaults to os.Executable()
	Args         []string // extra arguments after ChildArg
	Limits       Limits
	PoolSize     int // children kept running, the most documents extracted at once; default 1
	RecycleAfter int // documents a child extracts before it is replaced; default 200

	mu     sync.Mutex
	slots  chan *sandboxChild // PoolSize entries; nil means "not started"
	closed bool
}

// ErrSandboxClosed is returned by Extract after Close.
var ErrSandboxClosed = errors.New("resume sandbox: closed")

// DefaultRecycleAfter is the number of documents a child extracts before
// it is replaced, which bounds what any leak in a parser can accumulate.
const DefaultRecycleAfter = 200

func (s *Sandbox) pool() (chan *sandboxChild, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, ErrSandboxClosed
	}
	if s.slots == nil {
		n := max(s.PoolSize, 1)
		s.slots = make(chan *sandboxChild, n)
		for i := 0; i < n; i++ {
			s.slots <- nil
		}
	}
	return s.slots, nil
}

// Extract extracts data in a warm child and returns the document, with
// the child's cost of it in Document.Stats. A document that crashes the
// child, or exceeds Limits.WallClock, Limits.CPUSeconds or the memory limit,
// returns an error matching ErrLimitExceeded or ErrCorrupt and the child is
// replaced; other documents are unaffected. When ctx ends first, the child
// is killed and ctx's error returned.
func (s *Sandbox) Extract(ctx context.Context, data []byte) (Document, error) {
	limits := s.Limits.withDefaults()
	if int64(len(data)) > limits.MaxBytes {
		return Document{}, fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, len(data), limits.MaxBytes)
	}
	slots, err := s.pool()
	if err != nil {
		return Document{}, err
	}
	var c *sandboxChild
	select {
	case c = <-slots:
	case <-ctx.Done():
		return Document{}, ctx.Err()
	}
	defer func() { s.release(slots, c) }()
	if c == nil {
		if c, err = s.start(ctx, limits); err != nil {
			return Document{}, err
		}
	}
	doc, err := c.extract(ctx, data, limits)
	if c.dead {
		c = nil
	} else if c.served >= s.recycleAfter() || c.totalCPU+time.Duration(limits.CPUSeconds)*time.Second+time.Second > childCPUBudget(limits) {
		c.kill()
		c = nil
	}
	return doc, err
}

func (s *Sandbox) recycleAfter() int {
	if s.RecycleAfter > 0 {
		return s.RecycleAfter
	}
	return DefaultRecycleAfter
}

// release returns a child (or nil, for "start a new one") to the pool.
func (s *Sandbox) release(slots chan *sandboxChild, c *sandboxChild) {
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	if closed && c != nil {
		c.kill()
		c = nil
	}
	slots <- c
}

// Close stops the idle children; children busy with a document stop when it
// is done. Extract returns ErrSandboxClosed afterwards.
func (s *Sandbox) Close() error {
	s.mu.Lock()
	s.closed = true
	slots := s.slots
	s.mu.Unlock()
	if slots == nil {
		return nil
	}
	var n int
	for done := false; !done; {
		select {
		case c := <-slots:
			if c != nil {
				c.kill()
			}
			n++
		default:
			done = true
		}
	}
	for ; n > 0; n-- {
		slots <- nil
	}
	return nil
}

// childStartTimeout bounds a child's start-up (every package initializer
// of the binary) when Limits.WallClock is shorter.
const childStartTimeout = 30 * time.Second

// childCPUBudget is the CPU time a child may use over its life: its
// RLIMIT_CPU backstop. The parent retires a child before a document could
// reach it.
func childCPUBudget(l Limits) time.Duration {
	return time.Duration(max(6*l.CPUSeconds, 30)) * time.Second
}

// sandboxChild is one running child process.
type sandboxChild struct {
	cmd      *exec.Cmd
	pid      int
	stdin    *os.File // parent's write end
	stdout   *os.File // parent's read end
	in       *bufio.Reader
	stderr   *stderrBuffer
	exited   chan struct{} // closed when cmd.Wait returns
	served   int
	totalCPU time.Duration // child CPU time after its last answer
	dead     bool
}

func (s *Sandbox) start(ctx context.Context, limits Limits) (*sandboxChild, error) {
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	if closed {
		return nil, ErrSandboxClosed
	}
	exe := s.Exe
	if exe == "" {
		var err error
		if exe, err = os.Executable(); err != nil {
			return nil, fmt.Errorf("resume sandbox: %w", err)
		}
	}
	limitsJSON, err := json.Marshal(limits)
	if err != nil {
		return nil, fmt.Errorf("resume sandbox: %w", err)
	}
	inR, inW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("resume sandbox: %w", err)
	}
	outR, outW, err := os.Pipe()
	if err != nil {
		inR.Close()
		inW.Close()
		return nil, fmt.Errorf("resume sandbox: %w", err)
	}
	cmd := exec.Command(exe, append([]string{ChildArg}, s.Args...)...)
	cmd.Env = childEnviron(string(limitsJSON))
	cmd.Stdin, cmd.Stdout = inR, outW
	c := &sandboxChild{cmd: cmd, stdin: inW, stdout: outR, stderr: &stderrBuffer{max: 8 << 10}, exited: make(chan struct{})}
	cmd.Stderr = c.stderr
	cmd.SysProcAttr = childSysProcAttr()
	cmd.WaitDelay = time.Second
	err = cmd.Start()
	inR.Close()
	outW.Close()
	if err != nil {
		inW.Close()
		outR.Close()
		return nil, fmt.Errorf("resume sandbox: %w", err)
	}
	c.pid = cmd.Process.Pid
	c.in = bufio.NewReaderSize(outR, 64<<10)
	go func() {
		cmd.Wait()
		close(c.exited)
	}()
	// The ready frame proves the binary dispatched to ChildMain and set
	// its limits.
	// Start-up is not the document's fault, so it has its own deadline and
	// its failures match none of the document errors.
	res, err := c.roundTrip(ctx, nil, limits, max(limits.WallClock, childStartTimeout), false)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("resume sandbox: child did not start: %v", err)
	}
	if !res.Ready {
		c.kill()
		return nil, errors.New("resume sandbox: child did not start: no ready frame")
	}
	c.totalCPU = res.TotalCPU
	return c, nil
}

// extract sends one document and waits for its answer.
func (c *sandboxChild) extract(ctx context.Context, data []byte, limits Limits) (Document, error) {
	start := time.Now()
	c.stderr.reset()
	res, err := c.roundTrip(ctx, data, limits, limits.WallClock, true)
	if err != nil {
		return Document{}, err
	}
	c.served++
	cpuBefore := c.totalCPU
	c.totalCPU = res.TotalCPU
	doc, err := resultDocument(res)
	if err != nil {
		return Document{}, err
	}
	if doc.Stats == nil {
		doc.Stats = &Stats{}
	}
	// The child's whole CPU cost of the document: reading, extracting and
	// encoding the answer.
	doc.Stats.CPUTime = res.TotalCPU - cpuBefore
	doc.Stats.WallTime = time.Since(start)
	doc.Stats.PID = c.pid
	return doc, nil
}

type frameResult struct {
	res childResult
	err error
}

// roundTrip writes a request frame (unless data is nil and send is false)
// and reads the answer, killing the child when the wall clock, the CPU
// limit or ctx runs out first, or when the child breaks the protocol.
func (c *sandboxChild) roundTrip(ctx context.Context, data []byte, limits Limits, wall time.Duration, send bool) (childResult, error) {
	done := make(chan frameResult, 1)
	go func() {
		if send {
			var hdr [4]byte
			binary.BigEndian.PutUint32(hdr[:], uint32(len(data)))
			if _, err := c.stdin.Write(append(hdr[:], data...)); err != nil {
				done <- frameResult{err: err}
				return
			}
		}
		res, err := readFrame(c.in, 8*limits.MaxTextBytes+1<<16)
		done <- frameResult{res, err}
	}()
	wallTimer := time.NewTimer(wall)
	defer wallTimer.Stop()
	// The CPU a child can burn is at most about the wall time that passed
	// (it runs with GOMAXPROCS=1), so CPU is read from /proc only when the
	// limit could have been reached, and again after the time still left.
	cpuLimit := time.Duration(limits.CPUSeconds) * time.Second
	cpuTimer := time.NewTimer(cpuLimit)
	defer cpuTimer.Stop()
	for {
		select {
		case r := <-done:
			if r.err == nil {
				return r.res, nil
			}
			if errors.Is(r.err, errProtocol) {
				c.kill()
				return childResult{}, fmt.Errorf("%w: sandbox returned no result", ErrCorrupt)
			}
			// The pipe broke: the child died. Its exit status says why.
			select {
			case <-c.exited:
			case <-time.After(2 * time.Second):
			}
			c.kill()
			return childResult{}, childFailure(c.cmd.ProcessState, c.stderr.String(), limits)
		case <-wallTimer.C:
			c.kill()
			return childResult{}, fmt.Errorf("%w: extraction took longer than %s", ErrLimitExceeded, wall)
		case <-cpuTimer.C:
			used := procCPU(c.pid)
			if used < 0 {
				continue // exited; done will say how
			}
			used -= c.totalCPU
			if send && used >= cpuLimit {
				c.kill()
				return childResult{}, fmt.Errorf("%w: extraction killed at its CPU limit (%ds)", ErrLimitExceeded, limits.CPUSeconds)
			}
			cpuTimer.Reset(max(cpuLimit-used, 20*time.Millisecond))
		case <-ctx.Done():
			c.kill()
			return childResult{}, ctx.Err()
		}
	}
}

// kill stops the child's process group and releases its pipes.
func (c *sandboxChild) kill() {
	if c.dead {
		return
	}
	c.dead = true
	killGroup(c.pid)
	c.stdin.Close()
	<-c.exited
	c.stdout.Close()
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

// childFailure explains a child that died while extracting.
func childFailure(ps *os.ProcessState, stderr string, limits Limits) error {
	if ps != nil {
		if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			switch ws.Signal() {
			case syscall.SIGXCPU:
				return fmt.Errorf("%w: extraction killed at its CPU limit", ErrLimitExceeded)
			case syscall.SIGKILL:
				// RLIMIT_CPU's hard limit and the kernel's OOM killer both
				// send SIGKILL.
				return fmt.Errorf("%w: extraction killed at its CPU or memory limit", ErrLimitExceeded)
			}
			return fmt.Errorf("%w: extractor died with %s", ErrCorrupt, ws.Signal())
		}
	}
	low := strings.ToLower(stderr)
	if strings.Contains(low, "out of memory") || strings.Contains(low, "cannot allocate memory") || strings.Contains(low, "failed to allocate") {
		return fmt.Errorf("%w: extraction stopped at its memory limit (%d MB)", ErrLimitExceeded, limits.MemoryBytes>>20)
	}
	msg := firstLine(strings.TrimSpace(stderr))
	if msg == "" {
		msg = "exited without an answer"
	}
	return fmt.Errorf("%w: extractor failed: %s", ErrCorrupt, msg)
}

// stderrBuffer keeps the first max bytes the child wrote to stderr since
// the last reset (the start of the current document), where the Go
// runtime's "fatal error: out of memory" line is.
type stderrBuffer struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (b *stderrBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := b.max - len(b.buf); room > 0 {
		b.buf = append(b.buf, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

func (b *stderrBuffer) reset() {
	b.mu.Lock()
	b.buf = b.buf[:0]
	b.mu.Unlock()
}

func (b *stderrBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}
