package web_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/app/apptest"
	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/importer"
	"github.com/candor-ats/candor/internal/parsing/parsingtest"
)

type upFile struct {
	name string
	data []byte
}

// importUpload posts the import form (multipart, CSRF token in the form as a
// browser sends it).
func (f *fixture) importUpload(c *http.Client, kind string, files ...upFile) response {
	f.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField(auth.CSRFField, f.app.CSRFToken(c))
	_ = mw.WriteField("kind", kind)
	for _, fl := range files {
		w, err := mw.CreateFormFile("file", fl.name)
		if err != nil {
			f.t.Fatal(err)
		}
		_, _ = w.Write(fl.data)
	}
	_ = mw.Close()
	req, err := http.NewRequest(http.MethodPost, f.app.URL+"/imports", &body)
	if err != nil {
		f.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Accept", "text/html")
	return f.do(c, req)
}

var importIDRe = regexp.MustCompile(`^/imports/([0-9a-f-]{36})$`)

func importID(t *testing.T, r response) string {
	t.Helper()
	r.redirectsTo(t, "/imports/")
	m := importIDRe.FindStringSubmatch(r.location)
	if m == nil {
		t.Fatalf("upload redirected to %q", r.location)
	}
	return m[1]
}

// waitImport polls the progress fragment (as the page does) until the
// import has finished, then returns it.
func (f *fixture) waitImport(c *http.Client, id string) hiring.Import {
	f.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		r := f.get(c, "/imports/"+id+"/progress", "HX-Request", "true")
		r.must(f.t, http.StatusOK)
		if r.header.Get("HX-Refresh") == "true" {
			im, err := f.app.DB.Import(f.app.System(), id)
			if err != nil {
				f.t.Fatal(err)
			}
			if !im.Status.Finished() {
				f.t.Fatalf("HX-Refresh before the import finished: %+v", im)
			}
			return im
		}
		time.Sleep(50 * time.Millisecond)
	}
	im, _ := f.app.DB.Import(f.app.System(), id)
	f.t.Fatalf("import %s did not finish: %+v", id, im)
	return im
}

func mappingForm(fields ...hiring.ImportField) url.Values {
	v := url.Values{"columns": {strconv.Itoa(len(fields))}}
	for i, fl := range fields {
		v.Set("col_"+strconv.Itoa(i), string(fl))
	}
	return v
}

func reportRows(t *testing.T, body string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil || len(recs) == 0 || strings.Join(recs[0], ",") != "row,severity,field,message,value" {
		t.Fatalf("report: %v\n%s", err, body)
	}
	return recs[1:]
}

func hasReportLine(rows [][]string, row int, severity, contains string) bool {
	for _, r := range rows {
		if r[0] == strconv.Itoa(row) && r[1] == severity && strings.Contains(strings.Join(r[2:], " "), contains) {
			return true
		}
	}
	return false
}

// TestImportPages covers the import pages' handlers without the worker:
// list, upload (good and hostile), mapping page, start, progress and the
// report download, and who may see what.
func TestImportPages(t *testing.T) {
	f := newFixture(t)
	rc := f.as(f.recruiter)
	f.get(rc, "/imports").must(t, http.StatusOK, "Imports", `name="file"`)

	// A hostile name: path parts and angle brackets dropped (blob.CleanName);
	// the page escapes whatever is left anyway.
	name := `../../<img src=x onerror=alert(1)>.csv`
	id := importID(t, f.importUpload(rc, "csv", upFile{name, []byte("Name,Email,Notes\r\nGrace Hopper,grace@example.com,=SUM(A1:A2)\r\n")}))
	page := f.get(rc, "/imports/"+id)
	page.must(t, http.StatusOK, "img src=x onerror=alert(1).csv", "Grace Hopper", `name="col_0"`)
	if strings.Contains(page.body, "<img src=x") || strings.Contains(page.body, "../") {
		t.Errorf("file name not escaped or path kept:\n%s", snippet(page.body))
	}
	f.get(rc, "/imports").must(t, http.StatusOK, "img src=x onerror=alert(1).csv")
	if strings.Contains(f.get(rc, "/imports").body, "<img src=x") {
		t.Error("list shows the raw file name")
	}

	// Imports are private to their creator (and admins).
	other := f.user(hiring.RoleRecruiter, "other")
	f.get(f.as(other), "/imports/"+id).must(t, http.StatusNotFound)
	f.get(f.as(other), "/imports/"+id+"/report.csv").must(t, http.StatusNotFound)
	f.get(f.as(f.admin), "/imports/"+id).must(t, http.StatusOK)
	// Interviewers may not import.
	if r := f.importUpload(f.as(f.inter), "csv", upFile{"x.csv", []byte("Name\nX\n")}); r.status != http.StatusForbidden {
		t.Errorf("interviewer upload: %d", r.status)
	}

	// A bad mapping is refused on the page, with the form kept.
	bad := mappingForm("shoe_size", hiring.FieldEmail, hiring.FieldIgnore)
	bad.Set("mode", "preview")
	f.post(rc, "/imports/"+id+"/start", bad).must(t, http.StatusUnprocessableEntity, "Grace Hopper")

	// Start a dry run: queued (no worker here), progress says so.
	good := mappingForm(hiring.FieldFullName, hiring.FieldEmail, hiring.FieldHeadline)
	good.Set("mode", "preview")
	f.post(rc, "/imports/"+id+"/start", good).redirectsTo(t, "/imports/"+id)
	prog := f.get(rc, "/imports/"+id+"/progress", "HX-Request", "true")
	prog.must(t, http.StatusOK)
	if prog.header.Get("HX-Refresh") != "" {
		t.Error("HX-Refresh while queued")
	}
	f.post(rc, "/imports/"+id+"/start", good).must(t, http.StatusConflict) // already queued: 409, as the API says

	// Run it the way the worker does; the page and the report show the outcome.
	if err := importer.New(importer.Options{Svc: f.app.DB, Blobs: f.app.Blobs}).Run(f.app.System(), id); err != nil {
		t.Fatal(err)
	}
	prog = f.get(rc, "/imports/"+id+"/progress", "HX-Request", "true")
	if prog.header.Get("HX-Refresh") != "true" {
		t.Errorf("no HX-Refresh once finished: %v", prog.header)
	}
	f.get(rc, "/imports/"+id).must(t, http.StatusOK, "Preview (nothing was written)", "formula")
	rep := f.get(rc, "/imports/"+id+"/report.csv")
	rep.must(t, http.StatusOK)
	if ct := rep.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") ||
		!strings.Contains(rep.header.Get("Content-Disposition"), `attachment; filename="import-`+id+`-report.csv"`) ||
		rep.header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("report headers: %v", rep.header)
	}
	rows := reportRows(t, rep.body)
	if !hasReportLine(rows, 2, "warning", "formula") {
		t.Errorf("report lacks the formula warning: %q", rows)
	}
	for _, r := range rows {
		if strings.HasPrefix(r[4], "=") {
			t.Errorf("report cell not neutralized: %q", r)
		}
	}
	f.get(rc, "/imports/nope").must(t, http.StatusNotFound)

	// The preview added nobody: it can be discarded, by its creator and not
	// by another recruiter.
	f.get(rc, "/imports/"+id).must(t, http.StatusOK, `id="import-discard"`)
	f.post(f.as(other), "/imports/"+id+"/discard", url.Values{}).must(t, http.StatusNotFound)
	f.post(rc, "/imports/"+id+"/discard", url.Values{}).redirectsTo(t, "/imports")
	f.get(rc, "/imports/"+id).must(t, http.StatusNotFound)
}

// TestImportUploadBadInput: hostile uploads get a clear message and the
// server keeps serving.
func TestImportUploadBadInput(t *testing.T) {
	f := newFixture(t)
	rc := f.as(f.recruiter)
	before, _ := f.app.DB.ListImports(f.app.As(f.recruiter), hiring.PageRequest{Limit: 100})

	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0, 0xff, 0x10, 0x80}, 200)...)
	zipData := zipOf(t, map[string][]byte{"a.txt": []byte("hello")})
	for _, tt := range []struct {
		kind string
		file upFile
		want string
	}{
		{"csv", upFile{"binary.csv", png}, "binary file"},
		{"csv", upFile{"book.csv", zipData}, "not CSV"},
		{"csv", upFile{"resume.csv", parsingtest.PDF("Ada Lovelace")}, "is a PDF"},
		{"csv", upFile{"empty.csv", nil}, "is empty"},
		{"zip", upFile{"x.zip", []byte("Name,Email\n")}, "not a ZIP"},
		{"jsonresume", upFile{"x.json", []byte("Name,Email\n")}, "not JSON"},
		{"spreadsheet", upFile{"x.csv", []byte("Name\n")}, "kind"},
	} {
		r := f.importUpload(rc, tt.kind, tt.file)
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, tt.want) {
			t.Errorf("%s %s: %d, want 422 mentioning %q\n%s", tt.kind, tt.file.name, r.status, tt.want, snippet(r.body))
		}
	}
	// No file at all.
	f.post(rc, "/imports", url.Values{"kind": {"csv"}}).must(t, http.StatusUnprocessableEntity, "choose a file")

	// Over the size cap, with the token in a header (the form is parsed by
	// the handler) and in the form (parsed by the CSRF check first).
	for _, inForm := range []bool{false, true} {
		r := f.oversize(rc, inForm)
		if r.status != http.StatusRequestEntityTooLarge && r.status != http.StatusUnprocessableEntity {
			t.Fatalf("oversize (token in form %v): status %d\n%s", inForm, r.status, snippet(r.body))
		}
		if !strings.Contains(strings.ToLower(r.body), "too large") && !strings.Contains(r.body, "MB") {
			t.Errorf("oversize (token in form %v): no clear message\n%s", inForm, snippet(r.body))
		}
	}
	// Still serving, nothing half-imported.
	f.get(rc, "/imports").must(t, http.StatusOK)
	after, _ := f.app.DB.ListImports(f.app.As(f.recruiter), hiring.PageRequest{Limit: 100})
	if len(after.Items) != len(before.Items) {
		t.Errorf("refused uploads left %d imports", len(after.Items)-len(before.Items))
	}
	id := importID(t, f.importUpload(rc, "csv", upFile{"ok.csv", []byte("Name,Email\nAda,ada2@example.com\n")}))
	f.get(rc, "/imports/"+id).must(t, http.StatusOK)
}

// oversize streams a CSV a little over importer.MaxUploadBytes.
func (f *fixture) oversize(c *http.Client, tokenInForm bool) response {
	f.t.Helper()
	boundary := "candorboundary0123456789"
	var head bytes.Buffer
	if tokenInForm {
		fmt.Fprintf(&head, "--%s\r\nContent-Disposition: form-data; name=%q\r\n\r\n%s\r\n", boundary, auth.CSRFField, f.app.CSRFToken(c))
	}
	fmt.Fprintf(&head, "--%s\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\ncsv\r\n", boundary)
	fmt.Fprintf(&head, "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\nContent-Type: text/csv\r\n\r\nName,Email\r\n", boundary)
	line := []byte("Some Person,some.person@example.com\r\n")
	n := (importer.MaxUploadBytes+2<<20)/len(line) + 1
	body := io.MultiReader(&head, &repeatReader{line: line, n: n}, strings.NewReader("\r\n--"+boundary+"--\r\n"))
	req, err := http.NewRequest(http.MethodPost, f.app.URL+"/imports", body)
	if err != nil {
		f.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "multipart/form-data; boundary="+boundary)
	req.Header.Set("Accept", "text/html")
	if !tokenInForm {
		req.Header.Set(auth.CSRFHeader, f.app.CSRFToken(c))
	}
	return f.do(c, req)
}

type repeatReader struct {
	line []byte
	n    int
	off  int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	w := 0
	for w < len(p) {
		if r.n == 0 {
			if w == 0 {
				return 0, io.EOF
			}
			break
		}
		c := copy(p[w:], r.line[r.off:])
		w += c
		r.off += c
		if r.off == len(r.line) {
			r.off = 0
			r.n--
		}
	}
	return w, nil
}

func zipOf(t *testing.T, files map[string][]byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, data := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestImportThroughWorker runs a CSV import end to end through the real
// River worker: upload on the page, map, dry run, import, with progress
// polled as the page does, then the counts, the report download, the
// email merge, the possible duplicate (reported, not merged), the job
// applications and the activity rows.
func TestImportThroughWorker(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { testImportThroughWorker(t, apptest.Options{StartQueue: true}) })
	t.Run("postgres", func(t *testing.T) { testImportThroughWorker(t, apptest.Options{StartQueue: true, Postgres: true}) })
}

func testImportThroughWorker(t *testing.T, opts apptest.Options) {
	f := newFixture(t, opts)
	rc := f.as(f.recruiter)
	kj, err := f.app.DB.CreateCandidate(f.app.System(), hiring.CandidateInput{FirstName: "Katherine", LastName: "Johnson",
		Emails: []string{"kj@nasa.example"}, Phones: []string{"+1 202 555 0147"}})
	if err != nil {
		t.Fatal(err)
	}
	data := "Name,Email,Phone,Company,LinkedIn\r\n" +
		"Grace Hopper,grace@example.com,+1 202 555 0100,Navy,linkedin.com/in/grace\r\n" + // 2: new
		"Ada Lovelace,ADA@example.com,+44 20 7946 0958,Analytical Engines,\r\n" + // 3: merges into the fixture's Ada
		"Bad Email,not-an-email,,,\r\n" + // 4: error
		"K Johnson,kj@other.example,(202) 555-0147,,\r\n" + // 5: possible duplicate of Katherine Johnson
		",,,,\r\n" // 6: empty
	id := importID(t, f.importUpload(rc, "csv", upFile{"people.csv", []byte(data)}))
	f.get(rc, "/imports/"+id).must(t, http.StatusOK, "Grace Hopper", "Backend Engineer")

	form := mappingForm(hiring.FieldFullName, hiring.FieldEmail, hiring.FieldPhone, hiring.FieldCurrentCompany, hiring.FieldLinkedIn)
	form.Set("target", f.job.ID+":"+f.stages[0].ID)
	form.Set("mode", "preview")
	f.post(rc, "/imports/"+id+"/start", form).redirectsTo(t, "/imports/"+id)
	pre := f.waitImport(rc, id)
	if pre.Status != hiring.ImportPreviewed || pre.Total != 5 || pre.Done != 5 || pre.Failed != 1 ||
		pre.Report.Duplicates != 1 || pre.Report.Possible != 1 || pre.Report.Created != 0 {
		t.Fatalf("preview: %+v", pre)
	}
	f.get(rc, "/imports/"+id).must(t, http.StatusOK, "Preview (nothing was written)",
		"possible duplicate of Katherine Johnson (same phone", "Possible duplicates")
	if _, err := f.app.DB.CandidateByEmail(f.app.System(), "grace@example.com"); hiring.ErrorCode(err) != hiring.ENotFound {
		t.Fatalf("the dry run wrote a candidate: %v", err)
	}

	form.Set("mode", "import")
	f.post(rc, "/imports/"+id+"/start", form).redirectsTo(t, "/imports/"+id)
	im := f.waitImport(rc, id)
	if im.Status != hiring.ImportDone || im.Total != 5 || im.Done != 5 || im.Failed != 1 || im.Percent() != 100 ||
		im.Report.Created != 2 || im.Report.Merged != 1 || im.Report.Possible != 1 || im.Report.Applied != 2 {
		t.Fatalf("import: %+v", im)
	}
	f.get(rc, "/imports/"+id).must(t, http.StatusOK, "Imported", "Created: 2", "merged into existing candidates: 1")

	rows := reportRows(t, f.get(rc, "/imports/"+id+"/report.csv").body)
	for _, want := range []struct {
		row           int
		severity, has string
	}{
		{3, "duplicate", "merged into the existing candidate"},
		{3, "warning", "already has an active application"},
		{4, "error", "not a valid email"},
		{5, "possible_duplicate", "possible duplicate of Katherine Johnson"},
		{6, "warning", "empty"},
	} {
		if !hasReportLine(rows, want.row, want.severity, want.has) {
			t.Errorf("report lacks %s on row %d (%q): %q", want.severity, want.row, want.has, rows)
		}
	}

	sys := f.app.System()
	// The exact email merged: Ada's empty fields are filled, nothing overwritten.
	ada, err := f.app.DB.Candidate(sys, f.cand.ID)
	if err != nil || ada.CurrentCompany != "Analytical Engines" || len(ada.Phones) != 1 || ada.Source != "referral" {
		t.Fatalf("merged Ada: %+v, %v", ada, err)
	}
	if n := countByEmail(t, f, "ada@example.com"); n != 1 {
		t.Errorf("%d candidates with Ada's email", n)
	}
	// The possible duplicate was not merged.
	kjNew, err := f.app.DB.CandidateByEmail(sys, "kj@other.example")
	if err != nil || kjNew.ID == kj.ID {
		t.Fatalf("possible duplicate merged or missing: %+v, %v", kjNew, err)
	}
	grace, err := f.app.DB.CandidateByEmail(sys, "grace@example.com")
	if err != nil || grace.CurrentCompany != "Navy" {
		t.Fatalf("grace: %+v %v", grace, err)
	}
	apps, err := f.app.DB.ListApplications(sys, hiring.ApplicationFilter{JobID: f.job.ID}, hiring.PageRequest{Limit: 50})
	if err != nil || len(apps.Items) != 3 {
		t.Fatalf("applications on the job: %d, %v", len(apps.Items), err)
	}

	// Activity: one row per imported or merged candidate, by the recruiter.
	for cid, want := range map[string][2]string{grace.ID: {"candidate.imported", "imported Grace Hopper from people.csv"},
		ada.ID: {"candidate.import_merged", "merged a row of people.csv into Ada Lovelace"}} {
		acts, err := f.app.DB.CandidateActivity(sys, cid, hiring.PageRequest{Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, a := range acts.Items {
			found = found || (a.Action == want[0] && a.Summary == want[1] && a.ActorID == f.recruiter.ID)
		}
		if !found {
			t.Errorf("no %s %q by the recruiter in %+v", want[0], want[1], acts.Items)
		}
	}
}

func countByEmail(t *testing.T, f *fixture, email string) int {
	t.Helper()
	p, err := f.app.DB.ListCandidates(f.app.System(), hiring.CandidateFilter{Query: email}, hiring.PageRequest{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	return len(p.Items)
}

// TestZipImportThroughWorker imports a ZIP of resumes (a PDF read in the
// sandbox, a plain-text one, and a file that is no resume) through the
// worker: one candidate per readable file, the file attached, the rest
// reported.
func TestZipImportThroughWorker(t *testing.T) {
	f := newFixture(t, apptest.Options{StartQueue: true})
	rc := f.as(f.recruiter)
	archive := zipOf(t, map[string][]byte{
		"resumes/lin_chen.pdf": parsingtest.PDF("Lin Chen", "lin.chen@example.com", "+1 415 555 0199", "Software Engineer at Initech"),
		"marta_diaz.txt":       []byte("Marta Diaz\nmarta.diaz@example.com\n+34 600 123 456\nData Analyst\n"),
		"photo.png":            append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 64)...),
	})
	id := importID(t, f.importUpload(rc, "zip", upFile{"resumes.zip", archive}))
	f.get(rc, "/imports/"+id).must(t, http.StatusOK, "resumes.zip")
	f.post(rc, "/imports/"+id+"/start", url.Values{"mode": {"import"}}).redirectsTo(t, "/imports/"+id)
	im := f.waitImport(rc, id)
	if im.Status != hiring.ImportDone || im.Total != 3 || im.Done != 3 || im.Failed != 1 || im.Report.Created != 2 {
		t.Fatalf("zip import: %+v", im)
	}
	sys := f.app.System()
	for _, email := range []string{"lin.chen@example.com", "marta.diaz@example.com"} {
		c, err := f.app.DB.CandidateByEmail(sys, email)
		if err != nil {
			t.Fatalf("%s: %v", email, err)
		}
		docs, err := f.app.DB.Documents(sys, c.ID)
		if err != nil || len(docs) != 1 || docs[0].Kind != "resume" {
			t.Errorf("%s documents: %+v, %v", email, docs, err)
		}
	}
	rows := reportRows(t, f.get(rc, "/imports/"+id+"/report.csv").body)
	failed := false
	for _, r := range rows {
		failed = failed || (r[1] == "error" && strings.Contains(strings.Join(r, " "), "photo.png"))
	}
	if !failed {
		t.Errorf("report lacks the unreadable file: %q", rows)
	}
}

// A folder chosen in the browser arrives as several files, the system's
// hidden ones among them: they are packed into one ZIP import without the
// hidden files.
func TestImportFolderUpload(t *testing.T) {
	f := newFixture(t)
	rc := f.as(f.recruiter)
	id := importID(t, f.importUpload(rc, "",
		upFile{"fair/marta_diaz.txt", []byte("Marta Diaz\nmarta.diaz@example.com\n")},
		upFile{"fair/.DS_Store", []byte("junk")},
		upFile{"fair/lin_chen.txt", []byte("Lin Chen\nlin.chen@example.com\n")},
		upFile{"fair/._lin_chen.txt", []byte("junk")}))
	f.post(rc, "/imports/"+id+"/start", url.Values{"mode": {"import"}}).redirectsTo(t, "/imports/"+id)
	// Run it the way the worker does (no queue in this fixture).
	if err := importer.New(importer.Options{Svc: f.app.DB, Blobs: f.app.Blobs}).Run(f.app.System(), id); err != nil {
		t.Fatal(err)
	}
	im, err := f.app.DB.Import(f.app.System(), id)
	if err != nil {
		t.Fatal(err)
	}
	if im.Kind != hiring.ImportZIP || im.FileName != "resumes.zip" || im.Total != 2 || im.Report.Created != 2 || im.Failed != 0 {
		t.Fatalf("folder upload: %+v", im)
	}
}
