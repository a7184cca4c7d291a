package storetest

import (
	"context"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
)

// Seeded is a small company for access tests: users of every role, a job
// whose team includes Manager and Interviewer, another job whose team
// includes OtherManager and OtherInterviewer, a confidential job with only
// Manager on its team, and one candidate with an application on each job.
type Seeded struct {
	Admin, Recruiter, Manager, Interviewer, OtherManager, OtherInterviewer hiring.User

	Job, OtherJob, ConfidentialJob hiring.Job
	// Stages of Job in pipeline order.
	Stages []hiring.Stage

	Candidate, OtherCandidate, ConfidentialCandidate hiring.Candidate
	App, OtherApp, ConfidentialApp                   hiring.Application
}

// As returns a context acting as u.
func As(u hiring.User) context.Context {
	return hiring.WithActor(context.Background(), hiring.Actor{UserID: u.ID, Name: u.Name, Role: u.Role, EEOAccess: u.EEOAccess})
}

// System returns a context acting as the system.
func System() context.Context { return hiring.WithActor(context.Background(), hiring.SystemActor()) }

// Users returns the seeded users by a short name, for table tests.
func (s *Seeded) Users() map[string]hiring.User {
	return map[string]hiring.User{
		"admin": s.Admin, "recruiter": s.Recruiter, "manager": s.Manager, "interviewer": s.Interviewer,
		"other_manager": s.OtherManager, "other_interviewer": s.OtherInterviewer,
	}
}

// Seed fills db with the Seeded company.
func Seed(t testing.TB, db *store.DB) *Seeded {
	t.Helper()
	s := &Seeded{}
	ctx := System()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("storetest: seed: %v", err)
		}
	}
	user := func(email, name string, role hiring.Role) hiring.User {
		u, err := db.CreateUser(ctx, hiring.NewUser{Email: email, Name: name, Role: role})
		must(err)
		return u
	}
	s.Admin = user("admin@example.com", "Ada Admin", hiring.RoleAdmin)
	s.Recruiter = user("rita@example.com", "Rita Recruiter", hiring.RoleRecruiter)
	s.Manager = user("max@example.com", "Max Manager", hiring.RoleHiringManager)
	s.Interviewer = user("ivan@example.com", "Ivan Interviewer", hiring.RoleInterviewer)
	s.OtherManager = user("olga@example.com", "Olga Manager", hiring.RoleHiringManager)
	s.OtherInterviewer = user("otto@example.com", "Otto Interviewer", hiring.RoleInterviewer)

	job := func(title string, confidential bool, team ...hiring.TeamMember) hiring.Job {
		j, err := db.CreateJob(ctx, hiring.JobInput{Title: title, WorkplaceType: hiring.Remote, EmploymentType: hiring.FullTime,
			Openings: 1, Confidential: confidential, Description: "We build things.",
			Salary:     &hiring.Salary{Min: 50000, Max: 70000, Currency: "EUR", Period: hiring.PerYear},
			HiringTeam: team})
		must(err)
		j, err = db.SetJobStatus(ctx, j.ID, j.Version, hiring.JobOpen)
		must(err)
		return j
	}
	s.Job = job("Backend Engineer", false,
		hiring.TeamMember{UserID: s.Manager.ID, Role: hiring.TeamHiringManager},
		hiring.TeamMember{UserID: s.Interviewer.ID, Role: hiring.TeamInterviewer})
	s.OtherJob = job("Designer", false,
		hiring.TeamMember{UserID: s.OtherManager.ID, Role: hiring.TeamHiringManager},
		hiring.TeamMember{UserID: s.OtherInterviewer.ID, Role: hiring.TeamInterviewer})
	s.ConfidentialJob = job("Chief Secret Officer", true,
		hiring.TeamMember{UserID: s.Manager.ID, Role: hiring.TeamHiringManager})
	var err error
	s.Stages, err = db.Stages(ctx, s.Job.ID)
	must(err)

	cand := func(first, last, email string) hiring.Candidate {
		c, err := db.CreateCandidate(ctx, hiring.CandidateInput{FirstName: first, LastName: last, Emails: []string{email},
			Source: "referral", Tags: []string{"go"}})
		must(err)
		return c
	}
	s.Candidate = cand("Grace", "Hopper", "grace@example.org")
	s.OtherCandidate = cand("Alan", "Turing", "alan@example.org")
	s.ConfidentialCandidate = cand("Mata", "Hari", "mata@example.org")
	app := func(c hiring.Candidate, j hiring.Job) hiring.Application {
		a, err := db.CreateApplication(ctx, hiring.NewApplication{CandidateID: c.ID, JobID: j.ID, Source: "referral"})
		must(err)
		return a
	}
	s.App = app(s.Candidate, s.Job)
	s.OtherApp = app(s.OtherCandidate, s.OtherJob)
	s.ConfidentialApp = app(s.ConfidentialCandidate, s.ConfidentialJob)
	return s
}
