package resume

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
)

// ChildArg is the hidden first argument that makes the binary run ChildMain.
const ChildArg = "__resume-extract"

// childEnv marks a process as the sandbox child, for binaries (such as test
// binaries) that cannot dispatch on os.Args[1]; childLimitsEnv carries the
// limits as JSON.
const (
	childEnv       = "CANDOR_RESUME_CHILD"
	childLimitsEnv = "CANDOR_RESUME_LIMITS"
)

// IsChild reports whether this process was started by Sandbox.Extract.
func IsChild() bool { return os.Getenv(childEnv) == "1" }

// childResult is the JSON the child writes on stdout.
type childResult struct {
	Document *Document   `json:"document,omitempty"`
	Error    *childError `json:"error,omitempty"`
}

type childError struct {
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

// ChildMain is the sandbox child: it caps its own CPU time and address
// space, reads one document from stdin, extracts it and writes a JSON result
// to stdout. main calls it when os.Args[1] == ChildArg.
func ChildMain(stdin io.Reader, stdout io.Writer) int {
	limits := DefaultLimits()
	if raw := os.Getenv(childLimitsEnv); raw != "" {
		if err := json.Unmarshal([]byte(raw), &limits); err != nil {
			fmt.Fprintln(os.Stderr, "resume child: bad limits:", err)
			return 2
		}
	}
	limits = limits.withDefaults()
	// One thread of work is all a single document needs, and fewer threads
	// mean less memory and a fairer share of the machine.
	runtime.GOMAXPROCS(1)
	debug.SetMemoryLimit(limits.MemoryBytes / 2)
	if err := applyChildRlimits(limits); err != nil {
		fmt.Fprintln(os.Stderr, "resume child: rlimit:", err)
		return 2
	}
	data, err := io.ReadAll(io.LimitReader(stdin, limits.MaxBytes+1))
	res := childResult{}
	switch {
	case err != nil:
		res.Error = &childError{Kind: "corrupt", Message: "reading input: " + err.Error()}
	case int64(len(data)) > limits.MaxBytes:
		res.Error = &childError{Kind: "too_large", Message: fmt.Sprintf("%s: more than %d bytes", ErrTooLarge, limits.MaxBytes)}
	default:
		doc, err := Extract(context.Background(), data, limits)
		if err != nil {
			res.Error = &childError{Kind: ErrorKind(err), Message: oneLine(err.Error())}
			if res.Error.Kind == "" {
				res.Error.Kind = "corrupt"
			}
		} else {
			res.Document = &doc
		}
	}
	if err := json.NewEncoder(stdout).Encode(res); err != nil {
		fmt.Fprintln(os.Stderr, "resume child: write:", err)
		return 2
	}
	return 0
}

func oneLine(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' || s[i] == '\r' {
			return s[:i]
		}
	}
	return s
}

// decodeChildResult turns the child's stdout into a Document or error.
func decodeChildResult(out []byte) (Document, error) {
	var res childResult
	if err := json.Unmarshal(out, &res); err != nil {
		return Document{}, fmt.Errorf("%w: sandbox returned no result", ErrCorrupt)
	}
	if res.Error != nil {
		return Document{}, errorFromKind(res.Error.Kind, res.Error.Message)
	}
	if res.Document == nil {
		return Document{}, errors.New("resume: sandbox returned an empty result")
	}
	return *res.Document, nil
}
