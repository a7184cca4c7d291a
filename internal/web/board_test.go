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
