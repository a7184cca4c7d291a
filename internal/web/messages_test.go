package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

func TestCandidateMessagesPage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.as(f.recruiter)
	page := "/candidates/" + f.cand.ID + "/messages"
	f.get(c, "/candidates/"+f.cand.ID).must(t, http.StatusOK, `id="tab-email"`)
	f.get(c, page).must(t, http.StatusOK, `id="message-form"`, "No email yet.", "{{candidate.first_name}}")
	// Preview a shipped template for this candidate: nothing is queued.
	tpls, err := f.app.DB.ListTemplates(f.app.System())
	if err != nil {
		t.Fatal(err)
	}
	var rejection string
	for _, x := range tpls {
		if x.Key == hiring.TemplateRejection && x.Language == "en" {
			rejection = x.ID
		}
	}
	f.post(c, page, url.Values{"application_id": {f.appl.ID}, "template_id": {rejection}, "action": {"preview"}}).
		must(t, http.StatusOK, `id="message-preview"`, "Your application for Backend Engineer", "Hello Ada,")
	f.post(c, page, url.Values{"application_id": {f.appl.ID}, "subject": {"Hi"}, "body": {"Dear {{candidate.nick}}"}, "action": {"send"}}).
		must(t, http.StatusUnprocessableEntity, `id="e-body"`, "unknown merge field", `Dear {{candidate.nick}}`)
	f.post(c, page, url.Values{"application_id": {f.appl.ID}, "subject": {"Next steps, {{candidate.first_name}}"},
		"body": {"Hello **{{candidate.first_name}}**"}, "action": {"send"}}).redirectsTo(t, page)
	f.post(c, page, url.Values{"application_id": {f.appl.ID}, "subject": {"Later"}, "body": {"x"}, "send_at": {"tomorrow 9"}, "action": {"send"}}).
		must(t, http.StatusUnprocessableEntity, `id="e-send_at"`)
	msgs, err := f.app.DB.CandidateMessages(f.app.System(), f.cand.ID, hiring.PageRequest{})
	if err != nil || len(msgs.Items) != 1 || msgs.Items[0].Subject != "Next steps, Ada" {
		t.Fatalf("messages %+v %v", msgs.Items, err)
	}
	r := f.get(c, page)
	r.must(t, http.StatusOK, "Next steps, Ada", `data-status="queued"`, "/messages/"+msgs.Items[0].ID+"/cancel")
	if strings.Contains(r.body, "No email yet.") {
		t.Error("empty state shown beside a message")
	}
	// The team's interviewer reads, but has no form and may not send or cancel.
	ic := f.as(f.inter)
	r = f.get(ic, page)
	r.must(t, http.StatusOK, "Next steps, Ada")
	if strings.Contains(r.body, `id="message-form"`) {
		t.Error("interviewer offered the mail form")
	}
	f.post(ic, page, url.Values{"application_id": {f.appl.ID}, "subject": {"x"}, "body": {"y"}}).must(t, http.StatusForbidden)
	f.post(ic, "/messages/"+msgs.Items[0].ID+"/cancel", nil).must(t, http.StatusForbidden)
	f.get(f.as(f.outsider), page).must(t, http.StatusNotFound)
	f.post(c, "/messages/"+msgs.Items[0].ID+"/cancel", nil).redirectsTo(t, page)
	f.get(c, page).must(t, http.StatusOK, `data-status="cancelled"`)
	// Scheduled: kept queued with its time, in the viewer's zone.
	at := time.Now().Add(48 * time.Hour).UTC().Format("2006-01-02T15:04")
	f.post(c, page, url.Values{"application_id": {f.appl.ID}, "subject": {"Later"}, "body": {"x"}, "send_at": {at}, "action": {"send"}}).redirectsTo(t, page)
	msgs, _ = f.app.DB.CandidateMessages(f.app.System(), f.cand.ID, hiring.PageRequest{})
	if m := msgs.Items[0]; m.Subject != "Later" || m.SendAt == nil || m.SendAt.Before(time.Now().Add(47*time.Hour)) {
		t.Errorf("scheduled message %+v", m)
	}
	f.get(c, page).must(t, http.StatusOK, "scheduled for")
}
