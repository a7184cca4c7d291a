package store_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// TestConcurrentIntake: applications arriving together (batched into one
// transaction on SQLite, in parallel on PostgreSQL) each land once: a token
// sent twice at once makes one application, a bad submission in the crowd
// fails alone, an application to a job never published is refused without
// touching the others, and the job's active count matches.
func TestConcurrentIntake(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		rec := storetest.As(s.Recruiter)
		if _, err := db.PublishJob(rec, s.Job.ID); err != nil {
			t.Fatal(err)
		}
		before, err := db.Job(rec, s.Job.ID)
		ok(t, err)
		// A published job whose pipeline is gone: its applications fail
		// after the candidate was written, so only the savepoint's rollback
		// keeps them from staying behind.
		broken, err := db.CreateJob(rec, hiring.JobInput{Title: "No pipeline", WorkplaceType: hiring.Remote, EmploymentType: hiring.FullTime, Openings: 1})
		ok(t, err)
		broken, err = db.SetJobStatus(rec, broken.ID, broken.Version, hiring.JobOpen)
		ok(t, err)
		_, err = db.PublishJob(rec, broken.ID)
		ok(t, err)
		_, err = db.Writer().Exec("DELETE FROM stages WHERE job_id = $1", broken.ID)
		ok(t, err)
		anon := context.Background()
		const people = 24
		type outcome struct {
			token string
			res   hiring.SubmitResult
			err   error
		}
		out := make(chan outcome, 3*people)
		var wg sync.WaitGroup
		send := func(token, job, first, email string) {
			defer wg.Done()
			r, err := db.SubmitApplication(anon, hiring.Submission{JobID: job, Token: token, FirstName: first, LastName: "Applicant",
				Email: email, Source: "Careers site", PrivacyVersion: "1"})
			out <- outcome{token, r, err}
		}
		for i := range people {
			tok := fmt.Sprintf("tok-%d", i)
			email := fmt.Sprintf("applicant%d@example.org", i)
			wg.Add(2)
			go send(tok, s.Job.ID, "Person", email) // a double click
			go send(tok, s.Job.ID, "Person", email)
			if i%6 == 0 {
				wg.Add(2)
				go send(fmt.Sprintf("bad-%d", i), s.Job.ID, "Person", fmt.Sprintf("not-an-email-%d", i))
				go send(fmt.Sprintf("other-%d", i), s.OtherJob.ID, "Person", fmt.Sprintf("other%d@example.org", i))
				wg.Add(1)
				go send(fmt.Sprintf("nopipe-%d", i), broken.ID, "Person", fmt.Sprintf("nopipe%d@example.org", i))
			}
		}
		wg.Wait()
		close(out)
		apps := map[string]string{} // token → application
		for o := range out {
			switch {
			case strings.HasPrefix(o.token, "bad-"):
				if hiring.ErrorCode(o.err) != hiring.EInvalid {
					t.Errorf("a submission with an invalid email: %v", o.err)
				}
			case strings.HasPrefix(o.token, "other-"):
				if hiring.ErrorCode(o.err) != hiring.ENotFound {
					t.Errorf("an application to an unpublished job: %v", o.err)
				}
			case strings.HasPrefix(o.token, "nopipe-"):
				if hiring.ErrorCode(o.err) != hiring.EConflict {
					t.Errorf("an application to a job without a pipeline: %v", o.err)
				}
			case o.err != nil:
				t.Errorf("%s: %v", o.token, o.err)
			default:
				if prev, seen := apps[o.token]; seen && prev != o.res.ApplicationID {
					t.Errorf("%s made two applications: %s and %s", o.token, prev, o.res.ApplicationID)
				}
				apps[o.token] = o.res.ApplicationID
			}
		}
		if len(apps) != people {
			t.Fatalf("%d tokens answered, want %d", len(apps), people)
		}
		list, err := db.ListApplications(rec, hiring.ApplicationFilter{JobID: s.Job.ID}, hiring.PageRequest{Limit: 200})
		ok(t, err)
		n := 0
		for _, a := range list.Items {
			if a.Source == "Careers site" {
				n++
			}
		}
		if n != people {
			t.Fatalf("%d careers applications stored, want %d", n, people)
		}
		other, err := db.ListApplications(rec, hiring.ApplicationFilter{JobID: s.OtherJob.ID}, hiring.PageRequest{Limit: 200})
		ok(t, err)
		for _, a := range other.Items {
			if a.Source == "Careers site" {
				t.Fatalf("an application reached the unpublished job: %+v", a)
			}
		}
		var left int
		ok(t, db.Writer().QueryRow("SELECT COUNT(*) FROM candidate_emails WHERE email LIKE 'nopipe%'").Scan(&left))
		if left != 0 {
			t.Fatalf("%d candidates of failed applications stayed behind", left)
		}
		after, err := db.Job(rec, s.Job.ID)
		ok(t, err)
		if after.ActiveApplications != before.ActiveApplications+people {
			t.Fatalf("active applications %d → %d, want +%d", before.ActiveApplications, after.ActiveApplications, people)
		}
	})
}
