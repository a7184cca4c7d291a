package careers_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/app/apptest"
	"github.com/candor-ats/candor/internal/config"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/parsing/parsingtest"
)

var (
	tokenRE = regexp.MustCompile(`name="token" value="([^"]+)"`)
	csrfRE  = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)
)

// applyPage opens a job's page and returns its form's CSRF and apply tokens.
func (s *site) applyPage(path string) (csrf, token string) {
	s.t.Helper()
	st, _, body := s.get(path)
	if st != http.StatusOK {
		s.t.Fatalf("GET %s: %d", path, st)
	}
	c, t := csrfRE.FindStringSubmatch(body), tokenRE.FindStringSubmatch(body)
	if c == nil || t == nil {
		s.t.Fatalf("no apply form on %s", path)
	}
	return html.UnescapeString(c[1]), html.UnescapeString(t[1])
}

type file struct {
	name string
	data []byte
}

// post sends the apply form: csrf_token first, then the fields, then files.
func (s *site) post(jobID, csrf string, fields [][2]string, files map[string]file) (int, string, string) {
	s.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	_ = mw.WriteField("csrf_token", csrf)
	for _, f := range fields {
		_ = mw.WriteField(f[0], f[1])
	}
	for field, f := range files {
		w, _ := mw.CreateFormFile(field, f.name)
		_, _ = w.Write(f.data)
	}
	_ = mw.Close()
	req, _ := http.NewRequest("POST", s.app.URL+"/careers/jobs/"+jobID+"/apply", &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Accept", "text/html")
	res, err := s.c.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Location"), string(body)
}

func applicant(token string, extra ...string) [][2]string {
	f := [][2]string{{"token", token}, {"first_name", "Ada"}, {"last_name", "Lovelace"}, {"email", "ada@lovelace.example"},
		{"phone", "+44 20 7946 0000"}, {"privacy_ack", "1"}}
next:
	for i := 0; i+1 < len(extra); i += 2 {
		for j := range f {
			if f[j][0] == extra[i] {
				f[j][1] = extra[i+1]
				continue next
			}
		}
		f = append(f, [2]string{extra[i], extra[i+1]})
	}
	return f
}

func (s *site) count(q string, args ...any) int {
	s.t.Helper()
	var n int
	if err := s.app.DB.Reader().QueryRow(q, args...).Scan(&n); err != nil {
		s.t.Fatalf("%s: %v", q, err)
	}
	return n
}

func (s *site) noFillTime() {
	s.t.Helper()
	st := hiring.DefaultCareersSettings()
	st.MinFillSeconds = 0
	st.PrivacyNotice = "We keep applications for six months."
	if err := s.app.DB.SetCareersSettings(s.app.System(), st); err != nil {
		s.t.Fatal(err)
	}
}

// TestApplyIntake: a PDF application lands once in the "applied" stage with
// its resume, parse job and application_received job; retries with the
// token create nothing; the same person again on the job is "already
// applied", on another job a new application on the same candidate.
func TestApplyIntake(t *testing.T) {
	t.Parallel()
	for _, pg := range []bool{false, true} {
		t.Run(map[bool]string{false: "sqlite", true: "postgres"}[pg], func(t *testing.T) {
			t.Parallel()
			applyIntake(t, newSite(t, apptest.Options{Postgres: pg}))
		})
	}
}

func applyIntake(t *testing.T, s *site) {
	s.noFillTime()
	job := s.publish(hiring.JobInput{Title: "Analyst", WorkplaceType: hiring.OnSite, EmploymentType: hiring.FullTime, Openings: 1},
		hiring.JobPostInput{})
	other := s.publish(hiring.JobInput{Title: "Engine Designer", WorkplaceType: hiring.OnSite, EmploymentType: hiring.FullTime, Openings: 1},
		hiring.JobPostInput{Language: "de"})
	pdf := parsingtest.PDF("Ada Lovelace", "ada@lovelace.example", "Analytical engines")
	sum := sha256.Sum256(pdf)

	csrf, tok := s.applyPage("/careers/jobs/" + job.ID + "/analyst?utm_source=Newsletter&utm_campaign=spring")
	fields := applicant(tok, "utm_source", "Newsletter", "utm_campaign", "spring", "cover_letter", "<script>alert(1)</script> I like engines.")
	st, loc, body := s.post(job.ID, csrf, fields, map[string]file{"resume": {"ada.pdf", pdf}})
	if st != http.StatusSeeOther || loc != "/careers/jobs/"+job.ID+"/thanks" {
		t.Fatalf("apply: %d → %q\n%s", st, loc, body)
	}
	if st, _, b := s.get(loc); st != 200 || !strings.Contains(b, "Thank you for applying") {
		t.Fatalf("thanks page: %d", st)
	}
	// A double click / retried POST with the same token: the same answer, nothing new.
	st, loc2, _ := s.post(job.ID, csrf, fields, map[string]file{"resume": {"ada.pdf", pdf}})
	if st != http.StatusSeeOther || loc2 != loc {
		t.Fatalf("replay: %d → %q", st, loc2)
	}
	if n := s.count("SELECT COUNT(*) FROM applications WHERE job_id = $1", job.ID); n != 1 {
		t.Fatalf("%d applications after a replay, want 1", n)
	}
	apps, err := s.app.DB.ListApplications(s.app.System(), hiring.ApplicationFilter{JobID: job.ID}, hiring.PageRequest{})
	if err != nil || len(apps.Items) != 1 {
		t.Fatalf("applications: %v %v", apps, err)
	}
	app := apps.Items[0]
	stages, _ := s.app.DB.Stages(s.app.System(), job.ID)
	var applied string
	for _, st := range stages {
		if st.Kind == hiring.StageApplied {
			applied = st.ID
			break
		}
	}
	if app.StageID != applied || app.Source != "Newsletter" || app.Status != hiring.AppActive {
		t.Fatalf("application = %+v (want the applied stage %s, source Newsletter)", app, applied)
	}
	cand, err := s.app.DB.Candidate(s.app.System(), app.CandidateID)
	if err != nil || cand.Name() != "Ada Lovelace" || !cand.Consent.Processing || cand.Consent.ConsentSource != "careers form" || cand.Consent.Marketing {
		t.Fatalf("candidate = %+v %v", cand, err)
	}
	docs, _ := s.app.DB.Documents(s.app.System(), cand.ID)
	if len(docs) != 1 || docs[0].Kind != "resume" || docs[0].SHA256 != hex.EncodeToString(sum[:]) || docs[0].ContentType != "application/pdf" {
		t.Fatalf("documents = %+v", docs)
	}
	rc, err := s.app.Blobs.Open(t.Context(), docs[0].BlobKey)
	if err != nil {
		t.Fatal(err)
	}
	stored, _ := io.ReadAll(rc)
	rc.Close()
	if !bytes.Equal(stored, pdf) {
		t.Fatal("the stored resume differs from the upload")
	}
	in, err := s.app.DB.ApplicationIntake(s.app.System(), app.ID)
	if err != nil || in.UTMSource != "Newsletter" || in.UTMCampaign != "spring" || in.PrivacyVersion != "2" ||
		!strings.Contains(in.CoverLetter, "<script>") {
		t.Fatalf("intake = %+v %v", in, err)
	}
	for kind, want := range map[string]int{"application_received": 1, "parse_document": 1} {
		if n := s.count("SELECT COUNT(*) FROM river_job WHERE kind = $1", kind); n != want {
			t.Errorf("%d %s jobs queued, want %d", n, kind, want)
		}
	}

	// The same person, the same job, a new form: "already applied".
	csrf, tok = s.applyPage("/careers/jobs/" + job.ID + "/analyst")
	st, loc, _ = s.post(job.ID, csrf, applicant(tok, "email", "ADA@lovelace.example"), map[string]file{"resume": {"ada.pdf", pdf}})
	if st != http.StatusSeeOther || !strings.HasSuffix(loc, "?already=1") {
		t.Fatalf("second application to the job: %d → %q", st, loc)
	}
	if _, _, b := s.get(loc); !strings.Contains(b, "You have already applied") {
		t.Fatal("no 'already applied' page")
	}
	// Another job: a new application on the same candidate, with consent for future roles.
	csrf, tok = s.applyPage("/careers/jobs/" + other.ID + "/engine-designer")
	st, _, body = s.post(other.ID, csrf, applicant(tok, "future_consent", "1"), map[string]file{"resume": {"ada.pdf", pdf}})
	if st != http.StatusSeeOther {
		t.Fatalf("other job: %d\n%s", st, body)
	}
	if n := s.count("SELECT COUNT(*) FROM candidates"); n != 4 { // the seed's three + Ada
		t.Fatalf("%d candidates, want 4 (Ada once)", n)
	}
	if n := s.count("SELECT COUNT(*) FROM applications WHERE candidate_id = $1", cand.ID); n != 2 {
		t.Fatalf("Ada has %d applications, want 2", n)
	}
	cand, _ = s.app.DB.Candidate(s.app.System(), cand.ID)
	if !cand.Consent.Marketing || cand.Consent.RetainUntil == nil {
		t.Fatalf("future-roles consent not recorded: %+v", cand.Consent)
	}
}

// TestApplyRefusals: each bad input gets a polite answer naming the field,
// keeps what was typed, and stores nothing.
func TestApplyRefusals(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	job := s.publish(hiring.JobInput{Title: "Analyst", WorkplaceType: hiring.OnSite, EmploymentType: hiring.FullTime, Openings: 1},
		hiring.JobPostInput{})
	pdf := parsingtest.PDF("Ada Lovelace")
	exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00"), bytes.Repeat([]byte{0}, 200)...)
	path := "/careers/jobs/" + job.ID + "/analyst"

	// The default minimum fill time (3 s): too fast is asked to send again.
	csrf, tok := s.applyPage(path)
	st, _, body := s.post(job.ID, csrf, applicant(tok), map[string]file{"resume": {"a.pdf", pdf}})
	if st != http.StatusUnprocessableEntity || !strings.Contains(body, "quicker than we expected") || !strings.Contains(body, `value="Lovelace"`) {
		t.Fatalf("too fast: %d\n%s", st, body)
	}
	s.noFillTime()
	cases := []struct {
		name   string
		fields func(tok string) [][2]string
		files  map[string]file
		status int
		want   []string
	}{
		{"missing names and bad email", func(tok string) [][2]string {
			return [][2]string{{"token", tok}, {"email", "not-an-email"}, {"privacy_ack", "1"}, {"location", `<b onmouseover="x">Oslo</b>`}}
		}, map[string]file{"resume": {"a.pdf", pdf}}, 422, []string{`href="#a-first_name"`, "is not a valid email address",
			`value="not-an-email"`, `value="&lt;b onmouseover=&#34;x&#34;&gt;Oslo&lt;/b&gt;"`}},
		{"bad phone", func(tok string) [][2]string { return applicant(tok, "phone", "call me maybe") }, map[string]file{"resume": {"a.pdf", pdf}},
			422, []string{"is not a valid phone number"}},
		{"no privacy acknowledgement", func(tok string) [][2]string { return applicant(tok)[:5] }, map[string]file{"resume": {"a.pdf", pdf}},
			422, []string{"privacy notice"}},
		{"no resume", func(tok string) [][2]string { return applicant(tok) }, nil, 422, []string{`id="e-resume"`, "is required"}},
		{"an .exe renamed .pdf", func(tok string) [][2]string { return applicant(tok) }, map[string]file{"resume": {"cv.pdf", exe}},
			422, []string{`id="e-resume"`}},
		{"honeypot", func(tok string) [][2]string { return applicant(tok, "website", "http://spam.example") },
			map[string]file{"resume": {"a.pdf", pdf}}, 422, []string{"Leave this empty"}},
		{"forged token", func(string) [][2]string { return applicant("1700000000000.abcd.forged") },
			map[string]file{"resume": {"a.pdf", pdf}}, 422, []string{"expired"}},
		{"a token of another job", func(string) [][2]string {
			_, t := s.applyPage(JobPathOf(s, s.otherPublic()))
			return applicant(t)
		}, map[string]file{"resume": {"a.pdf", pdf}}, 422, []string{"expired"}},
		{"an 11 MB resume", func(tok string) [][2]string { return applicant(tok) },
			map[string]file{"resume": {"big.pdf", append(append([]byte{}, pdf...), bytes.Repeat([]byte(" "), 11<<20)...)}}, 413, []string{"at most 10 MB"}},
	}
	for _, c := range cases {
		csrf, tok := s.applyPage(path)
		st, _, body := s.post(job.ID, csrf, c.fields(tok), c.files)
		if st != c.status {
			t.Errorf("%s: %d, want %d\n%s", c.name, st, c.status, body)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: the answer lacks %q", c.name, w)
			}
		}
		if strings.Contains(body, "<b onmouseover") {
			t.Errorf("%s: typed HTML echoed unescaped", c.name)
		}
	}
	// 10,000 parts: refused, no 5xx.
	csrf, tok = s.applyPage(path)
	many := applicant(tok)
	for i := range 10000 {
		many = append(many, [2]string{fmt.Sprintf("x%d", i), "y"})
	}
	if st, _, _ := s.post(job.ID, csrf, many, nil); st != http.StatusRequestEntityTooLarge && st != http.StatusUnprocessableEntity && st != http.StatusBadRequest {
		t.Errorf("10,000 parts: %d", st)
	}
	if n := s.count("SELECT COUNT(*) FROM applications WHERE job_id = $1", job.ID); n != 0 {
		t.Fatalf("%d applications stored from refused forms", n)
	}
	// A closed job: 410 for the form too.
	j, _ := s.app.DB.Job(s.app.System(), job.ID)
	csrf, tok = s.applyPage(path)
	if _, err := s.app.DB.SetJobStatus(s.app.System(), j.ID, j.Version, hiring.JobClosed); err != nil {
		t.Fatal(err)
	}
	if st, _, _ := s.post(job.ID, csrf, applicant(tok), map[string]file{"resume": {"a.pdf", pdf}}); st != http.StatusGone {
		t.Fatalf("apply to a closed job: %d", st)
	}
}

func (s *site) otherPublic() hiring.Job {
	return s.publish(hiring.JobInput{Title: "Other", WorkplaceType: hiring.OnSite, EmploymentType: hiring.FullTime, Openings: 1},
		hiring.JobPostInput{})
}

func JobPathOf(_ *site, j hiring.Job) string {
	return "/careers/jobs/" + j.ID + "/" + strings.ToLower(j.Title)
}

// TestApplyRateLimit: CANDOR_APPLY_RATE_LIMIT applications per address per
// hour, then 429 with Retry-After and a message.
func TestApplyRateLimit(t *testing.T) {
	t.Parallel()
	s := newSite(t, apptest.Options{Configure: func(c *config.Config) { c.ApplyRateLimit = 2 }})
	s.noFillTime()
	job := s.publish(hiring.JobInput{Title: "Analyst", WorkplaceType: hiring.OnSite, EmploymentType: hiring.FullTime, Openings: 1},
		hiring.JobPostInput{})
	pdf := parsingtest.PDF("x")
	for i := range 3 {
		csrf, tok := s.applyPage("/careers/jobs/" + job.ID + "/analyst")
		st, _, body := s.post(job.ID, csrf, applicant(tok, "email", fmt.Sprintf("p%d@example.org", i), "first_name", fmt.Sprint("P", i)),
			map[string]file{"resume": {"a.pdf", pdf}})
		want := http.StatusSeeOther
		if i == 2 {
			want = http.StatusTooManyRequests
		}
		if st != want {
			t.Fatalf("application %d: %d, want %d\n%s", i+1, st, want, body)
		}
		if i == 2 && !strings.Contains(body, "Too many applications") {
			t.Fatalf("429 without a message:\n%s", body)
		}
	}
}
