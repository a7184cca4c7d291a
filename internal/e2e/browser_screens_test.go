package e2e

import (
	"os"
	"testing"
)

// TestBrowserScreenshots walks the pages people use all day on the demo
// company at desktop and phone sizes; with CANDOR_SCREENSHOTS set it saves
// what each shows (docs/screenshots, see docs/ui.md).
func TestBrowserScreenshots(t *testing.T) {
	w := newDemoWorld(t)
	prefix := "after"
	if p := os.Getenv("CANDOR_SCREENSHOTS_PREFIX"); p != "" {
		prefix = p
	}
	for _, v := range []viewport{desktop, phone} {
		w.b.do("viewport "+v.name, v.emulate())
		w.b.do("the board", open(w.a.URL+"/jobs/"+w.demo.LargeJobID, "#board"))
		w.shoot(prefix+"-board", v)
		w.b.do("the candidate", open(w.a.URL+"/candidates/"+w.candID, "main"))
		w.shoot(prefix+"-candidate", v)
		w.b.do("the candidates", open(w.a.URL+"/candidates", "main"))
		w.shoot(prefix+"-candidates", v)
	}
}
