package e2e

import (
	"fmt"
	"net/http"
	"os"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/candor-ats/candor/internal/app/apptest"
)

// TestBrowserDailyPages checks, in Chromium on the demo company at 1366×900
// and 390×844, what a recruiter sees on the pages used all day: the
// navigation, dashboard, jobs list, job page and board, candidates list — and
// that axe-core finds no violation on any of them. With CANDOR_SCREENSHOTS
// set it saves what each shows (docs/ui.md).
func TestBrowserDailyPages(t *testing.T) {
	w := newDemoWorld(t)
	b := w.b
	prefix := "after"
	if p := os.Getenv("CANDOR_SCREENSHOTS_PREFIX"); p != "" {
		prefix = p
	}
	pages := []struct{ name, path, wait string }{
		{"dashboard", "/", "main h1"},
		{"jobs", "/jobs", "#jobs-table"},
		{"board", "/jobs/" + w.demo.LargeJobID, "#board"},
		{"candidates", "/candidates", "#candidates-table"},
		{"candidate", "/candidates/" + w.candID, "main h1"},
	}
	for _, v := range []viewport{desktop, phone} {
		b.do("viewport "+v.name, v.emulate())
		for _, p := range pages {
			b.do("open "+p.name, open(w.a.URL+p.path, p.wait))
			if p.name != "candidate" { // the candidate page is another helper's (issue 7); it checks its own
				b.axeClean(p.name + " (" + v.name + ")")
			}
			if v.mobile && p.name != "candidate" {
				b.noSideScroll(p.name)
			}
			if p.name == "board" || p.name == "candidates" || p.name == "candidate" {
				w.shoot(prefix+"-"+p.name, v)
			}
		}
		w.checkNav(v)
	}
}

// checkNav: the current page is marked; on a phone the menu is folded until
// its button is pressed, on a laptop every entry shows.
func (w *demoWorld) checkNav(v viewport) {
	b := w.b
	b.do("open the candidates list", open(w.a.URL+"/candidates", "nav[aria-label=Main]"))
	current := run(b, "read the marked entry", chromedp.Evaluate[string](`(document.querySelector('nav[aria-label=Main] a[aria-current=page]') || {}).textContent || ""`))
	if current != "Candidates" {
		b.t.Errorf("%s: the navigation marks %q as current on /candidates", v.name, current)
	}
	const visible = `[...document.querySelectorAll('nav[aria-label=Main] a')].filter(a => a.getClientRects().length > 0).map(a => a.textContent.trim())`
	shown := run(b, "visible entries", chromedp.Evaluate[[]string](visible))
	if !v.mobile {
		if fmt.Sprint(shown) != "[Dashboard Jobs Candidates Imports Admin]" {
			b.t.Errorf("desktop navigation shows %v", shown)
		}
		if run(b, "the menu button", chromedp.Evaluate[bool](`document.querySelector(".nav-toggle-label").getClientRects().length > 0`)) {
			b.t.Error("the phone's menu button shows on a laptop")
		}
		return
	}
	if len(shown) != 0 {
		b.t.Errorf("the phone navigation is not folded: %v show", shown)
	}
	b.do("open the menu", chromedp.Click(chromedp.CSS(".nav-toggle-label"), chromedp.NodeVisible))
	shown = run(b, "visible entries", chromedp.Evaluate[[]string](visible))
	if len(shown) != 5 {
		b.t.Errorf("the opened phone menu shows %v", shown)
	}
	b.axeClean("the opened phone menu")
	b.noSideScroll("the opened phone menu")
}

// TestFaviconServed: browsers ask every site for /favicon.ico (bug 5).
func TestFaviconServed(t *testing.T) {
	a := apptest.New(t)
	res, err := http.Get(a.URL + "/favicon.ico")
	if err != nil {
		t.Fatal(err)
	}
	_ = res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/x-icon" {
		t.Fatalf("/favicon.ico: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
}
