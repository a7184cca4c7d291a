package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// TestAccessMatrix walks service calls × roles × (own job / other job /
// confidential job). Seeded teams: Job = {manager, interviewer}, OtherJob =
// {other_manager, other_interviewer}, ConfidentialJob = {manager}.
func TestAccessMatrix(t *testing.T) {
	t.Parallel()
	const (
		okay = ""
		nf   = hiring.ENotFound
		forb = hiring.EForbidden
		inv  = hiring.EInvalid
	)
	roles := []string{"admin", "recruiter", "manager", "interviewer", "other_manager", "other_interviewer"}
	// count checks an expected list length per role.
	type op struct {
		name string
		call func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error)
		want map[string]any // role → code string, or int for a count
	}
	n := func(xs ...int) map[string]any {
		m := map[string]any{}
		for i, r := range roles {
			m[r] = xs[i]
		}
		return m
	}
	c := func(xs ...string) map[string]any {
		m := map[string]any{}
		for i, r := range roles {
			m[r] = xs[i]
		}
		return m
	}
	one := func(err error) (int, error) { return 0, err }
	ops := []op{
		{"Job own", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			return one(get(db.Job(ctx, s.Job.ID)))
		}, c(okay, okay, okay, okay, nf, nf)},
		{"Job other", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			return one(get(db.Job(ctx, s.OtherJob.ID)))
		}, c(okay, okay, nf, nf, okay, okay)},
		{"Job confidential", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			return one(get(db.Job(ctx, s.ConfidentialJob.ID)))
		}, c(okay, nf, okay, nf, nf, nf)},
		{"ListJobs", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			p, err := db.ListJobs(ctx, hiring.JobFilter{}, hiring.PageRequest{CountTotal: true})
			return checkTotal(p.Items, p.Total, err)
		}, n(3, 2, 2, 1, 1, 1)},
		{"Stages own", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			return one(get(db.Stages(ctx, s.Job.ID)))
		}, c(okay, okay, okay, okay, nf, nf)},
		{"Board own", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			return one(get(db.Board(ctx, s.Job.ID, 10)))
		}, c(okay, okay, okay, okay, nf, nf)},
		{"Board confidential", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			return one(get(db.Board(ctx, s.ConfidentialJob.ID, 10)))
		}, c(okay, nf, okay, nf, nf, nf)},
		{"JobActivity own", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			return one(get(db.JobActivity(ctx, s.Job.ID, hiring.PageRequest{})))
		}, c(okay, okay, okay, okay, nf, nf)},
		{"CreateJob", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			return one(get(db.CreateJob(ctx, jobInput("Matrix"))))
		}, c(okay, okay, forb, forb, forb, forb)},
		{"UpdateJob own", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			in := jobInput("Backend Engineer")
			in.HiringTeam = s.Job.HiringTeam
			return one(get(db.UpdateJob(ctx, s.Job.ID, 0, in)))
		}, c(okay, okay, okay, forb, nf, nf)},
		{"AddStage own", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			return one(get(db.AddStage(ctx, s.Job.ID, "Extra", hiring.StageScreen, 0)))
		}, c(okay, okay, okay, forb, nf, nf)},
		{"Candidate own", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			return one(get(db.Candidate(ctx, s.Candidate.ID)))
		}, c(okay, okay, okay, okay, nf, nf)},
		{"Candidate of confidential job", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			return one(get(db.Candidate(ctx, s.ConfidentialCandidate.ID)))
		}, c(okay, okay, okay, nf, nf, nf)},
		{"ListCandidates", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			p, err := db.ListCandidates(ctx, hiring.CandidateFilter{}, hiring.PageRequest{CountTotal: true})
			return checkTotal(p.Items, p.Total, err)
		}, n(3, 3, 2, 1, 1, 1)},
		{"ListCandidates by other job", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			p, err := db.ListCandidates(ctx, hiring.CandidateFilter{JobID: s.OtherJob.ID}, hiring.PageRequest{CountTotal: true})
			return checkTotal(p.Items, p.Total, err)
		}, n(1, 1, 0, 0, 1, 1)},
		{"CreateCandidate", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			return one(get(db.CreateCandidate(ctx, hiring.CandidateInput{FirstName: "New"})))
		}, c(okay, okay, forb, forb, forb, forb)},
		{"UpdateCandidate own", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			return one(get(db.UpdateCandidate(ctx, s.Candidate.ID, 0, hiring.CandidateInput{FirstName: "Grace", LastName: "Hopper"})))
		}, c(okay, okay, forb, forb, nf, nf)},
		{"AddTags own", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			return one(get(db.AddTags(ctx, s.Candidate.ID, []string{"matrix"})))
		}, c(okay, okay, okay, forb, nf, nf)},
		{"Application own", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			return one(get(db.Application(ctx, s.App.ID)))
		}, c(okay, okay, okay, okay, nf, nf)},
		{"Application confidential", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			return one(get(db.Application(ctx, s.ConfidentialApp.ID)))
		}, c(okay, nf, okay, nf, nf, nf)},
		{"ListApplications", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			p, err := db.ListApplications(ctx, hiring.ApplicationFilter{}, hiring.PageRequest{CountTotal: true})
			return checkTotal(p.Items, p.Total, err)
		}, n(3, 2, 2, 1, 1, 1)},
		{"StageHistory own", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			return one(get(db.StageHistory(ctx, s.App.ID)))
		}, c(okay, okay, okay, okay, nf, nf)},
		{"MoveApplication own", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			return one(get(db.MoveApplication(ctx, s.App.ID, 0, s.Stages[1].ID)))
		}, c(okay, okay, okay, forb, nf, nf)},
		{"MoveApplication other", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			st, err := db.Stages(storetest.System(), s.OtherJob.ID)
			if err != nil {
				return 0, err
			}
			return one(get(db.MoveApplication(ctx, s.OtherApp.ID, 0, st[1].ID)))
		}, c(okay, okay, nf, nf, okay, forb)},
		{"CreateApplication own job", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			cand, err := db.CreateCandidate(storetest.System(), hiring.CandidateInput{FirstName: "Fresh"})
			if err != nil {
				return 0, err
			}
			return one(get(db.CreateApplication(ctx, hiring.NewApplication{CandidateID: cand.ID, JobID: s.Job.ID})))
		}, c(okay, okay, inv, forb, inv, inv)},
		{"Notes own", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			ns, err := db.Notes(ctx, s.Candidate.ID)
			return len(ns), err
		}, map[string]any{"admin": 2, "recruiter": 2, "manager": 2, "interviewer": 1, "other_manager": nf, "other_interviewer": nf}},
		{"Notes of confidential application", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			ns, err := db.Notes(ctx, s.ConfidentialCandidate.ID)
			return len(ns), err
		}, map[string]any{"admin": 1, "recruiter": 0, "manager": 1, "interviewer": nf, "other_manager": nf, "other_interviewer": nf}},
		{"AddNote private", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			return one(get(db.AddNote(ctx, hiring.NewNote{CandidateID: s.Candidate.ID, Body: "secret", Private: true})))
		}, c(okay, okay, okay, forb, nf, nf)},
		{"Documents own", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			return one(get(db.Documents(ctx, s.Candidate.ID)))
		}, c(okay, okay, okay, okay, nf, nf)},
		{"CandidateActivity own", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			return one(get(db.CandidateActivity(ctx, s.Candidate.ID, hiring.PageRequest{})))
		}, c(okay, okay, okay, okay, nf, nf)},
		{"AuditLog", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			return one(get(db.AuditLog(ctx, hiring.ActivityFilter{}, hiring.PageRequest{})))
		}, c(okay, forb, forb, forb, forb, forb)},
		{"CreateRejectionReason", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			return one(get(db.CreateRejectionReason(ctx, "Reason "+actorTag(ctx))))
		}, c(okay, forb, forb, forb, forb, forb)},
		{"CreateDepartment", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			return one(get(db.CreateDepartment(ctx, "Dept "+actorTag(ctx))))
		}, c(okay, okay, forb, forb, forb, forb)},
		{"UpdateUser other", func(ctx context.Context, db *store.DB, s *storetest.Seeded) (int, error) {
			name := "Renamed"
			return one(get(db.UpdateUser(ctx, s.OtherInterviewer.ID, hiring.UserUpdate{Name: &name})))
		}, c(okay, forb, forb, forb, forb, okay)},
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		sys := storetest.System()
		_, err := db.AddNote(sys, hiring.NewNote{CandidateID: s.Candidate.ID, Body: "public"})
		ok(t, err)
		_, err = db.AddNote(sys, hiring.NewNote{CandidateID: s.Candidate.ID, Body: "private", Private: true})
		ok(t, err)
		_, err = db.AddNote(sys, hiring.NewNote{CandidateID: s.ConfidentialCandidate.ID, ApplicationID: s.ConfidentialApp.ID, Body: "about the secret job"})
		ok(t, err)
		users := s.Users()
		for _, o := range ops {
			for _, role := range roles {
				ctx := storetest.As(users[role])
				got, err := o.call(ctx, db, s)
				switch want := o.want[role].(type) {
				case int:
					if err != nil || got != want {
						t.Errorf("%s as %s: got %d (%v), want %d", o.name, role, got, err, want)
					}
				case string:
					if code := hiring.ErrorCode(err); code != want {
						t.Errorf("%s as %s: got %q (%v), want %q", o.name, role, code, err, want)
					}
				}
			}
		}
		// No actor at all is unauthorized everywhere.
		for _, o := range ops {
			if _, err := o.call(context.Background(), db, s); hiring.ErrorCode(err) != hiring.EUnauthorized {
				t.Errorf("%s without actor: %v", o.name, err)
			}
		}
		// Interviewers never see salaries nor private timeline entries.
		j, err := db.Job(storetest.As(s.Interviewer), s.Job.ID)
		ok(t, err)
		if j.Salary != nil {
			t.Error("interviewer sees a salary")
		}
		tl, err := db.CandidateActivity(storetest.As(s.Interviewer), s.Candidate.ID, hiring.PageRequest{})
		ok(t, err)
		for _, e := range tl.Items {
			if e.JobID != s.Job.ID {
				t.Errorf("interviewer timeline shows %s about job %q", e.Action, e.JobID)
			}
			if e.Action == "note.added" {
				t.Errorf("interviewer timeline shows a note entry off their job or private: %+v", e)
			}
		}
		if len(tl.Items) == 0 {
			t.Error("interviewer's candidate timeline is empty (the application on their job is missing)")
		}
		jt, err := db.JobActivity(storetest.As(s.Interviewer), s.Job.ID, hiring.PageRequest{Limit: hiring.MaxLimit})
		ok(t, err)
		sawCreated := false
		for _, e := range jt.Items {
			_, b := e.Before["salary"]
			_, a := e.After["salary"]
			if b || a {
				t.Errorf("interviewer sees salary in %s", e.Action)
			}
			sawCreated = sawCreated || e.Action == "job.created"
		}
		if !sawCreated {
			t.Error("interviewer's job timeline lacks job.created")
		}
		at, err := db.JobActivity(storetest.As(s.Manager), s.Job.ID, hiring.PageRequest{Limit: hiring.MaxLimit})
		ok(t, err)
		if _, has := at.Items[len(at.Items)-1].After["salary"]; !has {
			t.Error("hiring manager should see the salary in job.created")
		}
		rec, err := db.RecentActivity(storetest.As(s.OtherInterviewer), hiring.PageRequest{})
		ok(t, err)
		for _, e := range rec.Items {
			if e.JobID != s.OtherJob.ID {
				t.Errorf("other interviewer's feed shows %s on job %q", e.Action, e.JobID)
			}
		}
		if len(rec.Items) == 0 {
			t.Error("other interviewer's feed is empty")
		}
	})
}

func get[T any](_ T, err error) error { return err }

func checkTotal[T any](items []T, total int, err error) (int, error) {
	if err == nil && total != len(items) {
		return 0, fmt.Errorf("total %d but %d items", total, len(items))
	}
	return len(items), err
}

func actorTag(ctx context.Context) string {
	a, _ := hiring.ActorFrom(ctx)
	return a.UserID
}
