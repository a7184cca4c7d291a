package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/candor-ats/candor/internal/app/apptest"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/parsing/parsingtest"
)

// TestBrowserParseAndCorrect drives the resume pipeline in Chromium: a
// recruiter uploads a PDF resume, the background worker parses it in the
// sandbox (this test binary re-executed), the panel appears beside the
// document by itself (htmx polls), and the recruiter corrects a parsed
// field in place; the correction reaches the candidate record.
func TestBrowserParseAndCorrect(t *testing.T) {
	bin := chromiumPath(t)
	a := apptest.New(t, apptest.Options{StartQueue: true})
	sys := a.System()
	rec := a.CreateUser(hiring.RoleRecruiter)
	c, err := a.DB.CreateCandidate(sys, hiring.CandidateInput{FirstName: "Jane", LastName: "Doe"})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "jane-doe.pdf")
	if err := os.WriteFile(file, parsingtest.PDF(parsingtest.Resume...), 0o600); err != nil {
		t.Fatal(err)
	}

	b := &browser{t: t, ctx: newBrowser(t, bin), dir: t.TempDir()}
	b.do("open the login page", open(a.URL+"/login", "#login-form"), keys("#f-email", rec.Email), keys("#f-password", apptest.Password))
	b.submit("log in", `#login-form button[type="submit"]`)

	b.do("open the candidate", open(a.URL+"/candidates/"+c.ID, "#upload-form"),
		chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{file}))
	b.submit("upload the resume", `#upload-form button[type="submit"]`)

	// The worker parses in the background; the pending panel refreshes itself.
	label := `.doc-profile [id$="-basics-label"]`
	b.do("open the Resume tab", chromedp.Click(chromedp.CSS(`a.tab[href="#resume"]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(label+" .pf-value")))
	docs, err := a.DB.Documents(sys, c.ID)
	if err != nil || len(docs) != 1 || docs[0].ParseStatus != hiring.ParseParsed {
		b.fail("the parsed profile appears", fmt.Errorf("documents %+v, %v", docs, err))
	}
	if got := run(b, "read the parsed headline", chromedp.Text(chromedp.CSS(label+" .pf-value"))); got != "Senior Backend Engineer" {
		b.fail("read the parsed headline", fmt.Errorf("headline %q", got))
	}
	// The PDF is drawn by pdf.js into a canvas a person can see (the old
	// sandboxed frame showed Chromium users a blank box).
	b.do("the PDF is shown inline", chromedp.WaitVisible(chromedp.CSS("#pdf-"+docs[0].ID+".pdf-ready canvas.pdf-page")))
	if inked := run(b, "read the rendered page", chromedp.Evaluate[bool](`(() => { const c = document.querySelector("#pdf-`+docs[0].ID+` canvas");
		const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
		for (let i = 0; i < d.length; i += 4) { if (d[i+3] > 0 && d[i] < 128) return true; } return false; })()`)); !inked {
		b.fail("the PDF is shown inline", fmt.Errorf("the rendered page has no dark pixels"))
	}

	// Edit in place: open the field's form, type, save; htmx swaps the panel.
	const corrected = "Principal Payments Engineer"
	b.do("open the headline's form", chromedp.Click(chromedp.CSS(label+" summary"), chromedp.NodeVisible),
		chromedp.Clear(chromedp.CSS(label+" input[name=value]")), keys(label+" input[name=value]", corrected),
		chromedp.Click(chromedp.CSS(label+` button[type="submit"]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(label+" .conf-edited")))
	if got := run(b, "read the corrected headline", chromedp.Text(chromedp.CSS(label+" .pf-value"))); got != corrected {
		b.fail("read the corrected headline", fmt.Errorf("headline %q", got))
	}
	cand, err := a.DB.Candidate(sys, c.ID)
	if err != nil || cand.Headline != corrected {
		b.fail("the correction reaches the candidate", fmt.Errorf("headline %q, %v", cand.Headline, err))
	}
	// And it stands after a reload (no JavaScript state involved).
	// Corrected means reviewed: after a reload the review starts folded.
	b.do("reload", open(a.URL+"/candidates/"+c.ID+"?reload=1#resume", label))
	if run(b, "the review is folded", chromedp.Evaluate[bool](`document.querySelector(".pf-review").open`)) {
		b.fail("the review is folded", fmt.Errorf("the reviewed profile is still open"))
	}
	b.do("unfold the review", chromedp.Click(chromedp.CSS(".pf-review > summary"), chromedp.NodeVisible), chromedp.WaitVisible(chromedp.CSS(label+" .pf-value")))
	if got := run(b, "read after reload", chromedp.Text(chromedp.CSS(label+" .pf-value"))); got != corrected {
		b.fail("read after reload", fmt.Errorf("headline %q", got))
	}
}
