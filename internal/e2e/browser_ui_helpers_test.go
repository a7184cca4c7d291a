package e2e

import (
	"context"
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/candor-ats/candor/internal/app/apptest"
	"github.com/candor-ats/candor/internal/demo"
	"github.com/candor-ats/candor/internal/hiring"
)

// EnvScreenshots names a folder the UI tests save their screenshots to
// (docs/screenshots when the pictures in docs/ui.md are renewed).
const EnvScreenshots = "CANDOR_SCREENSHOTS"

// viewport is a screen a person uses Candor on.
type viewport struct {
	name          string
	width, height int64
	mobile        bool
}

var (
	desktop = viewport{"desktop", 1366, 900, false}
	phone   = viewport{"phone", 390, 844, true}
)

func (v viewport) emulate() chromedp.Action[chromedp.Void] {
	if v.mobile {
		return chromedp.EmulateViewport(v.width, v.height, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	return chromedp.EmulateViewport(v.width, v.height)
}

// demoWorld is a small demo company with a signed-in admin in a browser.
type demoWorld struct {
	a      *apptest.App
	b      *browser
	admin  hiring.User
	demo   demo.Result
	candID string // a candidate with an application on the large job
}

// newDemoWorld loads a synthetic demo company (deterministic, no real data)
// and signs an admin in.
func newDemoWorld(t *testing.T) *demoWorld {
	t.Helper()
	bin := chromiumPath(t)
	a := apptest.New(t)
	ctx := context.Background()
	res, err := demo.Load(ctx, a.DB, a.Blobs, demo.Options{Candidates: 400, Applications: 1200, LargeJob: 160})
	if err != nil {
		t.Fatal(err)
	}
	admin := a.CreateUser(hiring.RoleAdmin)
	// Many pages at two sizes, each checked by axe: more than one flow's time.
	b := &browser{t: t, ctx: newBrowserFor(t, bin, 5*time.Minute), dir: t.TempDir()}
	b.do("open the login page", open(a.URL+"/login", "#login-form"), keys("#f-email", admin.Email), keys("#f-password", apptest.Password))
	b.submit("log in", `#login-form button[type="submit"]`)
	b.do("signed in", chromedp.WaitReady(chromedp.CSS(`form[action="/logout"]`)))
	apps, err := a.DB.ListApplications(a.System(), hiring.ApplicationFilter{JobID: res.LargeJobID}, hiring.PageRequest{Limit: 1})
	if err != nil || len(apps.Items) == 0 {
		t.Fatalf("applications of the large job: %v, %v", apps.Items, err)
	}
	return &demoWorld{a: a, b: b, admin: admin, demo: res, candID: apps.Items[0].CandidateID}
}

// shoot saves what the viewport shows as name-<viewport>.png in the
// screenshot folder, when one is set.
func (w *demoWorld) shoot(name string, v viewport) {
	w.b.t.Helper()
	dir := os.Getenv(EnvScreenshots)
	if dir == "" {
		return
	}
	png := run(w.b, "screenshot "+name, chromedp.CaptureScreenshot())
	path := filepath.Join(dir, fmt.Sprintf("%s-%s.png", name, v.name))
	if err := os.WriteFile(path, png, 0o644); err != nil {
		w.b.t.Fatal(err)
	}
}

//go:embed testdata/axe/axe.min.js
var axeSource string

type axeViolation struct {
	ID    string `json:"id"`
	Help  string `json:"help"`
	Nodes []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
	} `json:"nodes"`
}

// axeClean runs axe-core (WCAG 2.x A and AA rules and best practices) on the
// page in the browser and fails the test on any violation.
func (b *browser) axeClean(page string) {
	b.t.Helper()
	run(b, "load axe-core", chromedp.Evaluate[bool](axeSource+";true"))
	vs := run(b, "axe "+page, chromedp.Evaluate[[]axeViolation](
		`axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations)`, chromedp.EvalAwaitPromise))
	for _, v := range vs {
		for _, n := range v.Nodes {
			b.t.Errorf("axe on %s: %s (%s) at %v: %s", page, v.ID, v.Help, n.Target, n.HTML)
		}
	}
}

// noSideScroll fails when the page is wider than the window (a phone would
// scroll sideways).
func (b *browser) noSideScroll(page string) {
	b.t.Helper()
	w := run(b, "measure "+page, chromedp.Evaluate[[]int](`[document.documentElement.scrollWidth, window.innerWidth]`))
	if w[0] > w[1] {
		b.t.Errorf("%s is %d px wide in a %d px window: it scrolls sideways", page, w[0], w[1])
	}
}
