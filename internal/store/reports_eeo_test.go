package store_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/report"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

func withEEO(u hiring.User) context.Context {
	return hiring.WithActor(context.Background(), hiring.Actor{UserID: u.ID, Name: u.Name, Role: u.Role, EEOAccess: true})
}

// The adverse-impact figures: applicants who answered the self-identification
// through the careers form, moved on in different shares per group; the
// store's counts per answer and step equal what the test did, declined
// answers are no group, the permission decides (admins without it get 403),
// a hiring manager counts only their jobs, and the report suppresses the
// group under five and flags the ratio under four-fifths.
func TestReportAdverseImpact(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		sys := storetest.System()
		plan := []struct {
			race, sex  string
			n, screens int // applications, of which moved to the screen
			hires      int // of those, hired
		}{
			{"white", "male", 6, 5, 2}, {"white", "female", 4, 3, 0},
			{"black", "female", 7, 3, 1}, {"black", "male", 3, 1, 0},
			{"asian", "female", 3, 3, 0},
			{hiring.EEODecline, hiring.EEODecline, 4, 2, 0},
			{"", "male", 2, 0, 0}, // race left blank: declined
		}
		type want struct{ considered, selected int }
		exp := map[string]want{} // question/answer/step
		add := func(q, a, step string, c, sel int) {
			if a == "" || a == hiring.EEODecline {
				return
			}
			w := exp[q+"/"+a+"/"+step]
			w.considered += c
			w.selected += sel
			exp[q+"/"+a+"/"+step] = w
		}
		stages := s.Stages
		var screen hiring.Stage
		for _, st := range stages {
			if st.Kind == hiring.StageScreen {
				screen = st
				break
			}
		}
		if _, err := db.PublishJob(storetest.As(s.Admin), s.Job.ID); err != nil {
			t.Fatal(err)
		}
		k := 0
		for _, p := range plan {
			for i := 0; i < p.n; i++ {
				k++
				res, err := db.SubmitApplication(sys, hiring.Submission{Token: fmt.Sprint("tok-", k), JobID: s.Job.ID, FirstName: "Eeo",
					LastName: fmt.Sprint(k), Email: fmt.Sprintf("eeo%d@example.org", k), Source: "Careers site",
					EEO: &hiring.EEOAnswers{Race: p.race, Sex: p.sex, Veteran: hiring.EEODecline, Disability: "no"}})
				if err != nil {
					t.Fatal(err)
				}
				moved, hired := i < p.screens, i < p.hires
				if moved {
					if _, err := db.MoveApplication(storetest.As(s.Admin), res.ApplicationID, 0, screen.ID); err != nil {
						t.Fatal(err)
					}
				}
				if hired {
					if _, err := db.HireApplication(storetest.As(s.Admin), res.ApplicationID, 0); err != nil {
						t.Fatal(err)
					}
				}
				for _, q := range []struct{ q, a string }{{"race", p.race}, {"sex", p.sex}} {
					add(q.q, q.a, string(stages[0].Kind), 1, b2i(moved))
					add(q.q, q.a, hiring.EEOStepOverall, 1, b2i(hired))
					if moved {
						add(q.q, q.a, string(hiring.StageScreen), 1, b2i(hired))
					}
				}
			}
		}
		f := hiring.ReportFilter{From: time.Now().Add(-time.Hour), To: time.Now().Add(time.Hour)}
		got := func(ctx context.Context) (map[string]want, error) {
			cs, err := db.ReportAdverseImpact(ctx, f)
			m := map[string]want{}
			for _, c := range cs {
				if c.Step == string(hiring.StageHired) {
					continue // reached the hired stage: not a step of the report
				}
				m[c.Question+"/"+c.Answer+"/"+c.Step] = want{c.Considered, c.Selected}
			}
			return m, err
		}
		for _, u := range []hiring.User{s.Admin, s.Recruiter, s.Manager, s.Interviewer} {
			if _, err := got(storetest.As(u)); hiring.ErrorCode(err) != hiring.EForbidden {
				t.Errorf("%s without the EEO permission: %v, want forbidden", u.Name, err)
			}
			if _, err := report.RunAdverseImpact(storetest.As(u), db, f); hiring.ErrorCode(err) != hiring.EForbidden {
				t.Errorf("%s without the EEO permission, report: %v", u.Name, err)
			}
		}
		for _, u := range []hiring.User{s.Admin, s.Recruiter, s.Manager} {
			g, err := got(withEEO(u))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(g, exp) {
				t.Errorf("%s with the EEO permission:\n got %v\nwant %v", u.Name, g, exp)
			}
		}
		// OtherManager is not on the job's team: nothing to count.
		if g, err := got(withEEO(s.OtherManager)); err != nil || len(g) != 0 {
			t.Errorf("a hiring manager of other jobs counts %v (%v)", g, err)
		}
		// Filters narrow: another source, nothing.
		f2 := f
		f2.Source = "LinkedIn"
		if cs, err := db.ReportAdverseImpact(withEEO(s.Admin), f2); err != nil || len(cs) != 0 {
			t.Errorf("source filter: %v %v", cs, err)
		}

		res, err := report.RunAdverseImpact(withEEO(s.Admin), db, f)
		if err != nil {
			t.Fatal(err)
		}
		race := res.Sections[0]
		rows := map[string][]report.Value{}
		for _, r := range race.Rows {
			rows[r.Key] = r.Values
		}
		applied := string(stages[0].Kind)
		w, b := rows[applied+"/white"], rows[applied+"/black"]
		if w == nil || b == nil {
			t.Fatalf("race rows: %v", race.Rows)
		}
		// White: 10 considered, 8 moved on (80%), the highest; Black: 10, 4 (40%): ratio 0.5, flagged.
		if w[2].Num != 10 || w[3].Num != 8 || w[5].Num != 1 || w[6].Text != "" ||
			b[2].Num != 10 || b[3].Num != 4 || b[5].Num != 0.5 || b[6].Text != "Yes" {
			t.Errorf("white %v, black %v", w, b)
		}
		for key := range rows {
			if strings.Contains(key, "asian") || strings.Contains(key, hiring.EEODecline) {
				t.Errorf("a group under five or the declined answers shown: %s", key)
			}
		}
		if !strings.Contains(race.Note, "not shown") {
			t.Errorf("no note of the suppressed group: %q", race.Note)
		}
	})
}
