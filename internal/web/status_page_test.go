package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

var statusLinkRE = regexp.MustCompile(`/status/([A-Za-z0-9_-]{43})`)

// statusLink queues a mail with {{status_link}} and returns the page's path.
func (f *fixture) statusLink() string {
	f.t.Helper()
	m, err := f.app.DB.SendMessage(f.app.As(f.recruiter), hiring.NewMessage{CandidateID: f.cand.ID, ApplicationID: f.appl.ID,
		Subject: "Where you stand", Body: "Follow along: {{status_link}}"})
	if err != nil {
		f.t.Fatal(err)
	}
	got := statusLinkRE.FindStringSubmatch(m.Text)
	if got == nil {
		f.t.Fatalf("no status link in %q", m.Text)
	}
	return got[0]
}

func (f *fixture) statusUpload(c *http.Client, path, name string, data []byte, csrf string) response {
	f.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("csrf_token", csrf)
	fw, _ := mw.CreateFormFile("resume", name)
	_, _ = fw.Write(data)
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, f.app.URL+path+"/resume", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Accept", "text/html")
	return f.do(c, req)
}

func TestStatusPage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	path := f.statusLink()
	anon := f.app.Client()
	r := f.get(anon, path)
	r.must(t, http.StatusOK, "Hello <bdi>Ada</bdi>", "Backend Engineer", hiring.DefaultStageLabels["en"][string(f.stages[0].Kind)],
		`action="`+path+`/withdraw"`, `action="`+path+`/contact"`, `action="`+path+`/resume"`, `action="`+path+`/consent"`)
	if r.header.Get("Referrer-Policy") != "no-referrer" || r.header.Get("Cache-Control") != "no-store" {
		t.Errorf("headers %v", r.header)
	}
	if strings.Contains(r.body, f.stages[0].Name+"<") && f.stages[0].Name != hiring.DefaultStageLabels["en"][string(f.stages[0].Kind)] {
		t.Errorf("the internal stage name %q is shown", f.stages[0].Name)
	}
	f.get(anon, path, "Accept-Language", "de-DE,de;q=0.9").must(t, http.StatusOK, hiring.DefaultStageLabels["de"][string(f.stages[0].Kind)])
	// Wrong, malformed and tampered links are plain 404s.
	f.get(anon, "/status/"+strings.Repeat("A", 43)).must(t, http.StatusNotFound)
	f.get(anon, "/status/short").must(t, http.StatusNotFound)
	f.get(anon, path+"x").must(t, http.StatusNotFound)
	f.post(anon, "/status/"+strings.Repeat("A", 43)+"/consent", url.Values{"future": {"yes"}}).must(t, http.StatusNotFound)

	// CSRF: a form without the visitor's token changes nothing.
	req, _ := http.NewRequest(http.MethodPost, f.app.URL+path+"/consent", strings.NewReader("future=yes"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if res := f.do(f.app.Client(), req); res.status != http.StatusForbidden {
		t.Fatalf("consent without CSRF token: %d", res.status)
	}
	f.post(anon, path+"/consent", url.Values{"future": {"yes"}}).redirectsTo(t, path)
	f.post(anon, path+"/contact", url.Values{"email": {"not-an-email"}}).redirectsTo(t, path)
	f.get(anon, path).must(t, http.StatusOK, "is not a valid email address")
	f.post(anon, path+"/contact", url.Values{"email": {"ada@lovelace.example"}, "phone": {"+44 20 7946 0000"}, "location": {"<b>London</b>"}}).redirectsTo(t, path)
	f.get(anon, path).must(t, http.StatusOK, "ada@lovelace.example", "&lt;b&gt;London&lt;/b&gt;", "Do not contact me about other roles")

	// A new resume: typed by its bytes, not its name.
	csrf := f.app.CSRFToken(anon)
	f.statusUpload(anon, path, "cv.pdf", []byte("MZ\x90\x00 not a pdf at all"), csrf).redirectsTo(t, path)
	f.get(anon, path).must(t, http.StatusOK, "flash error")
	f.statusUpload(anon, path, "cv.pdf", []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"), csrf).redirectsTo(t, path)
	docs, err := f.app.DB.Documents(f.app.System(), f.cand.ID)
	if err != nil || len(docs) != 1 || docs[0].Kind != "resume" || docs[0].ContentType != "application/pdf" {
		t.Fatalf("documents %+v %v", docs, err)
	}
	f.statusUpload(anon, path, "cv.pdf", []byte("%PDF-1.4"), "wrong-token").must(t, http.StatusForbidden)

	// Withdraw; the timeline says the candidate did it.
	f.post(anon, path+"/withdraw", url.Values{"application_id": {f.appl.ID}}).redirectsTo(t, path)
	f.get(anon, path).must(t, http.StatusOK, hiring.DefaultStageLabels["en"][hiring.LabelWithdrawn])
	app, err := f.app.DB.Application(f.app.System(), f.appl.ID)
	if err != nil || app.Status != hiring.AppWithdrawn {
		t.Fatalf("application %+v %v", app, err)
	}
	acts, err := f.app.DB.CandidateActivity(f.app.System(), f.cand.ID, hiring.PageRequest{})
	if err != nil {
		t.Fatal(err)
	}
	seen := false
	for _, a := range acts.Items {
		if a.Action == "application.withdrawn" && strings.Contains(a.ActorName, "status page") {
			seen = true
		}
	}
	if !seen {
		t.Error("the withdrawal is not on the timeline as the candidate's")
	}
	// The labels are the admin's to change.
	f.get(f.as(f.recruiter), "/admin/status-labels").must(t, http.StatusForbidden)
	f.get(f.as(f.admin), "/admin/status-labels").must(t, http.StatusOK, `name="label.en.withdrawn"`)
	f.post(f.as(f.admin), "/admin/status-labels", url.Values{"label.en.withdrawn": {"You stepped back"}}).redirectsTo(t, "/admin/status-labels")
	f.get(anon, path).must(t, http.StatusOK, "You stepped back")
	f.post(f.as(f.admin), "/admin/status-labels", url.Values{"label.en.withdrawn": {strings.Repeat("x", 200)}}).must(t, http.StatusUnprocessableEntity)
}

// sectionProvider is another capability's part of the status page.
type sectionProvider struct{ acted []string }

func (p *sectionProvider) StatusSections(_ context.Context, v hiring.StatusVisitor) ([]hiring.StatusSection, error) {
	return []hiring.StatusSection{{ID: "offer", Title: "Your offer <3", Lines: []string{"For " + v.CandidateID},
		Forms: []hiring.StatusForm{{Action: "accept", Button: "Accept", Choices: []hiring.StatusChoice{{Value: "a", Label: "Start in May"}}, Comment: true}}}}, nil
}

func (p *sectionProvider) StatusAction(_ context.Context, v hiring.StatusVisitor, section, action, choice, comment string) (string, error) {
	p.acted = append(p.acted, v.CandidateID+"/"+section+"/"+action+"/"+choice+"/"+comment)
	return "Accepted.", nil
}

var _ hiring.StatusSectionProvider = (*sectionProvider)(nil)

func TestStatusPageSections(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	p := &sectionProvider{}
	f.app.StatusSections.Add(p)
	path := f.statusLink()
	anon := f.app.Client()
	f.get(anon, path).must(t, http.StatusOK, `id="section-offer"`, "Your offer &lt;3", "For "+f.cand.ID, "Start in May",
		`action="`+path+`/sections/offer/accept"`)
	f.post(anon, path+"/sections/offer/accept", url.Values{"choice": {"a"}, "comment": {"See you"}}).redirectsTo(t, path)
	f.get(anon, path).must(t, http.StatusOK, "Accepted.")
	f.post(anon, path+"/sections/offer/decline", nil).must(t, http.StatusNotFound)
	f.post(anon, path+"/sections/other/accept", nil).must(t, http.StatusNotFound)
	f.post(anon, "/status/"+strings.Repeat("B", 43)+"/sections/offer/accept", nil).must(t, http.StatusNotFound)
	if len(p.acted) != 1 || p.acted[0] != f.cand.ID+"/offer/accept/a/See you" {
		t.Fatalf("provider saw %q", p.acted)
	}
}
