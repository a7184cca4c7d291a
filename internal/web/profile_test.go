package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/parsing/parsingtest"
)

// parsedUpload uploads a file through the UI as the recruiter and runs its
// parse job (the queue is not started in handler tests).
func (f *fixture) parsedUpload(name string, data []byte) hiring.Document {
	f.t.Helper()
	f.upload(f.as(f.recruiter), f.cand.ID, name, data).redirectsTo(f.t, "/candidates/"+f.cand.ID)
	docs, err := f.app.DB.Documents(f.app.System(), f.cand.ID)
	if err != nil || len(docs) == 0 {
		f.t.Fatalf("documents: %v", err)
	}
	d := docs[0] // newest first
	if err := f.app.Parsing.ParseDocument(context.Background(), d.ID); err != nil {
		f.t.Fatalf("parse: %v", err)
	}
	return d
}

// htmxPost posts a form as htmx does (with the HX-Request header).
func (f *fixture) htmxPost(c *http.Client, path string, form url.Values) response {
	f.t.Helper()
	form.Set("csrf_token", f.app.CSRFToken(c))
	req, _ := http.NewRequest(http.MethodPost, f.app.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("HX-Request", "true")
	return f.do(c, req)
}

func TestProfilePanelAndInlinePDF(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d := f.parsedUpload("jane.pdf", parsingtest.PDF(parsingtest.Resume...))
	rec := f.as(f.recruiter)
	f.get(rec, "/candidates/"+f.cand.ID).must(t, http.StatusOK,
		`id="profile-`+d.ID+`"`, `src="/documents/`+d.ID+`/inline"`, "jane.doe@example.com", "&#43;14155550134", "Kubernetes",
		"Acme Corp", `title="Parser confidence">99%`, `name="field" value="basics.email"`, "Re-parse")

	r := f.get(rec, "/documents/"+d.ID+"/inline")
	r.must(t, http.StatusOK)
	csp := r.header.Get("Content-Security-Policy")
	if !strings.HasPrefix(csp, "sandbox; default-src 'none'") || r.header.Get("X-Content-Type-Options") != "nosniff" ||
		!strings.HasPrefix(r.header.Get("Content-Disposition"), "inline;") || r.header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("inline headers: %v", r.header)
	}
	if !strings.HasPrefix(r.body, "%PDF-") {
		t.Fatal("inline body is not the PDF")
	}
	f.get(f.as(f.outsider), "/documents/"+d.ID+"/inline").must(t, http.StatusNotFound)
	// The panel is for the team too, without the edit forms for an interviewer.
	page := f.get(f.as(f.inter), "/candidates/"+f.cand.ID)
	page.must(t, http.StatusOK, "jane.doe@example.com")
	if strings.Contains(page.body, `action="/documents/`+d.ID+`/profile"`) {
		t.Fatal("an interviewer sees the correction forms")
	}
}

func TestProfileEditInPlace(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	d := f.parsedUpload("jane.pdf", parsingtest.PDF(parsingtest.Resume...))
	rec := f.as(f.recruiter)
	path := "/documents/" + d.ID + "/profile"
	v, err := f.app.Parsing.Profile(f.app.As(f.recruiter), d.ID)
	if err != nil {
		t.Fatal(err)
	}
	ver := func() string { return strconv.Itoa(v.Version) }

	// Without JavaScript: a plain form post and a redirect back to the panel.
	f.post(rec, path, url.Values{"field": {"basics.email"}, "value": {"jane@corrected.example"}, "version": {ver()}}).
		redirectsTo(t, "/candidates/"+f.cand.ID+"#profile-"+d.ID)
	c, err := f.app.DB.Candidate(f.app.System(), f.cand.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.PrimaryEmail() != "ada@example.com" || !strings.Contains(strings.Join(c.Emails, ","), "jane@corrected.example") ||
		strings.Contains(strings.Join(c.Emails, ","), "jane.doe@example.com") {
		t.Fatalf("emails after correction = %v", c.Emails)
	}
	if v, err = f.app.Parsing.Profile(f.app.As(f.recruiter), d.ID); err != nil {
		t.Fatal(err)
	}

	// With htmx: the panel comes back in place; a refused value is shown at its field.
	bad := f.htmxPost(rec, path, url.Values{"field": {"basics.phone"}, "value": {"call me maybe"}, "version": {ver()}})
	bad.must(t, http.StatusUnprocessableEntity, `id="profile-`+d.ID+`"`, "not a valid phone number", "open")
	if strings.Contains(bad.body, "<html") {
		t.Fatal("htmx got a whole page, want the panel")
	}
	good := f.htmxPost(rec, path, url.Values{"field": {"work.0.position"}, "value": {"Staff <Engineer>"}, "version": {ver()}})
	good.must(t, http.StatusOK, "Staff &lt;Engineer&gt;", "corrected")
	// A stale version is refused, not silently lost.
	f.htmxPost(rec, path, url.Values{"field": {"basics.label"}, "value": {"x"}, "version": {ver()}}).must(t, http.StatusPreconditionFailed)

	// Interviewers and hiring managers may not correct.
	f.post(f.as(f.inter), path, url.Values{"field": {"basics.label"}, "value": {"x"}}).must(t, http.StatusForbidden)
	f.post(f.as(f.outsider), path, url.Values{"field": {"basics.label"}, "value": {"x"}}).must(t, http.StatusNotFound)
}

func TestProfileTextFailuresAndReparse(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	lines := append([]string{"<script>alert(1)</script>"}, parsingtest.Resume...)
	docx := f.parsedUpload("jane.docx", parsingtest.DOCX(lines...))
	scan := f.parsedUpload("scan.pdf", parsingtest.ImagePDF())
	rec := f.as(f.recruiter)
	page := f.get(rec, "/candidates/"+f.cand.ID)
	page.must(t, http.StatusOK, `class="doc-text"`, "&lt;script&gt;alert(1)&lt;/script&gt;", "Not parsed:", "No text layer",
		"OCR is out of scope for now")
	if strings.Contains(page.body, "<script>alert(1)") {
		t.Fatal("extracted text is not escaped")
	}
	f.get(rec, "/documents/"+docx.ID+"/inline").must(t, http.StatusNotFound) // only PDFs render inline

	f.post(f.as(f.inter), "/documents/"+scan.ID+"/reparse", url.Values{}).must(t, http.StatusForbidden)
	f.post(rec, "/documents/"+scan.ID+"/reparse", url.Values{}).redirectsTo(t, "/candidates/"+f.cand.ID+"#profile-"+scan.ID)
	f.get(rec, "/candidates/"+f.cand.ID).must(t, http.StatusOK, "Parsing…", `hx-get="/documents/`+scan.ID+`/profile"`)
	f.get(rec, "/documents/"+scan.ID+"/profile", "HX-Request", "true").must(t, http.StatusOK, `id="profile-`+scan.ID+`"`)
}

func TestAdminSkills(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	adm := f.as(f.admin)
	f.get(f.as(f.recruiter), "/admin/skills").must(t, http.StatusForbidden)
	f.post(adm, "/admin/skills", url.Values{"name": {"Terraform"}, "synonyms": {"tf, terraform cloud"}}).redirectsTo(t, "/admin/skills")
	f.post(adm, "/admin/skills", url.Values{"name": {"terraform"}}).must(t, http.StatusConflict, "already in the vocabulary")
	page := f.get(adm, "/admin/skills")
	page.must(t, http.StatusOK, "Terraform", "tf, terraform cloud", `value="US"`)
	skills, err := f.app.DB.Skills(f.app.System())
	if err != nil || len(skills) != 1 {
		t.Fatalf("skills %v %v", skills, err)
	}
	f.post(adm, "/admin/parse-settings", url.Values{"default_region": {"Germany"}}).must(t, http.StatusUnprocessableEntity, "two-letter")
	f.post(adm, "/admin/parse-settings", url.Values{"default_region": {"de"}}).redirectsTo(t, "/admin/skills")
	f.get(adm, "/admin/skills").must(t, http.StatusOK, `value="DE"`)
	f.post(adm, "/admin/skills/"+skills[0].ID+"/delete", url.Values{}).redirectsTo(t, "/admin/skills")
	if skills, _ = f.app.DB.Skills(f.app.System()); len(skills) != 0 {
		t.Fatalf("skill not removed: %v", skills)
	}
}
