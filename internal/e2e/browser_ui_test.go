package e2e

import (
	"fmt"
	"net/http"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

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
			if p.name != "candidate" {
				b.noSideScroll(p.name + " (" + v.name + ")")
			}
			if p.name == "candidates" && !v.mobile {
				w.checkCandidates()
			}
			if p.name == "board" || p.name == "candidates" || p.name == "candidate" {
				w.shoot(prefix+"-"+p.name, v)
			}
		}
		w.checkNav(v)
		w.checkBoard(v)
	}
	w.moveWithCardMenu()
}

type boardLook struct {
	Columns, Visible int     // columns, and those wholly inside the window
	CardHeight       float64 // tallest card
	PageHeight       int     // the document's height
	Window           int     // the window's height
	OwnScroll        bool    // the longest column scrolls inside itself
	Counts           []string
	PageWidth        int
	WindowWidth      int
}

// checkBoard: all stages show side by side at 1366 px, cards are compact,
// columns scroll on their own so the page stays one screen high, counts show.
func (w *demoWorld) checkBoard(v viewport) {
	b := w.b
	b.do("open the board", open(w.a.URL+"/jobs/"+w.demo.LargeJobID, "#board"))
	look := run(b, "measure the board", chromedp.Evaluate[boardLook](`(() => {
		const cols = [...document.querySelectorAll("#board .column")];
		const cards = [...document.querySelectorAll("#board .app-card")];
		const lists = [...document.querySelectorAll("#board ol.cards")];
		return {
			Columns: cols.length,
			Visible: cols.filter(c => { const r = c.getBoundingClientRect(); return r.left >= 0 && r.right <= window.innerWidth; }).length,
			CardHeight: Math.max(...cards.map(c => c.getBoundingClientRect().height)),
			PageHeight: document.documentElement.scrollHeight, Window: window.innerHeight,
			OwnScroll: lists.some(l => l.scrollHeight > l.clientHeight + 50 && getComputedStyle(l).overflowY === "auto"),
			Counts: cols.map(c => c.querySelector("h2 .count").textContent),
			PageWidth: document.documentElement.scrollWidth, WindowWidth: window.innerWidth,
		};
	})()`))
	if look.Columns < 5 || len(look.Counts) != look.Columns {
		b.t.Fatalf("%s: board %+v", v.name, look)
	}
	if look.CardHeight > 48 {
		b.t.Errorf("%s: a card is %.0f px high; compact cards are at most 48 px (before: 163 px)", v.name, look.CardHeight)
	}
	if !look.OwnScroll {
		b.t.Errorf("%s: no column scrolls on its own: %+v", v.name, look)
	}
	if look.PageWidth > look.WindowWidth {
		b.t.Errorf("%s: the page scrolls sideways (%d px in %d)", v.name, look.PageWidth, look.WindowWidth)
	}
	if !v.mobile {
		if look.Visible != look.Columns {
			b.t.Errorf("desktop: %d of %d stages in view", look.Visible, look.Columns)
		}
		if look.PageHeight > look.Window+40 {
			b.t.Errorf("desktop: the board page is %d px high in a %d px window", look.PageHeight, look.Window)
		}
	}
	// Rejected and hired applications are one click from the board.
	for _, id := range []string{"#rejected-link", "#hired-link"} {
		if !run(b, "find "+id, chromedp.Evaluate[bool](`document.querySelector("`+id+`").getClientRects().length > 0`)) {
			b.t.Errorf("%s: %s is not on the board page", v.name, id)
		}
	}
}

// moveWithCardMenu moves a card through its menu (the way without drag and
// drop, and without JavaScript: a plain form).
func (w *demoWorld) moveWithCardMenu() {
	b := w.b
	b.do("desktop", desktop.emulate(), open(w.a.URL+"/jobs/"+w.demo.LargeJobID, "#board"))
	ids := run(b, "first card and next stage", chromedp.Evaluate[[]string](`[document.querySelector("#board .column .app-card").dataset.applicationId,
		document.querySelectorAll("#board .column")[1].dataset.stageId]`))
	card := "#card-" + ids[0]
	b.do("open the card menu", chromedp.Click(chromedp.CSS(card+" .card-menu summary"), chromedp.NodeVisible),
		chromedp.SetValue(chromedp.CSS("#move-"+ids[0]), ids[1]))
	b.axeClean("the board with a card menu open")
	b.submit("move through the menu", card+` .move-form button[type="submit"]`)
	b.do("the card is in the next column", chromedp.WaitReady(chromedp.CSS(`ol[data-stage-id="`+ids[1]+`"] `+card)))
}

// checkCandidates: dense rows, a total, sortable columns, a selection.
func (w *demoWorld) checkCandidates() {
	b := w.b
	b.do("the total is counted", discard(chromedp.Poll[bool](`document.querySelector("#candidates-total").textContent.includes("candidates")`, chromedp.WithPollingTimeout(10*time.Second))))
	look := run(b, "measure the list", chromedp.Evaluate[[]string](`[
		String(Math.max(...[...document.querySelectorAll("#candidates-table tbody tr")].map(r => r.getBoundingClientRect().height))),
		document.querySelector("#candidates-total").textContent,
		String(document.querySelectorAll("#candidates-table th a.sort").length),
		String(document.querySelectorAll('#candidates-table input[type=checkbox][form="candidates-bulk"]').length)]`))
	if h, _ := strconv.ParseFloat(look[0], 64); h > 44 {
		b.t.Errorf("candidate rows are %s px high; dense rows are at most 44 px (before: 63 px)", look[0])
	}
	if look[1] != "400 candidates" || look[2] != "3" || look[3] != "50" {
		b.t.Errorf("candidates list: total %q, %s sortable columns, %s selection boxes", look[1], look[2], look[3])
	}
	b.do("sort by name", chromedp.Click(chromedp.CSS(`#candidates-table th a.sort[href*="sort=name"]`), chromedp.NodeVisible),
		chromedp.WaitReady(chromedp.CSS(`th[aria-sort="ascending"]`)))
	names := run(b, "names", chromedp.Evaluate[[]string](`[...document.querySelectorAll("#candidates-table tbody a.person bdi")].map(e => e.textContent.toLowerCase())`))
	if !slices.IsSorted(names) {
		b.t.Errorf("sorted by name: %v", names)
	}
	b.axeClean("candidates sorted by name")
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
		if fmt.Sprint(shown) != "[Dashboard Jobs Candidates Interviews Pools Reports Inbox Imports Admin]" {
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
	if len(shown) != 9 {
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
