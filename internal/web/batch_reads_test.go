package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/web"
)

// countingSvc counts the one-record reads a page could repeat per row.
type countingSvc struct {
	hiring.Services
	mu    sync.Mutex
	calls map[string]int
}

func (c *countingSvc) count(name string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls[name]++
}

func (c *countingSvc) StageHistory(ctx context.Context, id string) ([]hiring.StageVisit, error) {
	c.count("StageHistory")
	return c.Services.StageHistory(ctx, id)
}

func (c *countingSvc) Stages(ctx context.Context, jobID string) ([]hiring.Stage, error) {
	c.count("Stages")
	return c.Services.Stages(ctx, jobID)
}

// TestPagesReadInBatches: the candidate page (stage histories, stage menus)
// and the import page (its "add to job" stage list) read per-row data in one
// query however many rows there are, not one query per application or job.
func TestPagesReadInBatches(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := f.app.System()
	// Two more jobs, with the candidate on each; one application moved on
	// so that a history has more than one stay.
	for _, title := range []string{"Data Engineer", "SRE"} {
		j, err := f.app.DB.CreateJob(ctx, hiring.JobInput{Title: title, WorkplaceType: hiring.Remote, EmploymentType: hiring.FullTime, Openings: 1})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.app.DB.CreateApplication(ctx, hiring.NewApplication{CandidateID: f.cand.ID, JobID: j.ID}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.app.DB.MoveApplication(ctx, f.appl.ID, 0, f.stages[2].ID); err != nil {
		t.Fatal(err)
	}
	svc := &countingSvc{Services: f.app.DB, calls: map[string]int{}}
	h := f.app.Auth.Sessions(web.New(web.Deps{Svc: svc, Auth: f.app.Auth, Blobs: f.app.Blobs}))
	c := f.as(f.recruiter)
	get := func(path string) string {
		t.Helper()
		req := httptest.NewRequest(http.MethodGet, path, nil)
		u, _ := url.Parse(f.app.URL)
		for _, ck := range c.Jar.Cookies(u) {
			req.AddCookie(ck)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("GET %s = %d", path, rec.Code)
		}
		return rec.Body.String()
	}

	page := get("/candidates/" + f.cand.ID)
	if n := strings.Count(page, `name="stage_id"`); n < 3 {
		t.Errorf("stage menus on the candidate page: %d, want one per active application (3)", n)
	}
	if !strings.Contains(page, f.stages[2].Name) || !strings.Contains(page, f.stages[0].Name) {
		t.Error("the moved application's history is not shown")
	}
	if svc.calls["StageHistory"] != 0 || svc.calls["Stages"] != 0 {
		t.Errorf("candidate page: %d StageHistory and %d Stages calls, want the batch reads only", svc.calls["StageHistory"], svc.calls["Stages"])
	}

	id := importID(t, f.importUpload(c, "csv", upFile{"people.csv", []byte("Name,Email\r\nGrace Hopper,grace@example.com\r\n")}))
	clear(svc.calls)
	page = get("/imports/" + id)
	if !strings.Contains(page, "SRE — ") || !strings.Contains(page, "Backend Engineer — "+f.stages[0].Name) {
		t.Error("the import page does not offer every job's stages")
	}
	if svc.calls["Stages"] != 0 {
		t.Errorf("import page: %d Stages calls, want the batch read only", svc.calls["Stages"])
	}
}
