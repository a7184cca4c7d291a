package careers_test

import (
	"bytes"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/app/apptest"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/parsing/parsingtest"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// eeoMarks are what an applicant's self-identification would look like
// anywhere it leaked: the answer codes and their labels.
var eeoMarks = []string{"native_hawaiian_pacific", "Native Hawaiian", "Pacific Islander", "identify as one or more",
	"I have a disability", "eeo_race", "eeo_sex", "eeo_veteran", "eeo_disability", "self-identification", "eeo_responses"}

// TestEEOWall: voluntary self-identification answers are stored (apart,
// countable in aggregate by admins) and appear on no recruiter page, API
// answer, export, search result or log line (the page and answers of a
// user holding the EEO permission included) — and no code outside the
// intake and the aggregate reads their table.
func TestEEOWall(t *testing.T) {
	t.Parallel()
	logs := &lockedBuffer{}
	s := newSite(t, apptest.Options{StartQueue: true, Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	ctx := s.app.System()
	st := hiring.DefaultCareersSettings()
	st.EEO, st.MinFillSeconds = true, 0
	if err := s.app.DB.SetCareersSettings(ctx, st); err != nil {
		t.Fatal(err)
	}
	job := s.publish(hiring.JobInput{Title: "Analyst", WorkplaceType: hiring.OnSite, EmploymentType: hiring.FullTime, Openings: 1},
		hiring.JobPostInput{})
	csrf, tok := s.applyPage("/careers/jobs/" + job.ID + "/analyst")
	st2, _, body := s.post(job.ID, csrf, applicant(tok, "eeo_race", "native_hawaiian_pacific", "eeo_sex", "female",
		"eeo_veteran", "protected", "eeo_disability", "yes"), map[string]file{"resume": {"cv.pdf", parsingtest.PDF("Ada Lovelace", "Analyst")}})
	if st2 != http.StatusSeeOther {
		t.Fatalf("apply: %d\n%s", st2, body)
	}
	agg, err := s.app.DB.EEOAggregate(ctx, job.ID)
	if err != nil || len(agg) != 4 {
		t.Fatalf("aggregate = %+v %v", agg, err)
	}
	for _, c := range agg {
		if c.Count != 1 || (c.Question == "race" && c.Answer != "native_hawaiian_pacific") {
			t.Fatalf("aggregate = %+v", agg)
		}
	}
	if _, err := s.app.DB.EEOAggregate(s.app.As(s.seed.Recruiter), job.ID); hiring.ErrorCode(err) != hiring.EForbidden {
		t.Fatalf("a recruiter read the aggregate: %v", err)
	}
	// Being an admin is not enough: the dedicated permission is.
	if _, err := s.app.DB.EEOAggregate(s.app.As(s.seed.Admin), job.ID); hiring.ErrorCode(err) != hiring.EForbidden {
		t.Fatalf("an admin without the EEO permission read the aggregate: %v", err)
	}
	yes := true
	holder, err := s.app.DB.UpdateUser(ctx, s.seed.Recruiter.ID, hiring.UserUpdate{EEOAccess: &yes})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.app.DB.EEOAggregate(s.app.As(holder), job.ID); err != nil || len(got) != len(agg) {
		t.Fatalf("the permission holder's aggregate = %+v %v", got, err)
	}
	apps, _ := s.app.DB.ListApplications(ctx, hiring.ApplicationFilter{JobID: job.ID}, hiring.PageRequest{})
	if len(apps.Items) != 1 {
		t.Fatal("no application")
	}
	app := apps.Items[0]
	// Let the background work (resume parse, application received) run and log.
	time.Sleep(2 * time.Second)

	admin := s.app.CreateUser(hiring.RoleAdmin)
	if admin, err = s.app.DB.UpdateUser(ctx, admin.ID, hiring.UserUpdate{EEOAccess: &yes}); err != nil {
		t.Fatal(err)
	}
	c := s.app.Client()
	s.app.Login(c, admin.Email, apptest.Password)
	token := s.app.APIToken(admin)
	var seen []string
	check := func(what, text string) {
		seen = append(seen, what)
		for _, m := range eeoMarks {
			if strings.Contains(text, m) {
				t.Errorf("%s shows self-identification (%q)", what, m)
			}
		}
	}
	for _, p := range []string{"/", "/candidates", "/candidates/" + app.CandidateID, "/jobs/" + job.ID, "/jobs/" + job.ID + "/post",
		"/jobs/" + job.ID + "/activity", "/jobs/" + job.ID + "/applications?status=rejected", "/candidates/export.csv",
		"/candidates?q=Pacific", "/search?q=Pacific", "/admin/audit", "/notifications"} {
		res, err := c.Get(s.app.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		check("UI "+p, string(b))
	}
	for _, p := range []string{"/api/v1/candidates/" + app.CandidateID, "/api/v1/candidates/" + app.CandidateID + "/resume.json",
		"/api/v1/candidates/" + app.CandidateID + "/activity", "/api/v1/applications?job_id=" + job.ID, "/api/v1/applications/" + app.ID,
		"/api/v1/candidates/export.csv", "/api/v1/candidates?q=Pacific", "/api/v1/activity", "/api/v1/jobs/" + job.ID + "/activity",
		"/api/v1/jobs/" + job.ID + "/post"} {
		res, err := http.DefaultClient.Do(s.app.APIRequest("GET", p, token, nil))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		check("API "+p, string(b))
	}
	check("the logs", logs.String())
	if !strings.Contains(logs.String(), "/apply") {
		t.Fatal("the log capture saw no request (the log check would be empty)")
	}

	// No code outside the intake and the aggregates names the table.
	root := filepath.Join("..", "..")
	err = filepath.WalkDir(filepath.Join(root, "internal"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		// The intake writes it; the aggregate (intake.go) and the adverse-impact
		// report (reports_eeo.go, counts per answer) read it grouped.
		if p := filepath.ToSlash(path); strings.Contains(string(b), "eeo_responses") && p != "../../internal/store/intake.go" &&
			p != "../../internal/store/reports_eeo.go" {
			t.Errorf("%s reads the self-identification table", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("checked %d pages, answers and exports, and the logs", len(seen))
}
