package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

// Controls a role cannot use are not shown (issue 7, friction 8): an
// interviewer sees the candidate but no tag editing, upload, document
// delete or move/reject forms, and no import form; a recruiter sees them all.
func TestRoleControls(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	page := "/candidates/" + f.cand.ID
	hidden := []string{`id="tag-form"`, `id="upload-form"`, `/tags/remove"`, `action="/documents/`, `/applications/` + f.appl.ID + `/move"`, `id="edit-candidate"`}
	if _, err := f.app.DB.AddDocument(f.app.System(), hiring.NewDocument{CandidateID: f.cand.ID, Kind: "other", FileName: "x.txt",
		ContentType: "text/plain", Size: 1, SHA256: "x", BlobKey: "k"}); err != nil {
		t.Fatal(err)
	}
	iv := f.get(f.as(f.inter), page)
	iv.must(t, http.StatusOK, `id="note-form"`)
	for _, s := range hidden {
		if strings.Contains(iv.body, s) {
			t.Errorf("the interviewer's candidate page shows %s", s)
		}
	}
	rec := f.get(f.as(f.recruiter), page)
	rec.must(t, http.StatusOK, hidden...)
	f.get(f.as(f.inter), "/imports").must(t, http.StatusOK, `id="imports-managers-only"`)
	if strings.Contains(f.get(f.as(f.inter), "/imports").body, `id="import-form"`) {
		t.Error("the interviewer's imports page shows the import form")
	}
	f.get(f.as(f.recruiter), "/imports").must(t, http.StatusOK, `id="import-form"`)
	f.get(f.as(f.recruiter), "/candidates").must(t, http.StatusOK, `id="resume-drop"`, `id="imports-link"`)
	if strings.Contains(f.get(f.as(f.inter), "/candidates").body, `id="resume-drop"`) {
		t.Error("the interviewer's candidates page offers the resume drop")
	}
}

// "Use" the resume's name: only the names change, under the version check.
func TestCandidateNameFromResume(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.as(f.recruiter)
	f.post(c, "/candidates/"+f.cand.ID+"/name", url.Values{"first_name": {"Augusta Ada"}, "last_name": {"King"}, "version": {"1"}}).
		redirectsTo(t, "/candidates/"+f.cand.ID)
	got, err := f.app.DB.Candidate(f.app.System(), f.cand.ID)
	if err != nil || got.Name() != "Augusta Ada King" || got.PrimaryEmail() != "ada@example.com" || len(got.Tags) != 1 || got.Source != "referral" {
		t.Fatalf("after the name change: %+v, %v", got, err)
	}
	// A stale version is refused (someone changed the record meanwhile).
	f.post(c, "/candidates/"+f.cand.ID+"/name", url.Values{"first_name": {"X"}, "last_name": {"Y"}, "version": {"1"}})
	if got2, _ := f.app.DB.Candidate(f.app.System(), f.cand.ID); got2.Name() != "Augusta Ada King" {
		t.Fatalf("a stale version renamed the candidate to %q", got2.Name())
	}
	// Interviewers may not.
	if r := f.post(f.as(f.inter), "/candidates/"+f.cand.ID+"/name", url.Values{"first_name": {"X"}, "version": {"2"}}); r.status != http.StatusForbidden {
		t.Fatalf("interviewer renaming: %d", r.status)
	}
}
