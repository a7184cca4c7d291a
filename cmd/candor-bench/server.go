package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"time"
)

// benchServer is a candor server started for a measurement: pinned to CPU 0
// with GOMAXPROCS=1, with an admin signed in (client) and an API token.
type benchServer struct {
	base    string
	token   string
	client  *http.Client
	cmd     *exec.Cmd
	startup time.Duration // from exec to /readyz answering
}

// startBenchServer adds the admin email (kept data may already hold it),
// makes a token, serves and signs in. Stop it with stop.
func startBenchServer(ctx context.Context, bin string, env []string, email string, stderr io.Writer) (*benchServer, error) {
	const password = "correct horse battery staple 42"
	add := exec.CommandContext(ctx, bin, "user", "add", "--email", email, "--name", "Bench Admin", "--role", "admin", "--password-stdin")
	add.Env, add.Stdin = env, strings.NewReader(password+"\n")
	addOut, addErr := add.CombinedOutput()
	tok := exec.CommandContext(ctx, bin, "token", "create", "--user", email)
	tok.Env = env
	tokOut, err := tok.Output()
	if err != nil {
		return nil, fmt.Errorf("token create: %v (user add: %v %s)", err, addErr, addOut)
	}
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	s := &benchServer{base: "http://" + addr, token: strings.TrimSpace(string(tokOut))}
	s.cmd = exec.CommandContext(ctx, "taskset", "-c", "0", bin, "serve")
	s.cmd.Env = append(env, "GOMAXPROCS=1", "CANDOR_ADDR="+addr, "CANDOR_BASE_URL="+s.base)
	s.cmd.Stderr, s.cmd.Stdout = stderr, io.Discard
	start := time.Now()
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	if err := waitReady(ctx, s.base+"/readyz"); err != nil {
		s.stop()
		return nil, err
	}
	s.startup = time.Since(start)
	if s.client, err = login(ctx, s.base, email, password); err != nil {
		s.stop()
		return nil, err
	}
	return s, nil
}

func (s *benchServer) stop() { _ = s.cmd.Process.Signal(os.Interrupt); _ = s.cmd.Wait() }
