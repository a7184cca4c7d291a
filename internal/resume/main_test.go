package resume

import (
	"bytes"
	"io"
	"os"
	"runtime"
	"testing"
)

// TestMain lets the test binary act as the sandbox child: Sandbox.Extract
// re-executes it with CANDOR_RESUME_CHILD=1, as the candor binary does with
// its hidden subcommand. Documents that start with testMisbehave select a
// parser gone wrong, which the sandbox tests must contain.
func TestMain(m *testing.M) {
	if IsChild() {
		childHook = misbehave
		os.Exit(ChildMain(os.Stdin, os.Stdout))
	}
	os.Exit(m.Run())
}

const testMisbehave = "candor-test-misbehave:"

// misbehave simulates a parser gone wrong inside a warm child, under the
// rlimits the child set at start.
func misbehave(data []byte, stdout io.Writer) bool {
	mode, ok := bytes.CutPrefix(data, []byte(testMisbehave))
	if !ok {
		return false
	}
	switch string(mode) {
	case "spin":
		x := 0
		for {
			x++
		}
	case "hog":
		var keep [][]byte
		for {
			b := make([]byte, 16<<20)
			for i := range b {
				b[i] = 1
			}
			keep = append(keep, b)
			runtime.KeepAlive(keep)
		}
	case "garbage":
		stdout.Write([]byte("not a frame at all"))
		return true
	case "crash":
		os.Stderr.WriteString("simulated parser crash\n")
		os.Exit(3)
	}
	return false
}
