package demo_test

import (
	"context"
	"errors"
	"io"
	iofs "io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/demo"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

func TestLoadSmallCompany(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		blobs, err := blob.NewFS(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		res, err := demo.Load(ctx, db, blobs, demo.Options{Candidates: 400, Applications: 1500, LargeJob: 120})
		if err != nil {
			t.Fatal(err)
		}
		if res.Candidates != 400 || res.LargeJobApps != 120 || res.Applications < 1400 {
			t.Fatalf("unexpected result %+v", res)
		}
		sys := hiring.WithActor(ctx, hiring.SystemActor())

		// The services read what the bulk path wrote.
		page, err := db.ListCandidates(sys, hiring.CandidateFilter{Tag: "golang"}, hiring.PageRequest{Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Items) == 0 {
			t.Fatal("no candidates tagged golang")
		}
		for _, c := range page.Items {
			if len(c.Emails) != 1 || c.FirstName == "" {
				t.Fatalf("candidate not loaded whole: %+v", c)
			}
		}
		board, err := db.Board(sys, res.LargeJobID, 50)
		if err != nil {
			t.Fatal(err)
		}
		total := 0
		for _, col := range board {
			total += col.Stage.Count
		}
		if total != res.LargeJobApps {
			t.Fatalf("board counts %d active applications, loaded %d on the large job", total, res.LargeJobApps)
		}
		// Stage history exists for a loaded application: one in the furthest
		// stage that holds cards visited every stage up to it.
		deepest := -1
		for i, col := range board {
			if len(col.Cards) > 0 {
				deepest = i
			}
		}
		if deepest < 1 {
			t.Fatalf("no cards beyond the first stage: %+v", board)
		}
		hist, err := db.StageHistory(sys, board[deepest].Cards[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(hist) != deepest+1 {
			t.Fatalf("an application in stage %d visited %d stages, want %d", deepest, len(hist), deepest+1)
		}
		act, err := db.CandidateActivity(sys, page.Items[0].ID, hiring.PageRequest{})
		if err != nil {
			t.Fatal(err)
		}
		if len(act.Items) == 0 {
			t.Fatal("no timeline for a demo candidate")
		}
		// Access rules hold on demo data: the interviewer sees only the shared team's jobs.
		users, err := db.ListUsers(sys, false)
		if err != nil {
			t.Fatal(err)
		}
		var ivy hiring.User
		for _, u := range users {
			if u.Role == hiring.RoleInterviewer {
				ivy = u
			}
		}
		asIvy := hiring.WithActor(ctx, hiring.Actor{UserID: ivy.ID, Role: ivy.Role})
		jobs, err := db.ListJobs(asIvy, hiring.JobFilter{}, hiring.PageRequest{Limit: 200})
		if err != nil {
			t.Fatal(err)
		}
		if len(jobs.Items) == 0 || len(jobs.Items) >= res.Jobs {
			t.Fatalf("interviewer sees %d of %d jobs; want some but not all", len(jobs.Items), res.Jobs)
		}
	})
}

func TestLoadRefusesNegativeSizes(t *testing.T) {
	db := storetest.SQLite(t)
	blobs, err := blob.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(context.Background(), db, blobs, demo.Options{Candidates: -1}); err == nil {
		t.Fatal("a negative size was accepted")
	}
	if _, err := demo.Load(context.Background(), db, blobs, demo.Options{Candidates: 3, Applications: 100_000}); err == nil ||
		!strings.Contains(err.Error(), "per candidate") {
		t.Fatalf("100,000 applications for 3 candidates: %v", err)
	}
}

// A large job bigger than the company is clamped, not an index out of range.
func TestLoadClampsLargeJob(t *testing.T) {
	db := storetest.SQLite(t)
	blobs, err := blob.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	res, err := demo.Load(context.Background(), db, blobs, demo.Options{Candidates: 20, Applications: 60, LargeJob: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if res.LargeJobApps != 20 {
		t.Fatalf("large job holds %d applications, want 20 (every candidate)", res.LargeJobApps)
	}
}

// failingBlobs fails the Put after n successful ones, like a full disk.
type failingBlobs struct {
	blob.Store
	n int
}

func (f *failingBlobs) Put(ctx context.Context, r io.Reader, max int64) (string, int64, string, error) {
	if f.n == 0 {
		return "", 0, "", errors.New("disk full")
	}
	f.n--
	return f.Store.Put(ctx, r, max)
}

// The demo goes only into an empty database, and a load that fails leaves
// neither rows nor the resume files it had written.
func TestLoadRefusesDataAndCleansUp(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		dir := t.TempDir()
		fs, err := blob.NewFS(dir)
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		if _, err := demo.Load(ctx, db, &failingBlobs{Store: fs, n: 5}, demo.Options{Candidates: 100}); err == nil {
			t.Fatal("a load whose files could not be written succeeded")
		}
		files := 0
		_ = filepath.WalkDir(dir, func(_ string, d iofs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				files++
			}
			return nil
		})
		if files != 0 {
			t.Fatalf("the failed load left %d files", files)
		}
		// Nothing was committed, so the database is still empty and takes the demo.
		if _, err := demo.Load(ctx, db, fs, demo.Options{Candidates: 60}); err != nil {
			t.Fatal(err)
		}
		if _, err := demo.Load(ctx, db, fs, demo.Options{Candidates: 60}); !errors.Is(err, demo.ErrNotEmpty) {
			t.Fatalf("second load: %v, want ErrNotEmpty", err)
		}
	})
}

// The demo company hangs together: jobs sit in the department their title
// belongs to, drafts have no applicants, a closed job's applications are all
// decided (hired up to its openings, the rest rejected or withdrawn), and
// hired applications are exactly those in a hired stage.
func TestDemoCompanyIsCoherent(t *testing.T) {
	db := storetest.SQLite(t)
	blobs, err := blob.NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	res, err := demo.Load(ctx, db, blobs, demo.Options{Candidates: 600, Applications: 3000, LargeJob: 100})
	if err != nil {
		t.Fatal(err)
	}
	sys := hiring.WithActor(ctx, hiring.SystemActor())
	jobs, err := db.ListJobs(sys, hiring.JobFilter{}, hiring.PageRequest{Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	if len(jobs.Items) != res.Jobs {
		t.Fatalf("%d jobs listed, %d loaded", len(jobs.Items), res.Jobs)
	}
	dept := map[string]string{"Data Scientist": "Engineering", "Backend Engineer": "Engineering", "Account Executive": "Sales",
		"Product Designer": "Design", "Financial Controller": "Finance", "People Partner": "People", "Growth Marketer": "Marketing"}
	seen := map[hiring.JobStatus]int{}
	for _, j := range jobs.Items {
		for title, d := range dept {
			if strings.HasPrefix(j.Title, title) && j.DepartmentName != d {
				t.Errorf("%s is in %s, want %s", j.Title, j.DepartmentName, d)
			}
		}
		seen[j.Status]++
		stages, err := db.Stages(sys, j.ID)
		if err != nil {
			t.Fatal(err)
		}
		kind := map[string]hiring.StageKind{}
		for _, s := range stages {
			kind[s.ID] = s.Kind
		}
		apps, err := db.ListApplications(sys, hiring.ApplicationFilter{JobID: j.ID}, hiring.PageRequest{Limit: 200})
		if err != nil {
			t.Fatal(err)
		}
		hired := 0
		for _, a := range apps.Items {
			if (a.Status == hiring.AppHired) != (kind[a.StageID] == hiring.StageHired) {
				t.Errorf("%s on %s: %s in %s", a.CandidateName, j.Title, a.Status, a.StageName)
			}
			if a.Status == hiring.AppHired {
				hired++
			}
			if j.Status == hiring.JobClosed && a.Status == hiring.AppActive {
				t.Errorf("closed job %s has an active application (%s in %s)", j.Title, a.CandidateName, a.StageName)
			}
		}
		if j.Status == hiring.JobDraft && len(apps.Items) > 0 {
			t.Errorf("draft job %s has %d applications", j.Title, len(apps.Items))
		}
		if j.Status == hiring.JobClosed && (hired > j.Openings || len(apps.Items) == 0) {
			t.Errorf("closed job %s: %d hired for %d openings, %d applications", j.Title, hired, j.Openings, len(apps.Items))
		}
	}
	if seen[hiring.JobDraft] == 0 || seen[hiring.JobClosed] == 0 {
		t.Fatalf("the demo has no draft or no closed job: %v", seen)
	}
}

// Every demo candidate has a resume: the first few as unparsed uploads (the
// command queues them for the parser), everyone else's already parsed, so
// its text, skills and history are searchable as soon as the load returns.
func TestDemoResumesAreSearchable(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		dir := t.TempDir()
		blobs, err := blob.NewFS(dir)
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		if _, err := demo.Load(ctx, db, blobs, demo.Options{Candidates: 300, Applications: 400, LargeJob: 50}); err != nil {
			t.Fatal(err)
		}
		files := 0
		_ = filepath.WalkDir(dir, func(_ string, d iofs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				files++
			}
			return nil
		})
		if files != 300 {
			t.Fatalf("%d resume files for 300 candidates", files)
		}
		sys := hiring.WithActor(ctx, hiring.SystemActor())
		admin, err := db.CreateUser(sys, hiring.NewUser{Email: "search-admin@example.com", Name: "Admin", Role: hiring.RoleAdmin})
		if err != nil {
			t.Fatal(err)
		}
		actx := hiring.WithActor(ctx, hiring.Actor{UserID: admin.ID, Name: admin.Name, Role: admin.Role})
		count := func(q string) int {
			t.Helper()
			res, err := db.SearchCandidates(actx, q, hiring.SearchOptions{Page: hiring.PageRequest{Limit: 200}})
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			return res.Total
		}
		// 30 of 300 (a tenth) wait for the parser; 270 were filed parsed.
		if n := count(`"EXPERIENCE"`); n != 270 {
			t.Fatalf("%d candidates have a resume heading EXPERIENCE, want the 270 filed parsed", n)
		}
		if n := count("has:resume"); n != 300 {
			t.Fatalf("has:resume finds %d of 300", n)
		}
		// Varied: a common skill is on some resumes, not all; so is a city.
		for _, q := range []string{"skill:SQL", "Berlin", "Kubernetes"} {
			if n := count(q); n == 0 || n >= 300 {
				t.Errorf("%s matches %d of 300 candidates: want some, not all", q, n)
			}
		}
	})
}
