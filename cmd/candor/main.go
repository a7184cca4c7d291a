// Command candor is Candor's one binary: it serves the recruiter UI and the
// API, runs background jobs, migrates the database and manages users.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/candor-ats/candor/internal/resume"
)

func main() {
	// The resume sandbox re-executes this binary; the child must not parse
	// flags or touch the database.
	if len(os.Args) > 1 && os.Args[1] == resume.ChildArg {
		os.Exit(resume.ChildMain(os.Stdin, os.Stdout))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}
