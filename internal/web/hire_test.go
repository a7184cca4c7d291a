package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

// Every way of hiring asks the same question first and then does the same
// thing: the Hire button, the Move menu to Hired and a board drop there.
// After it, the application is in Hired, hired, and the board shows it there.
func TestHiringAsksOnceAndLandsInHired(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.as(f.recruiter)
	ctx := f.app.System()
	var hired hiring.Stage
	for _, s := range f.stages {
		if s.Kind == hiring.StageHired {
			hired = s
		}
	}
	newApp := func(first string) hiring.Application {
		t.Helper()
		cand, err := f.app.DB.CreateCandidate(ctx, hiring.CandidateInput{FirstName: first, LastName: "Hopper"})
		if err != nil {
			t.Fatal(err)
		}
		a, err := f.app.DB.CreateApplication(ctx, hiring.NewApplication{CandidateID: cand.ID, JobID: f.job.ID, StageID: f.stages[2].ID})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	state := func(id string) hiring.Application {
		t.Helper()
		a, err := f.app.DB.Application(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	wantHired := func(how string, a hiring.Application) {
		t.Helper()
		if a = state(a.ID); a.Status != hiring.AppHired || a.StageID != hired.ID || a.HiredAt == nil {
			t.Fatalf("%s: %s in %s, hired_at %v; want hired in %s", how, a.Status, a.StageName, a.HiredAt, hired.Name)
		}
	}
	wantUnchanged := func(how string, a hiring.Application) {
		t.Helper()
		if got := state(a.ID); got.Status != hiring.AppActive || got.StageID != a.StageID {
			t.Fatalf("%s changed the application before it was confirmed: %s in %s", how, got.Status, got.StageName)
		}
	}
	question := func(a hiring.Application) string { return "Hire " + a.CandidateName + " for " + f.job.Title + "?" }
	back := "/jobs/" + f.job.ID

	// The Hire button without JavaScript: a page asks, its form hires.
	a := newApp("Grace")
	r := f.post(c, "/applications/"+a.ID+"/hire", url.Values{"return_to": {back}})
	r.must(t, http.StatusOK, question(a), `name="confirm" value="yes"`, `id="confirm-yes"`)
	wantUnchanged("the Hire button", a)
	f.post(c, "/applications/"+a.ID+"/hire", url.Values{"return_to": {back}, "confirm": {"yes"}}).redirectsTo(t, back)
	wantHired("the Hire button", a)

	// The Move menu to Hired: the same question, the same result.
	b := newApp("Mary")
	r = f.post(c, "/applications/"+b.ID+"/move", url.Values{"stage_id": {hired.ID}, "return_to": {back}})
	r.must(t, http.StatusOK, question(b), `name="stage_id" value="`+hired.ID+`"`)
	wantUnchanged("the Move menu", b)
	f.post(c, "/applications/"+b.ID+"/move", url.Values{"stage_id": {hired.ID}, "return_to": {back}, "confirm": {"yes"}}).redirectsTo(t, back)
	wantHired("the Move menu", b)

	// A board drop (fetch): 409 carrying the question, then the confirmed post.
	d := newApp("Dorothy")
	drop := func(form url.Values) response {
		req, _ := http.NewRequest(http.MethodPost, f.app.URL+"/applications/"+d.ID+"/move", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("HX-Request", "true")
		req.Header.Set("X-CSRF-Token", f.app.CSRFToken(c))
		return f.do(c, req)
	}
	r = drop(url.Values{"stage_id": {hired.ID}})
	r.must(t, http.StatusConflict, question(d))
	if r.header.Get("Candor-Confirm") != "hire" {
		t.Fatalf("the drop's answer lacks the Candor-Confirm header: %v", r.header)
	}
	wantUnchanged("a board drop", d)
	drop(url.Values{"stage_id": {hired.ID}, "confirm": {"yes"}}).must(t, http.StatusNoContent)
	wantHired("a board drop", d)

	// The board shows the three in Hired, with its count, and none elsewhere.
	page := f.get(c, back)
	page.must(t, http.StatusOK)
	col := page.body[strings.Index(page.body, `data-stage-id="`+hired.ID+`"`):]
	if i := strings.Index(col[1:], "<section"); i > 0 {
		col = col[:i]
	}
	for _, x := range []hiring.Application{a, b, d} {
		if !strings.Contains(col, "card-"+x.ID) {
			t.Errorf("%s is not in the Hired column", x.CandidateName)
		}
		if strings.Count(page.body, `id="card-`+x.ID+`"`) != 1 {
			t.Errorf("%s shows %d times on the board", x.CandidateName, strings.Count(page.body, `id="card-`+x.ID+`"`))
		}
	}
	if !regexp.MustCompile(`count[^>]*>\s*3\s*<`).MatchString(col) {
		t.Errorf("the Hired column does not count 3: %s", snippet(col))
	}

	// Someone who may not hire is told so, not asked.
	e := newApp("Annie")
	r = f.post(f.as(f.inter), "/applications/"+e.ID+"/hire", url.Values{})
	if r.status != http.StatusForbidden {
		t.Fatalf("interviewer asked to hire: %d", r.status)
	}
	// A bulk move to Hired asks too.
	r = f.post(c, back+"/bulk", url.Values{"action": {"move"}, "ids": {e.ID}, "stage_id": {hired.ID}})
	r.must(t, http.StatusOK, "Hire 1 candidate for "+f.job.Title+"?")
	wantUnchanged("a bulk move", e)
	f.post(c, back+"/bulk", url.Values{"action": {"move"}, "ids": {e.ID}, "stage_id": {hired.ID}, "confirm": {"yes"}}).redirectsTo(t, back)
	wantHired("a bulk move", e)
}
