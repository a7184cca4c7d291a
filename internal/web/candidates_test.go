package web_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

func TestCandidatesListFiltersAndPages(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.as(f.recruiter)
	ctx := f.app.System()
	for i := range 60 {
		in := hiring.CandidateInput{FirstName: fmt.Sprintf("Person%02d", i), LastName: "Bulk", Source: "event"}
		if i%2 == 0 {
			in.Tags = []string{"even"}
		}
		if _, err := f.app.DB.CreateCandidate(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	r := f.get(c, "/candidates")
	r.must(t, http.StatusOK, `id="page-next"`)
	if n := strings.Count(r.body, "data-candidate-id="); n != 50 {
		t.Fatalf("%d rows on the first page, want 50", n)
	}
	next := attr(t, r.body, `id="page-next"`)
	r2 := f.get(c, next)
	r2.must(t, http.StatusOK, `id="page-prev"`)
	if n := strings.Count(r2.body, "data-candidate-id="); n != 11 {
		t.Fatalf("%d rows on the second page, want 11", n)
	}
	prev := attr(t, r2.body, `id="page-prev"`)
	r3 := f.get(c, prev)
	if strings.Count(r3.body, "data-candidate-id=") != 50 || strings.Contains(r3.body, `id="page-prev"`) {
		t.Fatal("Previous did not return to the first page")
	}

	r = f.get(c, "/candidates?tag=even")
	if n := strings.Count(r.body, "data-candidate-id="); n != 30 {
		t.Fatalf("tag filter: %d rows", n)
	}
	r = f.get(c, "/candidates?q=lovelace")
	r.must(t, http.StatusOK, "Ada Lovelace")
	if n := strings.Count(r.body, "data-candidate-id="); n != 1 {
		t.Fatalf("query filter: %d rows", n)
	}
	r = f.get(c, "/candidates?job="+f.job.ID+"&stage="+f.stages[0].ID)
	r.must(t, http.StatusOK, "Ada Lovelace", `id="f-stage"`)
	if n := strings.Count(r.body, "data-candidate-id="); n != 1 {
		t.Fatalf("job/stage filter: %d rows", n)
	}
	// Garbage in the query never breaks the page.
	f.get(c, "/candidates?job=nope&owner=x&stage=y&tag=%00").must(t, http.StatusOK)
	if r := f.get(c, "/candidates?cursor=%00garbage"); r.status >= 500 {
		t.Fatalf("bad cursor: %d", r.status)
	}

	// Interviewers see only candidates of their jobs.
	r = f.get(f.as(f.outsider), "/candidates")
	if strings.Contains(r.body, "data-candidate-id=") {
		t.Fatal("outsider sees candidates")
	}
}

// attr returns the href of the element marked by marker, unescaped.
func attr(t *testing.T, body, marker string) string {
	t.Helper()
	i := strings.Index(body, marker)
	if i < 0 {
		t.Fatalf("no %s", marker)
	}
	start := strings.LastIndex(body[:i], "href=\"")
	if start < 0 {
		t.Fatalf("no href before %s", marker)
	}
	start += len("href=\"")
	end := strings.Index(body[start:], "\"")
	return strings.ReplaceAll(body[start:start+end], "&amp;", "&")
}

func TestCandidateFormValidatesAndKeepsInput(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.as(f.recruiter)
	bad := url.Values{
		"first_name": {"Alan"}, "last_name": {"Turing"}, "emails": {"alan@example.com\nnot-an-email"},
		"links.0.kind": {"github"}, "links.0.url": {"javascript:alert(1)"}, "headline": {"Computing pioneer"},
	}
	r := f.post(c, "/candidates", bad)
	r.must(t, http.StatusUnprocessableEntity, `id="e-emails"`, "#2 is not a valid email address", `id="e-links.0.url"`, "Computing pioneer", "not-an-email")

	bad.Set("emails", "Alan@Example.com")
	bad.Set("links.0.url", "https://github.com/alan")
	bad.Set("consent.processing", "on")
	r = f.post(c, "/candidates", bad)
	r.redirectsTo(t, "/candidates/")
	id := strings.TrimPrefix(r.location, "/candidates/")
	cand, err := f.app.DB.Candidate(f.app.System(), id)
	if err != nil {
		t.Fatal(err)
	}
	if cand.PrimaryEmail() != "alan@example.com" || len(cand.Links) != 1 || !cand.Consent.Processing || cand.Consent.ProcessingAt == nil {
		t.Fatalf("saved wrong: %+v", cand)
	}
	f.get(c, r.location).must(t, http.StatusOK, "Candidate added.", "https://github.com/alan")

	edit := url.Values{"first_name": {"Alan M."}, "last_name": {"Turing"}, "emails": {"alan@example.com"}, "version": {strconv.Itoa(cand.Version)}}
	f.post(c, "/candidates/"+id+"/edit", edit).redirectsTo(t, "/candidates/"+id)
	// The same version again is stale now.
	r = f.post(c, "/candidates/"+id+"/edit", edit)
	if r.status != http.StatusPreconditionFailed && r.status != http.StatusConflict {
		t.Fatalf("stale edit: %d", r.status)
	}
	if !strings.Contains(r.body, "Alan M.") {
		t.Error("stale edit lost the input")
	}
}

func TestProfileNotesTagsApply(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.as(f.recruiter)
	ctx := f.app.System()
	p := "/candidates/" + f.cand.ID

	f.post(c, p+"/notes", url.Values{"body": {""}}).must(t, http.StatusUnprocessableEntity, `id="e-body"`)
	f.post(c, p+"/notes", url.Values{"body": {"Great **systems** answer <script>alert(1)</script>"}}).redirectsTo(t, p)
	f.post(c, p+"/notes", url.Values{"body": {"Salary expectations: high"}, "private": {"on"}}).redirectsTo(t, p)
	r := f.get(c, p)
	r.must(t, http.StatusOK, "<strong>systems</strong>", "Salary expectations")
	if strings.Contains(r.body, "<script>alert(1)") {
		t.Fatal("note HTML not sanitized")
	}
	// The team's interviewer sees the public note, not the private one.
	r = f.get(f.as(f.inter), p)
	r.must(t, http.StatusOK, "<strong>systems</strong>")
	if strings.Contains(r.body, "Salary expectations") {
		t.Fatal("interviewer sees a private note")
	}

	f.post(c, p+"/tags", url.Values{"tags": {"Senior Engineer, remote"}}).redirectsTo(t, p)
	cand, _ := f.app.DB.Candidate(ctx, f.cand.ID)
	if !strings.Contains(strings.Join(cand.Tags, ","), "senior-engineer") {
		t.Fatalf("tags %v", cand.Tags)
	}
	f.post(c, p+"/tags/remove", url.Values{"tag": {"math"}}).redirectsTo(t, p)
	cand, _ = f.app.DB.Candidate(ctx, f.cand.ID)
	if strings.Contains(strings.Join(cand.Tags, ","), "math") {
		t.Fatalf("tag not removed: %v", cand.Tags)
	}

	other, err := f.app.DB.CreateJob(ctx, hiring.JobInput{Title: "Frontend", WorkplaceType: hiring.OnSite, EmploymentType: hiring.FullTime})
	if err != nil {
		t.Fatal(err)
	}
	f.post(c, p+"/applications", url.Values{"job_id": {other.ID}}).redirectsTo(t, p)
	// A second active application on the same job is refused with a message.
	r = f.post(c, p+"/applications", url.Values{"job_id": {other.ID}})
	if r.status != http.StatusConflict && r.status != http.StatusUnprocessableEntity {
		t.Fatalf("duplicate application: %d", r.status)
	}
	r.must(t, r.status, `id="apply-form"`)
	f.get(c, p).must(t, http.StatusOK, "Frontend")
}

// The CSV export applies the list's own filters, "owner=me" included.
func TestCandidatesExportFollowsFilters(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.as(f.recruiter)
	if _, err := f.app.DB.CreateCandidate(f.app.System(), hiring.CandidateInput{FirstName: "Grace", LastName: "Hopper", OwnerID: f.recruiter.ID}); err != nil {
		t.Fatal(err)
	}
	r := f.get(c, "/candidates/export.csv?owner=me")
	r.must(t, http.StatusOK, "Grace", "Hopper")
	if !strings.HasPrefix(r.header.Get("Content-Type"), "text/csv") {
		t.Fatalf("Content-Type %q", r.header.Get("Content-Type"))
	}
	if strings.Contains(r.body, "Lovelace") {
		t.Fatal("owner=me exported someone else's candidate")
	}
	r = f.get(c, "/candidates/export.csv?tag=MATH")
	r.must(t, http.StatusOK, "Lovelace")
	if strings.Contains(r.body, "Hopper") {
		t.Fatal("the tag filter was not applied to the export")
	}
}

// The list's "Export CSV" link carries the list's filters as query
// parameters (it once carried them as one escaped value, "tag%3dmath", and
// so exported everyone) and not the list's page cursor.
func TestCandidatesExportLinkCarriesFilters(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.as(f.recruiter)
	if _, err := f.app.DB.CreateCandidate(f.app.System(), hiring.CandidateInput{FirstName: "Grace", LastName: "Hopper", Source: "referral"}); err != nil {
		t.Fatal(err)
	}
	r := f.get(c, "/candidates?tag=math&source=referral")
	r.must(t, http.StatusOK)
	link := regexp.MustCompile(`<a [^>]*id="export-candidates"[^>]*>`).FindString(r.body)
	m := regexp.MustCompile(`href="([^"]*)"`).FindStringSubmatch(link)
	if m == nil {
		t.Fatalf("no export link in %q", link)
	}
	href := html.UnescapeString(m[1])
	u, err := url.Parse(href)
	if err != nil || u.Path != "/candidates/export.csv" || u.Query().Get("tag") != "math" || u.Query().Get("source") != "referral" {
		t.Fatalf("export link %q does not carry the filters", href)
	}
	r = f.get(c, href)
	r.must(t, http.StatusOK, "Lovelace")
	if strings.Contains(r.body, "Hopper") {
		t.Fatalf("the export behind %q ignored the list's tag filter", href)
	}
}

// The list sorts by name, date added and last update (server side, paging
// kept), shows a total, and acts on a selection of rows (issue 7).
func TestCandidatesListSortTotalAndBulk(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.as(f.recruiter)
	ctx := f.app.System()
	if _, err := f.app.DB.SetJobStatus(ctx, f.job.ID, 0, hiring.JobOpen); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i := range 55 {
		x, err := f.app.DB.CreateCandidate(ctx, hiring.CandidateInput{FirstName: fmt.Sprintf("Zed%02d", 54-i), LastName: "Sorter", Tags: []string{"sortme"}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, x.ID)
	}
	r := f.get(c, "/candidates?tag=sortme&sort=name")
	r.must(t, http.StatusOK, `hx-get="/candidates/count?tag=sortme"`, `aria-sort="ascending"`, `href="/candidates?sort=created&amp;tag=sortme"`)
	if got := f.get(c, "/candidates/count?tag=sortme").body; got != "55 candidates" {
		t.Errorf("count: %q", got)
	}
	if got := f.get(f.as(f.inter), "/candidates/count?tag=sortme").body; got != "0 candidates" {
		t.Errorf("an interviewer's count: %q", got)
	}
	checkHTML(t, "candidates", r.body)
	if i, j := strings.Index(r.body, "Zed00 Sorter"), strings.Index(r.body, "Zed01 Sorter"); i < 0 || j < 0 || i > j {
		t.Errorf("not sorted by name (Zed00 at %d, Zed01 at %d)", i, j)
	}
	next := html.UnescapeString(attr(t, r.body, `id="page-next"`))
	r2 := f.get(c, next)
	r2.must(t, http.StatusOK, "Zed54 Sorter")
	if strings.Contains(r2.body, "Zed00 Sorter") {
		t.Error("the second page by name repeats the first")
	}
	f.get(c, "/candidates?sort=created").must(t, http.StatusOK, `aria-sort="descending"`)
	// A list on one page knows its total without counting.
	f.get(c, "/candidates?tag=math").must(t, http.StatusOK, `id="candidates-total">1 candidate<`)

	// Tag two, then add them to the job: the second step asks which job.
	back := "/candidates?tag=sortme"
	f.post(c, "/candidates/bulk", url.Values{"action": {"tag"}, "ids": ids[:2], "tags": {"shortlist"}, "return_to": {back}}).redirectsTo(t, back)
	for _, id := range ids[:2] {
		if x, _ := f.app.DB.Candidate(ctx, id); !strings.Contains(strings.Join(x.Tags, ","), "shortlist") {
			t.Errorf("%s not tagged: %v", x.Name(), x.Tags)
		}
	}
	ask := f.post(c, "/candidates/bulk", url.Values{"action": {"apply"}, "ids": ids[:2], "return_to": {back}})
	ask.must(t, http.StatusOK, `id="bulk-apply-form"`, `value="`+ids[1]+`"`, f.job.Title)
	checkHTML(t, "candidates_bulk", ask.body)
	f.post(c, "/candidates/bulk", url.Values{"action": {"apply"}, "ids": ids[:2], "job_id": {f.job.ID}, "return_to": {back}}).redirectsTo(t, back)
	apps, err := f.app.DB.ListApplications(ctx, hiring.ApplicationFilter{CandidateID: ids[0]}, hiring.PageRequest{})
	if err != nil || len(apps.Items) != 1 || apps.Items[0].JobID != f.job.ID {
		t.Errorf("applications after the bulk add: %+v, %v", apps.Items, err)
	}
	f.post(c, "/candidates/bulk", url.Values{"action": {"tag"}, "return_to": {back}}).redirectsTo(t, back)
	// Interviewers cannot tag: no selection boxes for them.
	if page := f.get(f.as(f.inter), "/candidates"); strings.Contains(page.body, `form="candidates-bulk"`) || strings.Contains(page.body, `id="candidates-bulk"`) {
		t.Error("an interviewer is offered bulk actions")
	}
}
