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
	b.do("the parsed profile appears", chromedp.WaitVisible(chromedp.CSS(label+" .pf-value")))
	docs, err := a.DB.Documents(sys, c.ID)
	if err != nil || len(docs) != 1 || docs[0].ParseStatus != hiring.ParseParsed {
		b.fail("the parsed profile appears", fmt.Errorf("documents %+v, %v", docs, err))
	}
	if got := run(b, "read the parsed headline", chromedp.Text(chromedp.CSS(label+" .pf-value"))); got != "Senior Backend Engineer" {
		b.fail("read the parsed headline", fmt.Errorf("headline %q", got))
	}
	if run(b, "the PDF is shown inline", chromedp.AttributeValue(chromedp.CSS(".doc-profile iframe.doc-frame"), "src")).Value != "/documents/"+docs[0].ID+"/inline" {
		b.fail("the PDF is shown inline", fmt.Errorf("no inline frame"))
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
	b.do("reload", open(a.URL+"/candidates/"+c.ID, label))
	if got := run(b, "read after reload", chromedp.Text(chromedp.CSS(label+" .pf-value"))); got != corrected {
		b.fail("read after reload", fmt.Errorf("headline %q", got))
	}
}
