package parsing

import (
	"os"

	"github.com/candor-ats/candor/internal/resume"
)

// A process started by resume.Sandbox carries its marker in the
// environment. cmd/candor dispatches on its hidden argument before any flag
// parsing; test binaries cannot, and one that ignored the marker would run
// its whole test suite as the "child" (and maybe start children of its
// own). Dispatching here, at start-up, makes every binary that can enqueue
// parse work also able to do it in the sandbox.
func init() {
	if resume.IsChild() {
		os.Exit(resume.ChildMain(os.Stdin, os.Stdout))
	}
}
