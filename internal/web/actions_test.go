package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

func TestJobFormValidatesAndKeepsInput(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.as(f.recruiter)
	bad := url.Values{
		"title": {""}, "description": {"We build *things*."}, "workplace_type": {"on_site"}, "employment_type": {"full_time"},
		"openings": {"two"}, "allowed_countries": {"DE"}, "salary.min": {"100"}, "salary.max": {"50"}, "salary.currency": {"EUR"}, "salary.period": {"year"},
		"requirements.0.skill": {"Go"}, "requirements.0.must_have": {"on"},
	}
	r := f.post(c, "/jobs", bad)
	r.must(t, http.StatusUnprocessableEntity, "must be a whole number", "We build *things*.", `value="Go"`)
	if !strings.Contains(r.body, `id="e-openings"`) {
		t.Error("no message under the openings input")
	}
	// Service-side rules also come back as field messages once the numbers parse.
	bad.Set("openings", "1")
	r = f.post(c, "/jobs", bad)
	r.must(t, http.StatusUnprocessableEntity, `id="e-title"`, `id="e-salary.max"`, `id="e-allowed_countries"`)

	good := url.Values{
		"title": {"Data Engineer"}, "workplace_type": {"remote"}, "employment_type": {"full_time"}, "openings": {"2"},
		"allowed_countries": {"de, pt"}, "salary.min": {"70,000"}, "salary.max": {"90000"}, "salary.currency": {"eur"}, "salary.period": {"year"},
		"requirements.0.skill": {"SQL"}, "requirements.0.must_have": {"on"}, "requirements.2.skill": {"Spark"},
		"hiring_team.0.user_id": {f.manager.ID}, "hiring_team.0.role": {"hiring_manager"},
	}
	r = f.post(c, "/jobs", good)
	r.redirectsTo(t, "/jobs/")
	id := strings.TrimPrefix(r.location, "/jobs/")
	job, err := f.app.DB.Job(f.app.System(), id)
	if err != nil {
		t.Fatal(err)
	}
	if job.Salary == nil || job.Salary.Min != 70000 || job.Salary.Currency != "EUR" || len(job.AllowedCountries) != 2 ||
		len(job.Requirements) != 2 || !job.Requirements[0].MustHave || job.Requirements[1].Skill != "Spark" ||
		len(job.HiringTeam) != 2 || job.HiringTeam[0].UserID != f.manager.ID {
		t.Fatalf("job saved wrong: %+v", job)
	}
	// Its creator joined the team as its recruiter, so it is on their dashboard once open.
	if m := job.HiringTeam[1]; m.UserID != f.recruiter.ID || m.Role != hiring.TeamRecruiter {
		t.Fatalf("the creator is not on the team: %+v", job.HiringTeam)
	}
	// The board shows the flash from the redirect.
	f.get(c, r.location).must(t, http.StatusOK, "Job created.")
	if _, err := f.app.DB.SetJobStatus(f.app.System(), id, job.Version, hiring.JobOpen); err != nil {
		t.Fatal(err)
	}
	f.get(c, "/").must(t, http.StatusOK, `href="/jobs/`+id+`"`)
	if j, err := f.app.DB.Job(f.app.System(), id); err == nil {
		job = j
	}

	// Editing with a stale version is refused with a message, not a 500.
	stale := jobForm(job)
	stale.Set("version", "0")
	stale.Set("title", "Renamed")
	f.post(c, "/jobs/"+id+"/edit", stale).redirectsTo(t, "/jobs/"+id) // version 0 is "no check"
	stale.Set("version", "1")
	r = f.post(c, "/jobs/"+id+"/edit", stale)
	if r.status != http.StatusPreconditionFailed && r.status != http.StatusConflict {
		t.Fatalf("stale edit: status %d", r.status)
	}
}

func jobForm(j hiring.Job) url.Values {
	return url.Values{"title": {j.Title}, "workplace_type": {string(j.WorkplaceType)}, "employment_type": {string(j.EmploymentType)}, "openings": {"1"}}
}

func TestJobStatusButtons(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.as(f.recruiter)
	job, _ := f.app.DB.Job(f.app.System(), f.job.ID)
	r := f.get(c, "/jobs/"+job.ID)
	r.must(t, http.StatusOK, `name="status" value="open"`)
	f.post(c, "/jobs/"+job.ID+"/status", url.Values{"status": {"open"}, "version": {strconv.Itoa(job.Version)}}).redirectsTo(t, "/jobs/"+job.ID)
	job, _ = f.app.DB.Job(f.app.System(), f.job.ID)
	if job.Status != hiring.JobOpen {
		t.Fatalf("status %s", job.Status)
	}
	// draft → closed is not allowed from open? open → archived is not: the message comes back, no 500.
	r = f.post(c, "/jobs/"+job.ID+"/status", url.Values{"status": {"archived"}, "version": {strconv.Itoa(job.Version)}})
	r.redirectsTo(t, "/jobs/"+job.ID)
	f.get(c, "/jobs/"+job.ID).must(t, http.StatusOK, `class="flash error"`)
}

func TestMoveWithAndWithoutJavaScript(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.as(f.recruiter)
	r := f.post(c, "/applications/"+f.appl.ID+"/move", url.Values{"stage_id": {f.stages[1].ID}, "return_to": {"/jobs/" + f.job.ID}})
	r.redirectsTo(t, "/jobs/"+f.job.ID)
	assertStage(t, f, f.stages[1].ID)
	f.get(c, "/jobs/"+f.job.ID).must(t, http.StatusOK, "Moved Ada Lovelace to "+f.stages[1].Name)

	// The drag-and-drop request (htmx/fetch) gets 204 and no redirect.
	req, _ := http.NewRequest(http.MethodPost, f.app.URL+"/applications/"+f.appl.ID+"/move", strings.NewReader(url.Values{"stage_id": {f.stages[2].ID}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("HX-Request", "true")
	req.Header.Set("X-CSRF-Token", f.app.CSRFToken(c))
	f.do(c, req).must(t, http.StatusNoContent)
	assertStage(t, f, f.stages[2].ID)

	// A stage of another job is refused with a message, and nothing changes.
	other, err := f.app.DB.CreateJob(f.app.System(), hiring.JobInput{Title: "Other", WorkplaceType: hiring.OnSite, EmploymentType: hiring.FullTime})
	if err != nil {
		t.Fatal(err)
	}
	os, _ := f.app.DB.Stages(f.app.System(), other.ID)
	r = f.post(c, "/applications/"+f.appl.ID+"/move", url.Values{"stage_id": {os[0].ID}, "return_to": {"/jobs/" + f.job.ID}})
	if r.status >= 500 {
		t.Fatalf("status %d", r.status)
	}
	assertStage(t, f, f.stages[2].ID)

	// return_to can't send people off-site.
	r = f.post(c, "/applications/"+f.appl.ID+"/move", url.Values{"stage_id": {f.stages[1].ID}, "return_to": {"//evil.example/"}})
	r.redirectsTo(t, "/jobs/"+f.job.ID)

	// Interviewers may not move.
	r = f.post(f.as(f.inter), "/applications/"+f.appl.ID+"/move", url.Values{"stage_id": {f.stages[0].ID}})
	if r.status != http.StatusForbidden && r.status != http.StatusNotFound {
		t.Fatalf("interviewer move: %d", r.status)
	}
	assertStage(t, f, f.stages[1].ID)
}

func assertStage(t *testing.T, f *fixture, stageID string) {
	t.Helper()
	a, err := f.app.DB.Application(f.app.System(), f.appl.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.StageID != stageID {
		t.Fatalf("application in stage %s, want %s", a.StageID, stageID)
	}
}

func TestRejectHireWithdrawReopen(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.as(f.recruiter)
	ctx := f.app.System()
	reason, err := f.app.DB.CreateRejectionReason(ctx, "Not enough experience")
	if err != nil {
		t.Fatal(err)
	}
	back := "/candidates/" + f.cand.ID
	step := func(action string, form url.Values, want hiring.ApplicationStatus) {
		t.Helper()
		a, _ := f.app.DB.Application(ctx, f.appl.ID)
		form.Set("version", strconv.Itoa(a.Version))
		form.Set("return_to", back)
		f.post(c, "/applications/"+f.appl.ID+"/"+action, form).redirectsTo(t, back)
		if a, _ = f.app.DB.Application(ctx, f.appl.ID); a.Status != want {
			t.Fatalf("%s: status %s, want %s", action, a.Status, want)
		}
	}
	step("reject", url.Values{"reason_id": {reason.ID}}, hiring.AppRejected)
	f.get(c, back).must(t, http.StatusOK, "Not enough experience", "Reopen")
	step("reopen", url.Values{}, hiring.AppActive)
	step("withdraw", url.Values{}, hiring.AppWithdrawn)
	step("reopen", url.Values{}, hiring.AppActive)
	step("hire", url.Values{"confirm": {"yes"}}, hiring.AppHired)

	// A stale version is a message on the profile, not a 500.
	r := f.post(c, "/applications/"+f.appl.ID+"/withdraw", url.Values{"version": {"1"}, "return_to": {back}})
	r.redirectsTo(t, back)
	f.get(c, back).must(t, http.StatusOK, `class="flash error"`)
}

func TestBulkActions(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.as(f.recruiter)
	ctx := f.app.System()
	b, err := f.app.DB.CreateCandidate(ctx, hiring.CandidateInput{FirstName: "Grace", LastName: "Hopper"})
	if err != nil {
		t.Fatal(err)
	}
	app2, err := f.app.DB.CreateApplication(ctx, hiring.NewApplication{CandidateID: b.ID, JobID: f.job.ID})
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{f.appl.ID, app2.ID}
	path := "/jobs/" + f.job.ID + "/bulk"
	f.post(c, path, url.Values{"action": {"move"}, "ids": ids, "stage_id": {f.stages[1].ID}}).redirectsTo(t, "/jobs/"+f.job.ID)
	f.get(c, "/jobs/"+f.job.ID).must(t, http.StatusOK, "Moved 2 applications.")
	assertStage(t, f, f.stages[1].ID)

	f.post(c, path, url.Values{"action": {"tag"}, "ids": ids, "tags": {"strong, shortlist"}}).redirectsTo(t, "/jobs/"+f.job.ID)
	if cand, _ := f.app.DB.Candidate(ctx, b.ID); !strings.Contains(strings.Join(cand.Tags, ","), "shortlist") {
		t.Fatalf("tags %v", cand.Tags)
	}

	// Nothing selected: a message, no change.
	f.post(c, path, url.Values{"action": {"move"}, "stage_id": {f.stages[0].ID}}).redirectsTo(t, "/jobs/"+f.job.ID)
	f.get(c, "/jobs/"+f.job.ID).must(t, http.StatusOK, "Select at least one card first.")

	f.post(c, path, url.Values{"action": {"reject"}, "ids": ids, "reason": {"Position filled"}}).redirectsTo(t, "/jobs/"+f.job.ID)
	if a, _ := f.app.DB.Application(ctx, app2.ID); a.Status != hiring.AppRejected {
		t.Fatalf("bulk reject: %s", a.Status)
	}
}

func TestStageEditor(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.as(f.recruiter)
	ctx := f.app.System()
	base := "/jobs/" + f.job.ID + "/stages"

	f.post(c, base, url.Values{"name": {""}, "kind": {"interview"}}).must(t, http.StatusUnprocessableEntity, "Pipeline stages")
	f.post(c, base, url.Values{"name": {"Tech interview"}, "kind": {"interview"}}).redirectsTo(t, base)
	stages, _ := f.app.DB.Stages(ctx, f.job.ID)
	if len(stages) != len(f.stages)+1 {
		t.Fatalf("%d stages", len(stages))
	}
	f.post(c, base+"/"+stages[1].ID, url.Values{"name": {"Phone screen"}, "kind": {"screen"}}).redirectsTo(t, base)
	f.post(c, base+"/"+stages[1].ID+"/move", url.Values{"direction": {"up"}}).redirectsTo(t, base)
	after, _ := f.app.DB.Stages(ctx, f.job.ID)
	if after[0].ID != stages[1].ID || after[0].Name != "Phone screen" {
		t.Fatalf("reorder/rename: %+v", after[:2])
	}
	// The first stage holds Ada's application: removing it explains why not.
	holding := f.stages[0].ID
	f.post(c, base+"/"+holding+"/delete", nil).redirectsTo(t, base)
	f.get(c, base).must(t, http.StatusOK, "still has applications")
	if s, _ := f.app.DB.Stages(ctx, f.job.ID); len(s) != len(stages) {
		t.Fatal("stage with applications was removed")
	}
	f.post(c, base+"/"+after[len(after)-2].ID+"/delete", nil).redirectsTo(t, base)
	if s, _ := f.app.DB.Stages(ctx, f.job.ID); len(s) != len(stages)-1 {
		t.Fatal("empty stage not removed")
	}
}

// The add-a-stage form asks where: "Before Offer" is chosen unless the user
// picks another place, and the place picked is where the stage goes.
func TestStageAddPlace(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.as(f.recruiter)
	base := "/jobs/" + f.job.ID + "/stages"
	page := f.get(c, base)
	page.must(t, http.StatusOK, `name="position"`, "At the end")
	if !regexp.MustCompile(`<option value="4" selected>Before Offer</option>`).MatchString(page.body) {
		t.Fatalf("the default place is not before Offer:\n%s", snippet(page.body[strings.Index(page.body, `id="stage-add"`):]))
	}
	f.post(c, base, url.Values{"name": {"Sourced"}, "kind": {"sourced"}, "position": {"1"}}).redirectsTo(t, base)
	f.post(c, base, url.Values{"name": {"Reference check"}, "kind": {"screen"}}).redirectsTo(t, base)
	stages, _ := f.app.DB.Stages(f.app.System(), f.job.ID)
	var names []string
	for _, s := range stages {
		names = append(names, s.Name)
	}
	if got := strings.Join(names, ","); got != "Sourced,Applied,Screen,Interview,Reference check,Offer,Hired" {
		t.Fatalf("pipeline %s", got)
	}
}
