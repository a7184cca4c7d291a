package e2e

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/candor-ats/candor/internal/app/apptest"
	"github.com/candor-ats/candor/internal/hiring"
)

// TestBrowserHiringFlow drives the main road through Candor in Chromium, over
// a real HTTP server: first-run setup with the token from the log → log out
// and in → create a job → add a candidate with a resume → drag the card to
// the next stage → reject with a reason → the timeline shows each step.
func TestBrowserHiringFlow(t *testing.T) {
	bin := chromiumPath(t)
	var logs logBuffer
	a := apptest.New(t, apptest.Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	ctx := context.Background()
	sys := a.System()

	// What `candor serve` prints on an empty installation.
	if err := a.AnnounceSetup(ctx); err != nil {
		t.Fatal(err)
	}
	token := setupToken(logs.String())
	if token == "" {
		t.Fatalf("no setup_token in the log:\n%s", logs.String())
	}

	b := &browser{t: t, ctx: newBrowser(t, bin), dir: t.TempDir()}
	const (
		email    = "owner@example.com"
		password = "a long and unusual passphrase 77"
		jobTitle = "Site Reliability Engineer"
		first    = "Ada"
		last     = "Lovelace"
	)
	name := first + " " + last
	logoutBtn := `form[action="/logout"] button`

	b.do("open the setup page", open(a.URL+"/setup", "#setup-form"),
		// The token is pasted from the log, not typed.
		chromedp.SetValue(chromedp.CSS("#f-token"), token), keys("#f-name", "Olivia Owner"), keys("#f-email", email), keys("#f-password", password))
	b.submit("first-run setup", `#setup-form button[type="submit"]`)
	b.do("signed in after setup", chromedp.WaitReady(chromedp.CSS(logoutBtn)))
	if n, err := a.DB.CountUsers(sys); err != nil || n != 1 {
		b.fail("first-run setup", fmt.Errorf("%d users after setup, %v", n, err))
	}

	b.submit("log out", logoutBtn)
	b.do("open the login page", open(a.URL+"/login", "#login-form"), keys("#f-email", email), keys("#f-password", password))
	b.submit("log in", `#login-form button[type="submit"]`)
	b.do("signed in", chromedp.WaitReady(chromedp.CSS(logoutBtn)))

	b.do("open the job form", open(a.URL+"/jobs/new", "#job-form"),
		keys("#f-title", jobTitle), keys("#f-description", "Keep **Candor** up."))
	b.submit("create a job", `#job-form button[type="submit"]`)
	b.do("the board", chromedp.WaitReady(chromedp.CSS("#board")))
	attr := run(b, "read the board", chromedp.AttributeValue(chromedp.CSS("#board"), "data-job-id"))
	jobID := attr.Value
	if jobID == "" {
		b.fail("create a job", fmt.Errorf("the board has no job id"))
	}
	b.submit("open the job", `#status-form button[value="open"]`)
	job, err := a.DB.Job(sys, jobID)
	if err != nil || job.Title != jobTitle || job.Status != hiring.JobOpen {
		b.fail("create a job", fmt.Errorf("job after the form: %+v, %v", job, err))
	}
	stages, err := a.DB.Stages(sys, jobID)
	if err != nil || len(stages) < 2 {
		t.Fatalf("stages: %v, %v", stages, err)
	}

	resume := filepath.Join(t.TempDir(), "resume.pdf")
	if err := os.WriteFile(resume, syntheticPDF(name+" - Analytical engines, Go, SQL"), 0o600); err != nil {
		t.Fatal(err)
	}
	b.do("open the candidate form", open(a.URL+"/candidates/new", "#candidate-form"),
		keys("#f-first_name", first), keys("#f-last_name", last), keys("#f-emails", "ada@example.org"))
	b.submit("add a candidate", `#candidate-form button[type="submit"]`)
	b.do("the profile", chromedp.WaitReady(chromedp.CSS("#upload-form")))
	candURL := run(b, "the profile", chromedp.Location())
	candID := candURL[strings.LastIndex(candURL, "/")+1:]
	b.do("choose the resume", chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{resume}))
	b.submit("upload the resume", `#upload-form button[type="submit"]`)
	b.do("the resume is listed", chromedp.WaitReady(chromedp.CSS(`#documents a[href$="/download"]`)),
		chromedp.SetValue(chromedp.CSS("#f-job_id"), jobID))
	b.submit("add the candidate to the job", `#apply-form button[type="submit"]`)
	b.do("the application is listed", chromedp.WaitReady(chromedp.CSS(`#applications article.application`)))
	docs, err := a.DB.Documents(sys, candID)
	if err != nil || len(docs) != 1 || docs[0].FileName != "resume.pdf" || docs[0].ContentType != "application/pdf" {
		b.fail("upload the resume", fmt.Errorf("documents of %s: %+v, %v", candID, docs, err))
	}
	apps, err := a.DB.ListApplications(sys, hiring.ApplicationFilter{CandidateID: candID}, hiring.PageRequest{})
	if err != nil || len(apps.Items) != 1 || apps.Items[0].StageID != stages[0].ID {
		b.fail("add the candidate to the job", fmt.Errorf("applications of %s: %+v, %v", candID, apps.Items, err))
	}
	app := apps.Items[0]

	// Drag the card from the first column into the second with real mouse
	// events: press on the card, move in steps, release over the column.
	card := fmt.Sprintf("#card-%s .age", app.ID) // text, not a control SortableJS filters out
	column := fmt.Sprintf(`ol[data-stage-id="%s"]`, stages[1].ID)
	b.do("open the board", open(a.URL+"/jobs/"+jobID, "#card-"+app.ID),
		discard(chromedp.Poll[bool](`typeof Sortable !== "undefined" && document.readyState === "complete"`, chromedp.WithPollingTimeout(10*time.Second))))
	from := run(b, "find the card", center(card))
	to := run(b, "find the next column", center(column))
	b.do("drag the card to the next stage", chromedp.DragAndDropXY(from.X, from.Y, to.X, to.Y, 20))
	moved := false
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		got, err := a.DB.Application(sys, app.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.StageID == stages[1].ID {
			moved = true
			break
		}
	}
	if !moved {
		b.fail("drag the card to the next stage", fmt.Errorf("the application is still in %s after the drag (from %+v to %+v)", stages[0].Name, from, to))
	}
	b.do("the board shows the card in its new column after a reload",
		open(a.URL+"/jobs/"+jobID, "#board"), chromedp.WaitReady(chromedp.CSS(column+" #card-"+app.ID)))

	reasons, err := a.DB.ListRejectionReasons(sys, false)
	if err != nil || len(reasons) == 0 {
		t.Fatalf("rejection reasons: %v, %v", reasons, err)
	}
	reason := reasons[0]
	b.do("choose a reason", open(candURL, "#app-"+app.ID), chromedp.SetValue(chromedp.CSS("#reason-"+app.ID), reason.ID))
	b.submit("reject with a reason", fmt.Sprintf(`#app-%s form[action$="/reject"] button[type="submit"]`, app.ID))
	got, err := a.DB.Application(sys, app.ID)
	if err != nil || got.Status != hiring.AppRejected || got.RejectionReasonID != reason.ID {
		b.fail("reject with a reason", fmt.Errorf("application after the reject form: %+v, %v", got, err))
	}

	b.do("open the profile", open(candURL, "#timeline"))
	timeline := run(b, "read the timeline",
		chromedp.Evaluate[[]string](`[...document.querySelectorAll("#timeline .timeline li .what")].map(e => e.textContent.trim())`))
	for _, want := range []string{
		"added " + name,
		"uploaded resume.pdf to " + name,
		"added " + name + " to " + jobTitle + " in " + stages[0].Name,
		"moved " + name + " from " + stages[0].Name + " to " + stages[1].Name,
		"rejected " + name + " for " + jobTitle + ": " + reason.Name,
	} {
		if !slices.Contains(timeline, want) {
			b.fail("read the timeline", fmt.Errorf("no %q in the timeline %q", want, timeline))
		}
	}
}
