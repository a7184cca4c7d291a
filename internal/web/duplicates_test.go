package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

func TestDuplicatesMergeUndoAndDismiss(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := f.app.System()
	twin, err := f.app.DB.CreateCandidate(ctx, hiring.CandidateInput{FirstName: "Augusta", LastName: "King", Emails: []string{"ADA@example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.DB.CreateApplication(ctx, hiring.NewApplication{CandidateID: twin.ID, JobID: f.job.ID, StageID: f.stages[2].ID}); err != nil {
		t.Fatal(err)
	}
	rec := f.as(f.recruiter)
	candPath := "/candidates/" + f.cand.ID

	f.get(rec, candPath).must(t, http.StatusOK, `id="duplicates"`, "Augusta King", "same email", candPath+"/merge?other="+twin.ID)
	if r := f.get(f.as(f.manager), candPath); strings.Contains(r.body, `id="duplicates"`) {
		t.Fatal("the hiring manager, who cannot merge, is offered duplicates")
	}
	f.get(rec, "/candidates/duplicates").must(t, http.StatusOK, "Augusta King", "Ada Lovelace", "Not a duplicate")
	f.get(f.as(f.manager), "/candidates/duplicates").must(t, http.StatusForbidden)
	f.get(rec, candPath+"/merge").must(t, http.StatusOK, `id="merge-choices"`, "Augusta King")
	// The twin is further along on the job: Ada's own application is the one withdrawn.
	f.get(rec, candPath+"/merge?other="+twin.ID).must(t, http.StatusOK, "Merge Augusta King into Ada Lovelace", "Withdrawn", `id="swap-survivor"`)
	f.get(f.as(f.manager), candPath+"/merge?other="+twin.ID).must(t, http.StatusForbidden)
	f.post(f.as(f.manager), candPath+"/merge", url.Values{"other_id": {twin.ID}}).must(t, http.StatusForbidden)

	f.post(rec, candPath+"/merge", url.Values{"other_id": {twin.ID}}).redirectsTo(t, candPath)
	f.get(rec, "/candidates/"+twin.ID).must(t, http.StatusNotFound)
	tl, err := f.app.DB.CandidateActivity(ctx, f.cand.ID, hiring.PageRequest{Limit: 1})
	if err != nil || tl.Items[0].Action != "candidate.merged" {
		t.Fatalf("timeline head %+v %v", tl.Items, err)
	}
	mergeID := tl.Items[0].SubjectID
	page := f.get(rec, candPath)
	page.must(t, http.StatusOK, "merged Augusta King into Ada Lovelace", `action="/merges/`+mergeID+`/undo"`, "ada@example.com")
	if strings.Contains(f.get(f.as(f.manager), candPath).body, "/merges/"+mergeID+"/undo") {
		t.Fatal("the hiring manager is offered Undo")
	}
	f.post(f.as(f.manager), "/merges/"+mergeID+"/undo", url.Values{}).must(t, http.StatusNotFound)

	f.post(rec, "/merges/"+mergeID+"/undo", url.Values{}).redirectsTo(t, "/candidates/"+twin.ID)
	f.get(rec, "/candidates/"+twin.ID).must(t, http.StatusOK, "Augusta King")
	// A second undo explains itself instead of failing.
	r := f.post(rec, "/merges/"+mergeID+"/undo", url.Values{"return_to": {candPath}})
	r.redirectsTo(t, candPath)

	f.post(rec, candPath+"/not-duplicate", url.Values{"other_id": {twin.ID}}).redirectsTo(t, candPath)
	if strings.Contains(f.get(rec, candPath).body, `id="duplicates"`) {
		t.Fatal("a dismissed pair is still offered")
	}
	if strings.Contains(f.get(rec, "/candidates/duplicates").body, "Augusta King") {
		t.Fatal("a dismissed pair is still queued")
	}
}

// Two records whose emails together pass the limit: the preview says so,
// and the merge keeps every address.
func TestMergePreviewWarnsOfOverflow(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := f.app.System()
	var a, b []string
	for i := range 6 {
		a = append(a, fmt.Sprintf("one%d@example.com", i))
		b = append(b, fmt.Sprintf("two%d@example.com", i))
	}
	one, err := f.app.DB.CreateCandidate(ctx, hiring.CandidateInput{FirstName: "Rosa", LastName: "Many", Emails: a})
	if err != nil {
		t.Fatal(err)
	}
	two, err := f.app.DB.CreateCandidate(ctx, hiring.CandidateInput{FirstName: "Rosa", LastName: "Many", Emails: b})
	if err != nil {
		t.Fatal(err)
	}
	rec := f.as(f.recruiter)
	path := "/candidates/" + one.ID
	f.get(rec, path+"/merge?other="+two.ID).must(t, http.StatusOK, `id="merge-overflow"`, "12 email addresses (at most 10)")
	f.post(rec, path+"/merge", url.Values{"other_id": {two.ID}}).redirectsTo(t, path)
	merged, err := f.app.DB.Candidate(ctx, one.ID)
	if err != nil || len(merged.Emails) != 12 {
		t.Fatalf("merged emails: %d, %v", len(merged.Emails), err)
	}
}

// The merge preview says "further along" only when it is so: when both
// applications to a job are at the same stage, it says that instead; and its
// counts read right in the singular.
func TestMergePreviewWording(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := f.app.System()
	twin, err := f.app.DB.CreateCandidate(ctx, hiring.CandidateInput{FirstName: "Augusta", LastName: "King", Emails: []string{"ADA@example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	// Same stage as Ada's application (the first).
	if _, err := f.app.DB.CreateApplication(ctx, hiring.NewApplication{CandidateID: twin.ID, JobID: f.job.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.DB.AddNote(ctx, hiring.NewNote{CandidateID: twin.ID, Body: "One note."}); err != nil {
		t.Fatal(err)
	}
	r := f.get(f.as(f.recruiter), "/candidates/"+f.cand.ID+"/merge?other="+twin.ID)
	r.must(t, http.StatusOK, "Withdrawn", "both are at the same stage", "1 note ")
	if strings.Contains(r.body, "further along") || strings.Contains(r.body, "(s)") {
		t.Fatalf("the preview says further along (or counts with (s)) on a tie:\n%s", snippet(r.body[strings.Index(r.body, `id="merge-moves"`):]))
	}
}
