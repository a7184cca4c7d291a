package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

func TestAutomationsPages(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	rc := f.as(f.recruiter)
	f.get(rc, "/automations").must(t, http.StatusOK, "Application received", "Rejected", `id="automation-form"`)
	f.get(f.as(f.inter), "/automations").must(t, http.StatusForbidden)
	f.get(f.as(f.inter), "/jobs/"+f.job.ID+"/automations").must(t, http.StatusForbidden)
	f.get(f.as(f.outsider), "/jobs/"+f.job.ID+"/automations").must(t, http.StatusNotFound)
	page := "/jobs/" + f.job.ID + "/automations"
	f.get(f.as(f.manager), page).must(t, http.StatusOK, `name="stage_id"`)
	// A bad delay and a missing stage are named.
	f.post(f.as(f.manager), page, url.Values{"trigger": {"stage_entered"}, "template_id": {"00000000-0000-7000-8000-000000000109"}, "delay_hours": {"soon"}}).
		must(t, http.StatusUnprocessableEntity, "delay_hours")
	f.post(f.as(f.manager), page, url.Values{"trigger": {"stage_entered"}, "stage_id": {f.stages[1].ID}, "template_id": {"00000000-0000-7000-8000-000000000109"},
		"delay_hours": {"2"}, "enabled": {"1"}}).redirectsTo(t, page)
	rules, err := f.app.DB.Automations(f.app.System(), f.job.ID)
	if err != nil || len(rules) != 1 || rules[0].DelayMinutes != 120 || rules[0].StageID != f.stages[1].ID {
		t.Fatalf("rules %+v %v", rules, err)
	}
	// Moving the application there leaves the mail waiting on the application: send it now, or cancel it.
	if _, err := f.app.DB.MoveApplication(f.app.As(f.recruiter), f.appl.ID, 0, f.stages[1].ID); err != nil {
		t.Fatal(err)
	}
	pending, err := f.app.DB.PendingMessages(f.app.System(), f.appl.ID)
	if err != nil || len(pending) != 1 {
		t.Fatalf("pending %+v %v", pending, err)
	}
	f.get(rc, "/candidates/"+f.cand.ID).must(t, http.StatusOK, `id="pending-`+f.appl.ID+`"`, "/messages/"+pending[0].ID+"/send-now")
	f.post(f.as(f.inter), "/messages/"+pending[0].ID+"/send-now", url.Values{"return_to": {"candidate"}}).must(t, http.StatusForbidden)
	f.post(rc, "/messages/"+pending[0].ID+"/send-now", url.Values{"return_to": {"candidate"}}).redirectsTo(t, "/candidates/"+f.cand.ID)
	m, err := f.app.DB.Message(f.app.System(), pending[0].ID)
	if err != nil || m.SendAt == nil || m.SendAt.After(m.CreatedAt.Add(hiring.DefaultRejectionDelay)) {
		t.Fatalf("message after send now %+v %v", m, err)
	}
	f.post(f.as(f.manager), "/automations/"+rules[0].ID, url.Values{"trigger": {"rejected"}, "template_id": {"00000000-0000-7000-8000-000000000103"}}).redirectsTo(t, page)
	r, _ := f.app.DB.Automation(f.app.System(), rules[0].ID)
	if r.Trigger != hiring.TriggerRejected || r.DelayMinutes != 24*60 || r.Enabled {
		t.Fatalf("updated rule %+v", r)
	}
	f.post(f.as(f.inter), "/automations/"+r.ID+"/delete", nil).must(t, http.StatusForbidden)
	f.post(f.as(f.manager), "/automations/"+r.ID+"/delete", nil).redirectsTo(t, page)
}
