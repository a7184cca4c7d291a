package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/candor-ats/candor/internal/config"
)

// env is what a subcommand gets: its arguments, the standard streams and the
// environment, passed in so that tests run commands in-process.
type env struct {
	args   []string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

type command struct {
	name, usage string
	run         func(ctx context.Context, e env) error
}

func commands() []command {
	return []command{
		{"serve", "serve the web UI, the API and background jobs (default)", cmdServe},
		{"worker", "run background jobs only", cmdWorker},
		{"migrate", "apply database migrations and exit", cmdMigrate},
		{"user", "manage users: add | list | disable | reset-password", cmdUser},
		{"token", "manage API tokens: create --user EMAIL", cmdToken},
		{"demo", "load a synthetic demo company (--candidates N --applications N)", cmdDemo},
		{"parse", "extract and parse resume files: parse FILE…", cmdParse},
		{"import", "import candidates: import FILE [--kind csv|zip|jsonresume] [--mapping …] [--dry-run] --as EMAIL", cmdImport},
		{"export", "export candidates: export --format csv|jsonresume [--as EMAIL] [--out FILE]", cmdExport},
		{"version", "print the version", cmdVersion},
	}
}

// exitStatus is an error for a command that already reported its failure:
// run exits with the status and prints nothing more.
type exitStatus int

func (e exitStatus) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// errUsage marks an error whose message is the usage text: exit status 2.
var errUsage = errors.New("usage")

// run executes one command line and returns the exit status.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	name := "serve"
	if len(args) > 0 && (!strings.HasPrefix(args[0], "-") || args[0] == "-h" || args[0] == "--help") {
		name, args = args[0], args[1:]
	}
	if name == "help" || name == "-h" || name == "--help" {
		usage(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		err := c.run(ctx, env{args: args, stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv})
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.As(err, new(exitStatus)):
			var st exitStatus
			errors.As(err, &st)
			return int(st)
		case errors.Is(err, errUsage):
			// The usage text follows the sentinel's own word.
			fmt.Fprintln(stderr, strings.TrimLeft(strings.TrimPrefix(err.Error(), errUsage.Error()), ":\n "))
			return 2
		}
		fmt.Fprintf(stderr, "candor %s: %v\n", name, err)
		return 1
	}
	fmt.Fprintf(stderr, "candor: unknown command %q\n\n", name)
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: candor [command] [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.usage)
	}
	fmt.Fprintln(w, "\nEvery command takes the configuration flags (candor serve -h lists them);")
	fmt.Fprintln(w, "each also reads its CANDOR_* environment variable.")
}

// flags returns a flag set with the configuration flags registered.
func flags(e env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("candor "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	config.Register(fs)
	return fs
}

// load parses the arguments and loads the configuration and logger. Logs go
// to stderr so that stdout carries only a command's answer.
func load(e env, fs *flag.FlagSet) (config.Config, *slog.Logger, error) {
	if err := fs.Parse(e.args); err != nil {
		return config.Config{}, nil, err
	}
	cfg, err := config.Load(fs, e.getenv)
	if err != nil {
		return config.Config{}, nil, fmt.Errorf("configuration:\n%w", err)
	}
	return cfg, cfg.Logger(e.stderr), nil
}
