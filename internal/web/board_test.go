package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

// Long columns ship 50 cards and page the rest, as a fragment for htmx and
// as a page of its own without JavaScript.
func TestBoardColumnPaging(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := f.app.System()
	for i := range 54 {
		c, err := f.app.DB.CreateCandidate(ctx, hiring.CandidateInput{FirstName: fmt.Sprintf("Card%02d", i), LastName: "Person"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.app.DB.CreateApplication(ctx, hiring.NewApplication{CandidateID: c.ID, JobID: f.job.ID}); err != nil {
			t.Fatal(err)
		}
	}
	c := f.as(f.recruiter)
	r := f.get(c, "/jobs/"+f.job.ID)
	r.must(t, http.StatusOK, "Load more")
	if n := strings.Count(r.body, `class="card app-card"`); n != 50 {
		t.Fatalf("%d cards on the board, want 50", n)
	}
	more := attr(t, r.body, `hx-get=`)
	if !strings.HasPrefix(more, "/jobs/"+f.job.ID+"/stages/"+f.stages[0].ID+"/cards?cursor=") {
		t.Fatalf("load-more link %q", more)
	}
	frag := f.get(c, more, "HX-Request", "true")
	frag.must(t, http.StatusOK)
	if n := strings.Count(frag.body, `class="card app-card"`); n != 5 || strings.Contains(frag.body, "<html") {
		t.Fatalf("fragment: %d cards\n%s", n, snippet(frag.body))
	}
	page := f.get(c, more)
	page.must(t, http.StatusOK, "<html", f.stages[0].Name)
	checkHTML(t, "column", page.body)
	// A stage of another job under this job's path is not found.
	other, _ := f.app.DB.CreateJob(ctx, hiring.JobInput{Title: "Other", WorkplaceType: hiring.OnSite, EmploymentType: hiring.FullTime})
	os, _ := f.app.DB.Stages(ctx, other.ID)
	f.get(c, "/jobs/"+f.job.ID+"/stages/"+os[0].ID+"/cards").must(t, http.StatusNotFound)
	f.get(f.as(f.outsider), more).must(t, http.StatusNotFound)
}

// The job page shows the job beside its pipeline (issue 7, friction 6):
// description, requirements, salary (only to those who may see it),
// location, team, openings, status.
func TestJobPageShowsTheJob(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := f.app.System()
	job, err := f.app.DB.Job(ctx, f.job.ID)
	if err != nil {
		t.Fatal(err)
	}
	in := hiring.JobInput{Title: job.Title, WorkplaceType: job.WorkplaceType, EmploymentType: job.EmploymentType, Openings: 3,
		Salary: job.Salary, HiringTeam: job.HiringTeam, Description: "We keep **payments** running.",
		Requirements: []hiring.Requirement{{Skill: "Go", MustHave: true}, {Skill: "Kubernetes"}}}
	if _, err := f.app.DB.UpdateJob(ctx, job.ID, job.Version, in); err != nil {
		t.Fatal(err)
	}
	r := f.get(f.as(f.recruiter), "/jobs/"+f.job.ID)
	r.must(t, http.StatusOK, `id="job-facts"`, "Remote", "Full time", "3 openings", "EUR 90,000–120,000 a year",
		"<strong>payments</strong>", "Go · must", "Kubernetes", "Manager", "Interviewer", `id="rejected-link"`, `id="hired-link"`)
	checkHTML(t, "board", r.body)
	in2 := f.get(f.as(f.inter), "/jobs/"+f.job.ID)
	in2.must(t, http.StatusOK, "<strong>payments</strong>")
	if strings.Contains(in2.body, "90,000") {
		t.Error("an interviewer sees the salary")
	}
}

// Rejected (and hired, withdrawn) applications are one click from the board.
func TestJobApplicationsByStatus(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := f.app.System()
	if _, err := f.app.DB.BulkReject(ctx, []string{f.appl.ID}, "", "Position filled"); err != nil {
		t.Fatal(err)
	}
	c := f.as(f.recruiter)
	r := f.get(c, "/jobs/"+f.job.ID+"/applications?status=rejected")
	r.must(t, http.StatusOK, "Ada Lovelace", "Position filled", "1 rejected application")
	checkHTML(t, "job_applications", r.body)
	f.get(c, "/jobs/"+f.job.ID+"/applications?status=hired").must(t, http.StatusOK, "No hired applications")
	if board := f.get(c, "/jobs/"+f.job.ID); strings.Contains(board.body, `id="card-`+f.appl.ID+`"`) {
		t.Error("a rejected application is on the board")
	}
	f.get(f.as(f.outsider), "/jobs/"+f.job.ID+"/applications?status=rejected").must(t, http.StatusNotFound)
}
