package store_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// parsedCandidate adds a candidate with a parsed resume naming skills.
func parsedCandidate(t *testing.T, db *store.DB, ctx context.Context, first, title, location string, skills ...string) hiring.Candidate {
	t.Helper()
	c, err := db.CreateCandidate(ctx, hiring.CandidateInput{FirstName: first, LastName: "Test", CurrentTitle: title, Location: location,
		Emails: []string{strings.ToLower(first) + "@example.net"}})
	ok(t, err)
	d, err := newDoc(t, db, ctx, c.ID, "resume", "")
	ok(t, err)
	var sk []map[string]string
	for _, s := range skills {
		sk = append(sk, map[string]string{"name": s})
	}
	prof, _ := json.Marshal(map[string]any{"basics": map[string]any{"label": title}, "skills": sk,
		"work": []map[string]string{{"position": title}}, "meta": map[string]any{"yearsOfExperience": 6}})
	_, err = db.SaveParseResult(storetest.System(), d.ID, hiring.ParseResult{Status: hiring.ParseParsed,
		Text: title + ". Skills: " + strings.Join(skills, ", "), Profile: prof})
	ok(t, err)
	return c
}

func matchIDs(ms []hiring.CandidateMatch) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Candidate.ID)
	}
	return out
}

func contains(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// TestJobMatches: a job's matches rank visible candidates not active on it
// by skills and title, explain themselves, name stages reached on jobs the
// actor sees only, and leave out what an interviewer may not see.
func TestJobMatches(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		admin, rec := storetest.As(s.Admin), storetest.As(s.Recruiter)
		job, err := db.CreateJob(admin, hiring.JobInput{Title: "Senior Go Engineer", WorkplaceType: hiring.Remote,
			EmploymentType: hiring.FullTime, Openings: 1, Description: "Go services on PostgreSQL.",
			Requirements: []hiring.Requirement{{Skill: "Go", MustHave: true}, {Skill: "PostgreSQL", MustHave: true}, {Skill: "Kafka"}},
			HiringTeam: []hiring.TeamMember{{UserID: s.Manager.ID, Role: hiring.TeamHiringManager},
				{UserID: s.Interviewer.ID, Role: hiring.TeamInterviewer}}})
		ok(t, err)
		job, err = db.SetJobStatus(admin, job.ID, job.Version, hiring.JobOpen)
		ok(t, err)

		best := parsedCandidate(t, db, rec, "Gopher", "Backend Engineer", "Berlin, Germany", "Go", "PostgreSQL", "Docker")
		half := parsedCandidate(t, db, rec, "Halfway", "Go Developer", "", "Go")
		other := parsedCandidate(t, db, rec, "Painter", "Illustrator", "", "Adobe Illustrator")
		// A past applicant on the interviewer's job, who reached an interview there.
		past := parsedCandidate(t, db, rec, "Silver", "Software Engineer", "", "Go", "PostgreSQL")
		app, err := db.CreateApplication(rec, hiring.NewApplication{CandidateID: past.ID, JobID: s.Job.ID, Source: "referral"})
		ok(t, err)
		var interview hiring.Stage
		for _, st := range s.Stages {
			if st.Kind == hiring.StageInterview {
				interview = st
				break
			}
		}
		app, err = db.MoveApplication(rec, app.ID, app.Version, interview.ID)
		ok(t, err)
		// A candidate who reached an interview on the confidential job only.
		secret := parsedCandidate(t, db, rec, "Secret", "Go Engineer", "", "Go", "PostgreSQL")
		capp, err := db.CreateApplication(admin, hiring.NewApplication{CandidateID: secret.ID, JobID: s.ConfidentialJob.ID})
		ok(t, err)
		cst, err := db.Stages(admin, s.ConfidentialJob.ID)
		ok(t, err)
		for _, st := range cst {
			if st.Kind == hiring.StageInterview {
				_, err = db.MoveApplication(admin, capp.ID, capp.Version, st.ID)
				ok(t, err)
				break
			}
		}

		ms, err := db.JobMatches(rec, job.ID, 10)
		ok(t, err)
		ids := matchIDs(ms)
		if len(ids) != 4 || ids[0] != secret.ID || !contains(ids, best.ID) || !contains(ids, past.ID) || !contains(ids, half.ID) {
			t.Fatalf("recruiter's matches %v: want %s (both must-haves, the title) first, then the other three", ids, secret.ID)
		}
		if contains(ids, other.ID) {
			t.Fatalf("a candidate sharing no skill or title word was ranked: %v", ids)
		}
		byID := map[string]hiring.CandidateMatch{}
		for _, m := range ms {
			byID[m.Candidate.ID] = m
		}
		if e := byID[best.ID].Explanation; !strings.Contains(e, "2 of 2 must-haves: Go, PostgreSQL") || !strings.Contains(e, "0 of 1 nice-to-haves; missing Kafka") {
			t.Fatalf("explanation %q", e)
		}
		if m := byID[half.ID]; len(m.MustMissing) != 1 || m.MustMissing[0] != "PostgreSQL" || m.Score >= byID[secret.ID].Score {
			t.Fatalf("half match %+v (top %d)", m.MatchScore, byID[secret.ID].Score)
		}
		if !strings.Contains(byID[past.ID].SilverMedal, "for Backend Engineer in") {
			t.Fatalf("silver medal %q", byID[past.ID].SilverMedal)
		}
		if sm := byID[secret.ID]; strings.Contains(sm.Explanation, "Chief Secret Officer") {
			t.Fatalf("the recruiter learns of the confidential job: %q", sm.Explanation)
		}
		if am, err := db.JobMatches(admin, job.ID, 10); err != nil {
			t.Fatal(err)
		} else {
			for _, m := range am {
				if m.Candidate.ID == secret.ID && !strings.Contains(m.Explanation, "Chief Secret Officer") {
					t.Fatalf("the admin sees the confidential stage: %q", m.Explanation)
				}
			}
		}

		// The interviewer sees only candidates with an application on their jobs.
		ims, err := db.JobMatches(storetest.As(s.Interviewer), job.ID, 10)
		ok(t, err)
		// (the seeded candidate on their job, and the past applicant, not the others)
		if iids := matchIDs(ims); len(iids) != 2 || iids[0] != past.ID || iids[1] != s.Candidate.ID {
			t.Fatalf("interviewer's matches %v, want %s then %s", iids, past.ID, s.Candidate.ID)
		}
		// Another team's interviewer cannot see the job at all.
		_, err = db.JobMatches(storetest.As(s.OtherInterviewer), job.ID, 10)
		wantCode(t, err, hiring.ENotFound)

		// Once active on the job, a candidate is no longer a match.
		_, err = db.CreateApplication(rec, hiring.NewApplication{CandidateID: best.ID, JobID: job.ID})
		ok(t, err)
		ms, err = db.JobMatches(rec, job.ID, 10)
		ok(t, err)
		if contains(matchIDs(ms), best.ID) {
			t.Fatal("an active applicant is still listed as a match")
		}

		// The reverse: open jobs for a candidate, not the ones they are active on.
		jm, err := db.CandidateMatches(rec, half.ID, 10)
		ok(t, err)
		if len(jm) == 0 || jm[0].JobID != job.ID || !strings.Contains(jm[0].Explanation, "1 of 2 must-haves: Go; missing PostgreSQL") {
			t.Fatalf("candidate matches %+v", jm)
		}
		for _, m := range jm {
			if m.JobID == s.ConfidentialJob.ID {
				t.Fatal("the recruiter is offered the confidential job")
			}
		}
		bm, err := db.CandidateMatches(rec, best.ID, 10)
		ok(t, err)
		for _, m := range bm {
			if m.JobID == job.ID {
				t.Fatal("a job the candidate is active on is offered")
			}
		}
		_, err = db.CandidateMatches(storetest.As(s.OtherInterviewer), best.ID, 10)
		wantCode(t, err, hiring.ENotFound)
	})
}
