package resume

import (
	"bufio"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"time"
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

// IsChild reports whether this process was started by a Sandbox.
func IsChild() bool { return os.Getenv(childEnv) == "1" }

// The protocol between parent and child, on the child's stdin and stdout.
// The child first sends a ready frame. Then, for each document, the parent
// writes a request frame (4-byte big-endian length, then the document) and
// the child answers with one response frame (frameMagic, 4-byte big-endian
// length, then a JSON childResult). EOF on stdin ends the child.
const frameMagic = "CRX1"

// childResult is the JSON of one response frame.
type childResult struct {
	Ready    bool        `json:"ready,omitempty"` // the start-up frame
	Document *Document   `json:"document,omitempty"`
	Error    *childError `json:"error,omitempty"`
	// TotalCPU is the child's CPU time since it started, so the parent
	// can bound the next document's CPU and the child's lifetime.
	TotalCPU time.Duration `json:"totalCPU"`
}

type childError struct {
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

// childHook, when set (by tests only), sees each document before
// extraction and may take it over, to simulate a parser gone wrong.
var childHook func(data []byte, stdout io.Writer) bool

// ChildMain is the sandbox child: it caps its own address space and CPU
// time, then extracts documents one after another, reading request frames
// from stdin and writing response frames to stdout, until stdin ends. main
// calls it when os.Args[1] == ChildArg.
func ChildMain(stdin io.Reader, stdout io.Writer) int {
	limits := DefaultLimits()
	if raw := os.Getenv(childLimitsEnv); raw != "" {
		if err := json.Unmarshal([]byte(raw), &limits); err != nil {
			fmt.Fprintln(os.Stderr, "resume child: bad limits:", err)
			return 2
		}
	}
	limits = limits.withDefaults()
	// One thread of work is all a document needs, and fewer threads mean
	// less memory and a fairer share of the machine.
	runtime.GOMAXPROCS(1)
	debug.SetMemoryLimit(limits.MemoryBytes / 2)
	if err := applyChildRlimits(limits); err != nil {
		fmt.Fprintln(os.Stderr, "resume child: rlimit:", err)
		return 2
	}
	in := bufio.NewReaderSize(stdin, 64<<10)
	out := bufio.NewWriterSize(stdout, 64<<10)
	if err := writeFrame(out, childResult{Ready: true, TotalCPU: selfCPU()}); err != nil {
		fmt.Fprintln(os.Stderr, "resume child: write:", err)
		return 2
	}
	var hdr [4]byte
	for {
		if _, err := io.ReadFull(in, hdr[:]); err != nil {
			if errors.Is(err, io.EOF) {
				return 0 // the parent closed stdin: recycle or shutdown
			}
			fmt.Fprintln(os.Stderr, "resume child: read:", err)
			return 2
		}
		n := int64(binary.BigEndian.Uint32(hdr[:]))
		res := childResult{}
		if n > limits.MaxBytes {
			if _, err := io.CopyN(io.Discard, in, n); err != nil {
				fmt.Fprintln(os.Stderr, "resume child: read:", err)
				return 2
			}
			res.Error = &childError{Kind: "too_large", Message: fmt.Sprintf("%s: more than %d bytes", ErrTooLarge, limits.MaxBytes)}
		} else {
			data := make([]byte, n)
			if _, err := io.ReadFull(in, data); err != nil {
				fmt.Fprintln(os.Stderr, "resume child: read:", err)
				return 2
			}
			if childHook != nil && childHook(data, stdout) {
				continue
			}
			res = extractOne(data, limits)
		}
		res.TotalCPU = selfCPU()
		if err := writeFrame(out, res); err != nil {
			fmt.Fprintln(os.Stderr, "resume child: write:", err)
			return 2
		}
	}
}

// extractOne extracts one document and measures it: the peak RSS counter
// is reset first, so VmHWM afterwards is this document's peak.
func extractOne(data []byte, limits Limits) childResult {
	resetPeakRSS()
	base := readRSS("VmRSS:")
	doc, err := Extract(context.Background(), data, limits)
	if err != nil {
		e := &childError{Kind: ErrorKind(err), Message: oneLine(err.Error())}
		if e.Kind == "" {
			e.Kind = "corrupt"
		}
		return childResult{Error: e}
	}
	doc.Stats = &Stats{PeakRSSBytes: readRSS("VmHWM:"), BaseRSSBytes: base}
	return childResult{Document: &doc}
}

func writeFrame(w *bufio.Writer, res childResult) error {
	body, err := json.Marshal(res)
	if err != nil {
		return err
	}
	var hdr [8]byte
	copy(hdr[:4], frameMagic)
	binary.BigEndian.PutUint32(hdr[4:], uint32(len(body)))
	w.Write(hdr[:])
	w.Write(body)
	return w.Flush()
}

// errProtocol marks a child that answered something other than a frame.
var errProtocol = errors.New("sandbox protocol error")

// readFrame reads one response frame of at most max bytes.
func readFrame(r io.Reader, max int) (childResult, error) {
	var hdr [8]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return childResult{}, err
	}
	if string(hdr[:4]) != frameMagic {
		return childResult{}, errProtocol
	}
	n := int(binary.BigEndian.Uint32(hdr[4:]))
	if n > max {
		return childResult{}, errProtocol
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(r, body); err != nil {
		return childResult{}, err
	}
	var res childResult
	if err := json.Unmarshal(body, &res); err != nil {
		return childResult{}, errProtocol
	}
	return res, nil
}

func oneLine(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' || s[i] == '\r' {
			return s[:i]
		}
	}
	return s
}

// resultDocument turns a response frame into a Document or error.
func resultDocument(res childResult) (Document, error) {
	if res.Error != nil {
		return Document{}, errorFromKind(res.Error.Kind, res.Error.Message)
	}
	if res.Document == nil {
		return Document{}, fmt.Errorf("%w: sandbox returned an empty result", ErrCorrupt)
	}
	return *res.Document, nil
}
