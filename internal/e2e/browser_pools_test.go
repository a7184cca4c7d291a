package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/candor-ats/candor/internal/app/apptest"
	"github.com/candor-ats/candor/internal/hiring"
)

// TestBrowserPoolToJob is issue 12's flow in Chromium: search the
// candidates with a Boolean query, add three results to a pool, open a
// job's matches, add a match (one of the pooled) to the job, and find the
// application on the board with the pool as its source.
func TestBrowserPoolToJob(t *testing.T) {
	bin := chromiumPath(t)
	a := apptest.New(t)
	sys := a.System()
	admin := a.CreateUser(hiring.RoleAdmin)
	job, err := a.DB.CreateJob(sys, hiring.JobInput{Title: "Senior Go Engineer", WorkplaceType: hiring.Remote, EmploymentType: hiring.FullTime,
		Openings: 1, Description: "Go services on PostgreSQL.",
		Requirements: []hiring.Requirement{{Skill: "Go", MustHave: true}, {Skill: "PostgreSQL", MustHave: true}}})
	if err != nil {
		t.Fatal(err)
	}
	if job, err = a.DB.SetJobStatus(sys, job.ID, job.Version, hiring.JobOpen); err != nil {
		t.Fatal(err)
	}
	// Four Go people with parsed resumes, one of them a Java person too
	// (the query leaves them out), and a designer nobody looks for.
	person := func(first, title string, skills ...string) hiring.Candidate {
		c, err := a.DB.CreateCandidate(sys, hiring.CandidateInput{FirstName: first, LastName: "Pooling", CurrentTitle: title,
			Emails: []string{strings.ToLower(first) + "@example.net"}})
		if err != nil {
			t.Fatal(err)
		}
		d, err := a.DB.AddDocument(sys, hiring.NewDocument{CandidateID: c.ID, Kind: "resume", FileName: "cv.pdf", ContentType: "application/pdf",
			Size: 10, SHA256: "x", BlobKey: "k-" + c.ID})
		if err != nil {
			t.Fatal(err)
		}
		var sk []map[string]string
		for _, s := range skills {
			sk = append(sk, map[string]string{"name": s})
		}
		prof, _ := json.Marshal(map[string]any{"basics": map[string]any{"label": title}, "skills": sk,
			"work": []map[string]string{{"position": title}}, "meta": map[string]any{"yearsOfExperience": 6}})
		if _, err := a.DB.SaveParseResult(sys, d.ID, hiring.ParseResult{Status: hiring.ParseParsed,
			Text: title + ". Skills: " + strings.Join(skills, ", "), Profile: prof}); err != nil {
			t.Fatal(err)
		}
		return c
	}
	gophers := []hiring.Candidate{
		person("Ada", "Backend Engineer", "Go", "PostgreSQL", "Docker"),
		person("Grace", "Go Developer", "Go", "PostgreSQL"),
		person("Linus", "Software Engineer", "Go", "PostgreSQL", "Kubernetes"),
	}
	person("Duke", "Backend Engineer", "Go", "Java", "PostgreSQL")
	person("Frida", "Illustrator", "Adobe Illustrator")

	b := &browser{t: t, ctx: newBrowserFor(t, bin, 3*time.Minute), dir: t.TempDir()}
	b.do("open the login page", open(a.URL+"/login", "#login-form"), keys("#f-email", admin.Email), keys("#f-password", apptest.Password))
	b.submit("log in", `#login-form button[type="submit"]`)
	b.do("signed in", chromedp.WaitReady(chromedp.CSS(`form[action="/logout"]`)))

	// A pool to fill.
	b.do("open the pools", open(a.URL+"/pools", "#pool-form"), keys("#pool-name", "Go silver medallists"))
	b.submit("create the pool", `#pool-form button[type="submit"]`)
	b.do("the pool's board", chromedp.WaitReady(chromedp.CSS("#pool-board")))

	// The Boolean search finds the three Go people without Java.
	b.do("search", open(a.URL+"/candidates?q="+strings.ReplaceAll(`(go OR golang) AND postgresql -java`, " ", "+"), "#candidates-table"))
	rows := run(b, "count the results", chromedp.Evaluate[int](`document.querySelectorAll("#candidates-table tr[data-candidate-id]").length`))
	if rows != 3 {
		html := run(b, "read the list", chromedp.Evaluate[string](`document.querySelector("#candidates-table").outerHTML`))
		b.fail("the search", fmt.Errorf("%d rows, want the 3 Go people without Java:\n%s", rows, html))
	}
	for _, g := range gophers {
		b.do("select "+g.FirstName, chromedp.Click(chromedp.CSS(fmt.Sprintf(`input[name="ids"][value="%s"]`, g.ID)), chromedp.NodeVisible))
	}
	b.submit("add the selection to a pool", "#bulk-pool")
	b.do("the pool chooser", chromedp.WaitReady(chromedp.CSS("#pool-add-form")))
	b.submit("add them", `#pool-add-form button[type="submit"]`)
	b.do("back on the pool's board", chromedp.WaitReady(chromedp.CSS("#pool-board")))
	for _, g := range gophers {
		b.do(g.FirstName+" is in the pool", chromedp.WaitReady(chromedp.CSS("#member-"+g.ID)))
	}

	// The job's matches name the pool; adding the best match credits it.
	b.do("open the job's matches", open(a.URL+"/jobs/"+job.ID+"/matches", "#job-matches"))
	form := `#job-matches form[action^="/pools/"]`
	action := run(b, "a pooled match", chromedp.Evaluate[string](`document.querySelector('`+form+`').getAttribute("action")`))
	var cand string
	for _, g := range gophers {
		if strings.Contains(action, "/members/"+g.ID+"/") {
			cand = g.ID
		}
	}
	if cand == "" {
		b.fail("the matches", fmt.Errorf("the first pooled match's form posts to %q", action))
	}
	b.submit("add the match to the job", form+` button[type="submit"]`)
	b.do("back on the matches", chromedp.WaitReady(chromedp.CSS("#job-matches, p.empty")))

	apps, err := a.DB.ListApplications(sys, hiring.ApplicationFilter{JobID: job.ID, CandidateID: cand}, hiring.PageRequest{})
	if err != nil || len(apps.Items) != 1 {
		t.Fatalf("applications of the match: %v, %v", apps.Items, err)
	}
	app := apps.Items[0]
	if app.Source != "pool: Go silver medallists" {
		t.Errorf("the application's source = %q, want the pool", app.Source)
	}
	b.do("the application is on the board", open(a.URL+"/jobs/"+job.ID, "#board"), chromedp.WaitReady(chromedp.CSS("#card-"+app.ID)))
	b.do("its page names the pool as source", open(a.URL+"/candidates/"+cand, "#pools"))
	text := run(b, "read the candidate page", chromedp.Text(chromedp.CSS("main")))
	if !strings.Contains(text, "pool: Go silver medallists") {
		b.fail("the candidate page", fmt.Errorf("does not name the pool as the application's source"))
	}
}
