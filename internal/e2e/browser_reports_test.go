package e2e

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/report"
)

// TestBrowserReports opens the reports in Chromium on the demo company:
// axe-core finds no violation on any report page (desktop and phone), and
// the flow of issue 13 works — the funnel of a job, filtered by a source,
// exported as CSV: the export's figures are the page's and the board's.
func TestBrowserReports(t *testing.T) {
	w := newDemoWorld(t)
	b := w.b
	from := time.Now().AddDate(-20, 0, 1).Format("2006-01-02")
	base := w.a.URL + "/reports/"
	for _, v := range []viewport{desktop, phone} {
		b.do("viewport "+v.name, v.emulate())
		for _, p := range []string{"/reports", "/reports/funnel?from=" + from + "&job_id=" + w.demo.LargeJobID, "/reports/speed?from=" + from,
			"/reports/sources?from=" + from, "/reports/team?from=" + from, "/reports/funnel?from=2026-02-01&to=2026-01-01"} {
			b.do("open "+p, open(w.a.URL+p, "main h1"))
			b.axeClean(p + " (" + v.name + ")")
		}
		b.do("open the dashboard", open(w.a.URL+"/", "#dashboard-report"))
		b.axeClean("dashboard with its report (" + v.name + ")")
	}
	b.do("viewport desktop", desktop.emulate())

	// The job's most frequent source.
	ctx := w.a.System()
	var apps []hiring.Application
	cursor := ""
	for {
		page, err := w.a.DB.ListApplications(ctx, hiring.ApplicationFilter{JobID: w.demo.LargeJobID}, hiring.PageRequest{Limit: hiring.MaxLimit, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		apps = append(apps, page.Items...)
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	bySource := map[string]int{}
	for _, a := range apps {
		bySource[a.Source]++
	}
	source, most := "", 0
	for s, n := range bySource {
		if s != "" && (n > most || (n == most && s < source)) {
			source, most = s, n
		}
	}
	hiredFrom := 0
	for _, a := range apps {
		if a.Status == hiring.AppHired && strings.EqualFold(a.Source, source) {
			hiredFrom++
		}
	}
	board, err := w.a.DB.Board(ctx, w.demo.LargeJobID, 1)
	if err != nil {
		t.Fatal(err)
	}
	hiredOnBoard := 0
	for _, c := range board {
		if c.Stage.Kind == hiring.StageHired {
			hiredOnBoard += c.Stage.Count
		}
	}

	// The funnel of the job, then filtered by the source in the form.
	b.do("open the job's funnel", open(base+"funnel?from="+from+"&job_id="+w.demo.LargeJobID, "#table-by_stage"))
	if got := hiredIn(t, w, csvOf(b, w)); got != hiredOnBoard {
		t.Errorf("funnel export: %d hired, the board shows %d", got, hiredOnBoard)
	}
	b.do("type the source", chromedp.SetValue(chromedp.CSS("#r-source"), source))
	b.submit("apply the filters", `#report-filters button[type="submit"]`)
	b.do("filtered", chromedp.WaitReady(chromedp.CSS("#report-period")))
	loc := run(b, "read the address", chromedp.Location())
	u, err := url.Parse(loc)
	if err != nil || u.Query().Get("source") != source || u.Query().Get("job_id") != w.demo.LargeJobID {
		t.Fatalf("the filtered report's address %q does not carry its filters", loc)
	}
	tables := csvOf(b, w)
	if got := hiredIn(t, w, tables); got != hiredFrom {
		t.Errorf("funnel export for source %q: %d hired, the job has %d hired from it", source, got, hiredFrom)
	}
	// The page's table shows the export's figures.
	pageHired := run(b, "read the page's hired figures", chromedp.Evaluate[[]string](
		`[...document.querySelectorAll("#table-by_stage tbody tr")].map(tr => tr.cells[6].textContent.trim().split(" ")[0])`))
	sum := 0
	for _, s := range pageHired {
		n, _ := strconv.Atoi(s)
		sum += n
	}
	if sum != hiredFrom {
		t.Errorf("the page shows %d hired (%v), the export %d", sum, pageHired, hiredFrom)
	}
}

// csvOf downloads the page's CSV export with the browser's session.
func csvOf(b *browser, w *demoWorld) []report.CSVTable {
	b.t.Helper()
	href := run(b, "read the export link", chromedp.Evaluate[string](`document.querySelector("#report-csv").getAttribute("href")`))
	body := run(b, "download "+href, chromedp.Evaluate[string](fmt.Sprintf(`fetch(%q).then(r => r.text())`, href), chromedp.EvalAwaitPromise))
	tables, err := report.ReadCSV(strings.NewReader(body))
	if err != nil {
		b.t.Fatalf("export %s: %v\n%s", href, err, body)
	}
	return tables
}

// hiredIn sums the hired column of the export's per-stage table.
func hiredIn(t *testing.T, _ *demoWorld, tables []report.CSVTable) int {
	t.Helper()
	for _, tb := range tables {
		if tb.Key != "by_stage" {
			continue
		}
		col := -1
		for i, h := range tb.Header {
			if h == "hired" {
				col = i
			}
		}
		n := 0
		for _, r := range tb.Rows {
			x, err := strconv.ParseFloat(r[col], 64)
			if err != nil {
				t.Fatalf("hired cell %q: %v", r[col], err)
			}
			n += int(x)
		}
		return n
	}
	t.Fatalf("no per-stage table in the export: %+v", tables)
	return 0
}
