package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/candor-ats/candor/internal/app/apptest"
	"github.com/candor-ats/candor/internal/hiring"
)

// TestBrowserCareersApply walks the careers site in Chromium as an
// applicant who came through a LinkedIn tracking link: the list, a
// department filter, the job page, the apply form with a PDF, the thank-you
// page — then as a recruiter: the application is on the job's board, with
// its source. axe-core checks every careers page (desktop and phone) for
// WCAG A/AA violations.
func TestBrowserCareersApply(t *testing.T) {
	bin := chromiumPath(t)
	a := apptest.New(t)
	ctx := a.System()
	st := hiring.DefaultCareersSettings()
	st.CompanyName = "Acme Robotics"
	st.Intro = "We build **robots** that help."
	st.PrivacyNotice = "We keep your application for six months."
	if err := a.DB.SetCareersSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	eng, _ := a.DB.CreateDepartment(ctx, "Engineering")
	sales, _ := a.DB.CreateDepartment(ctx, "Sales")
	berlin, _ := a.DB.CreateLocation(ctx, hiring.Location{Name: "Berlin", City: "Berlin", Country: "DE"})
	publish := func(title string, dept string, post hiring.JobPostInput) hiring.Job {
		j, err := a.DB.CreateJob(ctx, hiring.JobInput{Title: title, DepartmentID: dept, LocationIDs: []string{berlin.ID},
			WorkplaceType: hiring.Hybrid, EmploymentType: hiring.FullTime, Openings: 1,
			Description:  "## The role\n\nYou will build robots.\n\n- Go\n- Kubernetes",
			Requirements: []hiring.Requirement{{Skill: "Go", MustHave: true}},
			Salary:       &hiring.Salary{Min: 70000, Max: 90000, Currency: "EUR", Period: hiring.PerYear}})
		if err == nil {
			j, err = a.DB.SetJobStatus(ctx, j.ID, j.Version, hiring.JobOpen)
		}
		if err == nil {
			_, err = a.DB.SaveJobPost(ctx, j.ID, post)
		}
		if err == nil {
			_, err = a.DB.PublishJob(ctx, j.ID)
		}
		if err != nil {
			t.Fatal(err)
		}
		return j
	}
	job := publish("Robotics Engineer", eng.ID, hiring.JobPostInput{ShowSalary: true})
	publish("Account Executive", sales.ID, hiring.JobPostInput{})
	gone := publish("Vertriebsleitung", sales.ID, hiring.JobPostInput{Language: "de"})

	resume := filepath.Join(t.TempDir(), "ada-lovelace.pdf")
	if err := os.WriteFile(resume, syntheticPDF("Ada Lovelace ada@lovelace.example Robotics"), 0o600); err != nil {
		t.Fatal(err)
	}
	b := &browser{t: t, ctx: newBrowserFor(t, bin, 3*time.Minute), dir: t.TempDir()}

	// The German post, and the list, at both sizes.
	for _, v := range []viewport{phone, desktop} {
		b.do("open the German post ("+v.name+")", v.emulate(), open(a.URL+"/careers/jobs/"+gone.ID, "#apply-form"))
		b.axeClean("a German job page (" + v.name + ")")
		b.noSideScroll("a German job page (" + v.name + ")")
		b.do("open the careers site ("+v.name+")", open(a.URL+"/careers", "#posts"))
		b.axeClean("the careers list (" + v.name + ")")
		b.noSideScroll("the careers list (" + v.name + ")")
	}
	// Filter by department, open the post through its LinkedIn link.
	b.do("filter by Engineering", chromedp.SetValue(chromedp.CSS("#department"), eng.ID))
	b.submit("show jobs", "#filter")
	titles := run(b, "list the posts", chromedp.Evaluate[[]string](`[...document.querySelectorAll("#posts h2")].map(h => h.textContent.trim())`))
	if len(titles) != 1 || titles[0] != "Robotics Engineer" {
		t.Fatalf("filtered list = %v", titles)
	}
	link := a.Careers.TrackingLink(job.ID, job.Title, "linkedin")
	b.do("open the post from LinkedIn", open(link, "#apply-form"))
	b.axeClean("the job page")
	ld := run(b, "read the JSON-LD", chromedp.Evaluate[string](`document.querySelector('script[type="application/ld+json"]').textContent`))
	if !strings.Contains(ld, `"JobPosting"`) {
		t.Fatalf("no JobPosting on the page: %s", ld)
	}
	// A refused form keeps what was typed and is accessible too.
	b.do("fill the form without the privacy acknowledgement",
		keys("#a-first_name", "Ada"), keys("#a-last_name", "Lovelace"), keys("#a-email", "ada@lovelace.example"),
		keys("#a-phone", "+44 20 7946 0000"), chromedp.SetUploadFiles(chromedp.CSS("#a-resume"), []string{resume}),
		chromedp.Sleep(3100*time.Millisecond)) // the minimum fill time
	res, err := chromedp.RunResponse(b.ctx, chromedp.Click(chromedp.CSS("#apply-submit"), chromedp.NodeVisible))
	if err != nil || res == nil || res.Status != 422 {
		t.Fatalf("a form without the privacy acknowledgement: %v %v", res, err)
	}
	b.do("the error names the field", chromedp.WaitVisible(chromedp.CSS("#e-privacy_ack")))
	b.axeClean("the refused apply form")
	if v := run(b, "kept value", chromedp.Evaluate[string](`document.querySelector("#a-last_name").value`)); v != "Lovelace" {
		t.Fatalf("the form lost what was typed: %q", v)
	}
	b.do("acknowledge and attach again", chromedp.Click(chromedp.CSS("#a-privacy_ack")),
		chromedp.SetUploadFiles(chromedp.CSS("#a-resume"), []string{resume}), chromedp.Sleep(3100*time.Millisecond))
	b.submit("send the application", "#apply-submit")
	b.do("thank-you page", chromedp.WaitVisible(chromedp.CSS("#thanks")))
	b.axeClean("the thank-you page")

	// The 410 page of a post taken down.
	g, _ := a.DB.Job(ctx, gone.ID)
	if _, err := a.DB.SetJobStatus(ctx, g.ID, g.Version, hiring.JobClosed); err != nil {
		t.Fatal(err)
	}
	b.do("open the closed post", open(a.URL+"/careers/jobs/"+gone.ID+"/vertriebsleitung?gone=1", "h1"))
	b.axeClean("the gone page")

	// The recruiter sees the application on the board, with its source.
	rec := a.CreateUser(hiring.RoleRecruiter)
	b.do("open the login page", open(a.URL+"/login", "#login-form"), keys("#f-email", rec.Email), keys("#f-password", apptest.Password))
	b.submit("log in", `#login-form button[type="submit"]`)
	b.do("open the board", open(a.URL+"/jobs/"+job.ID, "#board"))
	board := run(b, "board text", chromedp.Evaluate[string](`document.querySelector("#board").innerText`))
	if !strings.Contains(board, "Ada Lovelace") {
		t.Fatalf("the application is not on the board:\n%s", board)
	}
	apps, err := a.DB.ListApplications(ctx, hiring.ApplicationFilter{JobID: job.ID}, hiring.PageRequest{})
	if err != nil || len(apps.Items) != 1 || apps.Items[0].Source != "LinkedIn" {
		t.Fatalf("applications = %+v %v", apps.Items, err)
	}
	b.do("open the candidate", open(a.URL+"/candidates/"+apps.Items[0].CandidateID, "#applications"))
	text := run(b, "candidate text", chromedp.Evaluate[string](`document.querySelector("#applications").innerText`))
	if !strings.Contains(text, "via LinkedIn") {
		t.Fatalf("the application's source is not shown:\n%s", text)
	}
}
