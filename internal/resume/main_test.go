package resume

import (
	"os"
	"runtime"
	"testing"
)

// TestMain lets the test binary act as the sandbox child: Sandbox.Extract
// re-executes it with CANDOR_RESUME_CHILD=1, as the candor binary does with
// its hidden subcommand. Extra arguments select misbehaving children that
// the sandbox tests must contain.
func TestMain(m *testing.M) {
	if IsChild() {
		if len(os.Args) > 2 {
			misbehave(os.Args[2])
		}
		os.Exit(ChildMain(os.Stdin, os.Stdout))
	}
	os.Exit(m.Run())
}

// misbehave simulates a parser gone wrong, under the same rlimits the real
// child sets.
func misbehave(mode string) {
	limits := DefaultLimits()
	if raw := os.Getenv(childLimitsEnv); raw != "" {
		_ = jsonUnmarshal(raw, &limits)
	}
	_ = applyChildRlimits(limits.withDefaults())
	switch mode {
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
		os.Stdout.WriteString("not json")
		os.Exit(0)
	}
}
