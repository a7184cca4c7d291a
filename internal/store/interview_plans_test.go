package store_test

import (
	"slices"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

func planInput(s *storetest.Seeded) hiring.InterviewTemplateInput {
	return hiring.InterviewTemplateInput{StageID: s.Stages[2].ID, Name: " Systems design ", DurationMinutes: 60, LocationKind: hiring.LocationOnSite,
		Room: "Room 4", RequiredIDs: []string{s.Manager.ID}, PoolIDs: []string{s.Interviewer.ID, s.Recruiter.ID}, PoolPick: 1,
		Kit: hiring.InterviewKit{Attributes: []string{"Architecture", " Communication ", ""}, Questions: []string{"Design a URL shortener."},
			Guidance: "Look for trade-offs."}}
}

func TestInterviewPlanTemplates(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		mg := storetest.As(s.Manager)
		tpl, err := db.CreateInterviewTemplate(mg, s.Job.ID, planInput(s))
		ok(t, err)
		if tpl.Name != "Systems design" || tpl.StageID != s.Stages[2].ID || tpl.Position != 1 || tpl.Version != 1 || tpl.PoolPick != 1 ||
			len(tpl.Required) != 1 || tpl.Required[0].UserID != s.Manager.ID || len(tpl.Pool) != 2 ||
			!slices.Equal(tpl.Kit.Attributes, []string{"Architecture", "Communication"}) || tpl.Kit.Guidance != "Look for trade-offs." {
			t.Fatalf("created %+v", tpl)
		}
		// Hiring managers read colleagues by name only.
		for _, p := range append(tpl.Required, tpl.Pool...) {
			if p.Email != "" && p.UserID != s.Manager.ID {
				t.Fatalf("a hiring manager read %s's email", p.Name)
			}
		}
		second := planInput(s)
		second.Name, second.RequiredIDs, second.PoolIDs, second.PoolPick = "Culture", []string{s.Interviewer.ID}, nil, 0
		tpl2, err := db.CreateInterviewTemplate(storetest.As(s.Recruiter), s.Job.ID, second)
		ok(t, err)
		if tpl2.Position != 2 {
			t.Fatalf("second position %d", tpl2.Position)
		}
		if countActivity(t, db, "interview_plan.added") != 2 {
			t.Fatal("no activity for the plan's additions")
		}

		// Who reads and who changes the plan.
		for name, u := range s.Users() {
			plan, err := db.InterviewPlan(storetest.As(u), s.Job.ID) // read before anyone adds more
			switch name {
			case "admin", "recruiter", "manager", "interviewer":
				ok(t, err)
				if len(plan) != 2 || plan[0].ID != tpl.ID {
					t.Fatalf("%s reads plan %+v", name, plan)
				}
			default:
				wantCode(t, err, hiring.ENotFound)
			}
		}
		for name, u := range s.Users() {
			_, err = db.CreateInterviewTemplate(storetest.As(u), s.Job.ID, planInput(s))
			switch name {
			case "admin", "recruiter", "manager":
				ok(t, err)
			case "interviewer":
				wantCode(t, err, hiring.EForbidden)
			default:
				wantCode(t, err, hiring.ENotFound)
			}
		}

		// Bad input: clear fields.
		bad := planInput(s)
		bad.PoolPick = 3
		_, err = db.CreateInterviewTemplate(mg, s.Job.ID, bad)
		wantField(t, err, hiring.EInvalid, "pool_pick")
		bad = planInput(s)
		bad.PoolIDs = []string{s.Manager.ID}
		_, err = db.CreateInterviewTemplate(mg, s.Job.ID, bad)
		wantField(t, err, hiring.EInvalid, "pool_ids")
		bad = planInput(s)
		bad.StageID = s.Stages[0].ID + "x"
		_, err = db.CreateInterviewTemplate(mg, s.Job.ID, bad)
		wantField(t, err, hiring.EInvalid, "stage_id")
		bad = planInput(s)
		bad.DurationMinutes = 24 * 60
		bad.LocationKind = "moon"
		bad.Kit.Attributes = []string{"Go", "go"}
		_, err = db.CreateInterviewTemplate(mg, s.Job.ID, bad)
		wantField(t, err, hiring.EInvalid, "duration_minutes")
		wantField(t, err, hiring.EInvalid, "location_kind")
		wantField(t, err, hiring.EInvalid, "kit.attributes.1")
		bad = planInput(s)
		bad.RequiredIDs = []string{"nobody"}
		_, err = db.CreateInterviewTemplate(mg, s.Job.ID, bad)
		wantField(t, err, hiring.EInvalid, "required_ids")
		otherStages, err := db.Stages(storetest.System(), s.OtherJob.ID)
		ok(t, err)
		bad = planInput(s)
		bad.StageID = otherStages[0].ID
		_, err = db.CreateInterviewTemplate(mg, s.Job.ID, bad)
		wantField(t, err, hiring.EInvalid, "stage_id")

		// Replace: a stale version is refused; moving stage puts it last there.
		up := planInput(s)
		up.StageID, up.Name, up.Version = s.Stages[1].ID, "Design deep dive", tpl.Version
		got, err := db.UpdateInterviewTemplate(mg, tpl.ID, up)
		ok(t, err)
		if got.Name != "Design deep dive" || got.StageID != s.Stages[1].ID || got.Version != 2 {
			t.Fatalf("updated %+v", got)
		}
		_, err = db.UpdateInterviewTemplate(mg, tpl.ID, up)
		wantCode(t, err, hiring.EPrecondition)
		_, err = db.UpdateInterviewTemplate(storetest.As(s.Interviewer), tpl.ID, hiring.InterviewTemplateInput{})
		wantCode(t, err, hiring.EForbidden)
		_, err = db.InterviewTemplate(storetest.As(s.OtherManager), tpl.ID)
		wantCode(t, err, hiring.ENotFound)
		ok(t, db.DeleteInterviewTemplate(mg, tpl2.ID))
		_, err = db.InterviewTemplate(mg, tpl2.ID)
		wantCode(t, err, hiring.ENotFound)
	})
}

func TestInterviewFromTemplateKitAndScorecard(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		rc := storetest.As(s.Recruiter)
		tpl, err := db.CreateInterviewTemplate(rc, s.Job.ID, planInput(s))
		ok(t, err)
		// The other job's interviewer is on this interview though not on the job's team.
		in := hiring.NewInterview{ApplicationID: s.App.ID, Title: tpl.Name, StartsAt: time.Now().Add(-2 * time.Hour), DurationMinutes: 60,
			InterviewerIDs: []string{s.OtherInterviewer.ID, s.Interviewer.ID}, TemplateID: tpl.ID}
		iv, err := db.ScheduleInterview(rc, in)
		ok(t, err)
		if iv.TemplateID != tpl.ID {
			t.Fatalf("template id %q", iv.TemplateID)
		}
		// A template of another job is refused.
		otherStages, err := db.Stages(storetest.System(), s.OtherJob.ID)
		ok(t, err)
		oin := planInput(s)
		oin.StageID, oin.RequiredIDs, oin.PoolIDs, oin.PoolPick = otherStages[1].ID, nil, nil, 0
		other, err := db.CreateInterviewTemplate(storetest.As(s.Admin), s.OtherJob.ID, oin)
		ok(t, err)
		in.TemplateID = other.ID
		_, err = db.ScheduleInterview(rc, in)
		wantField(t, err, hiring.EInvalid, "template_id")

		// The kit: those who see the interview, the outside interviewer included.
		kit, err := db.InterviewKitOf(storetest.As(s.OtherInterviewer), iv.ID)
		ok(t, err)
		if kit.ID != tpl.ID || kit.Kit.Questions[0] != "Design a URL shortener." {
			t.Fatalf("kit %+v", kit)
		}
		_, err = db.InterviewKitOf(storetest.As(s.OtherManager), iv.ID)
		wantCode(t, err, hiring.ENotFound)

		// The scorecard rates the template's attributes only, in its spelling.
		oi := storetest.As(s.OtherInterviewer)
		_, _, err = db.SubmitScorecard(oi, iv.ID, hiring.ScorecardInput{Recommendation: hiring.Yes,
			Ratings: []hiring.AttributeRating{{Attribute: "Typing speed", Rating: hiring.Yes}}})
		wantField(t, err, hiring.EInvalid, "ratings.0.attribute")
		sc, _, err := db.SubmitScorecard(oi, iv.ID, hiring.ScorecardInput{Recommendation: hiring.Yes,
			Ratings: []hiring.AttributeRating{{Attribute: "architecture", Rating: hiring.StrongYes}}})
		ok(t, err)
		if sc.Ratings[0].Attribute != "Architecture" {
			t.Fatalf("rated %+v", sc.Ratings)
		}

		// Removing the template leaves the interview without a kit, and free ratings.
		ok(t, db.DeleteInterviewTemplate(rc, tpl.ID))
		got, err := db.Interview(rc, iv.ID)
		ok(t, err)
		if got.TemplateID != "" {
			t.Fatalf("template id after removal %q", got.TemplateID)
		}
		_, err = db.InterviewKitOf(rc, iv.ID)
		wantCode(t, err, hiring.ENotFound)
		_, _, err = db.SubmitScorecard(oi, iv.ID, hiring.ScorecardInput{Recommendation: hiring.No,
			Ratings: []hiring.AttributeRating{{Attribute: "Typing speed", Rating: hiring.Yes}}})
		ok(t, err)
	})
}

func TestInterviewLibrary(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		rc := storetest.As(s.Recruiter)
		k, err := db.SaveLibraryKit(rc, "", hiring.LibraryKitInput{Name: "Backend technical", Kit: hiring.InterviewKit{
			Attributes: []string{"Go", "SQL"}, Questions: []string{"Explain an index.", " "}, Guidance: "Be kind."}})
		ok(t, err)
		if k.ID == "" || len(k.Kit.Questions) != 1 {
			t.Fatalf("kit %+v", k)
		}
		k2, err := db.SaveLibraryKit(storetest.As(s.Admin), k.ID, hiring.LibraryKitInput{Name: "Backend technical v2", Kit: k.Kit})
		ok(t, err)
		if k2.Name != "Backend technical v2" {
			t.Fatalf("renamed %+v", k2)
		}
		_, err = db.SaveLibraryKit(rc, "missing", hiring.LibraryKitInput{Name: "X"})
		wantCode(t, err, hiring.ENotFound)
		_, err = db.SaveLibraryKit(rc, "", hiring.LibraryKitInput{Name: ""})
		wantField(t, err, hiring.EInvalid, "name")
		for _, u := range []hiring.User{s.Manager, s.Interviewer} {
			_, err = db.SaveLibraryKit(storetest.As(u), "", hiring.LibraryKitInput{Name: "Mine"})
			wantCode(t, err, hiring.EForbidden)
			list, err := db.LibraryKits(storetest.As(u))
			ok(t, err)
			if len(list) != 1 {
				t.Fatalf("%s reads %d kits", u.Name, len(list))
			}
			_, err = db.SaveLibraryAttribute(storetest.As(u), hiring.LibraryAttribute{Name: "Grit"})
			wantCode(t, err, hiring.EForbidden)
			wantCode(t, db.DeleteLibraryKit(storetest.As(u), k.ID), hiring.EForbidden)
		}
		a, err := db.SaveLibraryAttribute(rc, hiring.LibraryAttribute{Name: "Ownership", Description: "Finishes what they start."})
		ok(t, err)
		_, err = db.SaveLibraryAttribute(rc, hiring.LibraryAttribute{Name: "ownership"})
		wantField(t, err, hiring.EConflict, "name")
		a.Name = "OWNERSHIP" // a change of case is the same attribute
		_, err = db.SaveLibraryAttribute(rc, a)
		ok(t, err)
		attrs, err := db.LibraryAttributes(storetest.As(s.Interviewer))
		ok(t, err)
		if len(attrs) != 1 || attrs[0].Name != "OWNERSHIP" || attrs[0].Description != "Finishes what they start." {
			t.Fatalf("attributes %+v", attrs)
		}
		ok(t, db.DeleteLibraryAttribute(rc, a.ID))
		wantCode(t, db.DeleteLibraryAttribute(rc, a.ID), hiring.ENotFound)
		ok(t, db.DeleteLibraryKit(rc, k.ID))
		_, err = db.LibraryKit(rc, k.ID)
		wantCode(t, err, hiring.ENotFound)
	})
}

func TestScheduleLoopAllOrNone(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		rc := storetest.As(s.Recruiter)
		start := time.Date(2031, 5, 5, 9, 0, 0, 0, time.UTC)
		one := hiring.NewInterview{ApplicationID: s.App.ID, Title: "Coding", StartsAt: start, DurationMinutes: 60, InterviewerIDs: []string{s.Interviewer.ID}}
		two := hiring.NewInterview{ApplicationID: s.App.ID, Title: "Design", StartsAt: start.Add(75 * time.Minute), DurationMinutes: 45,
			InterviewerIDs: []string{s.Manager.ID}}
		// The second session clashes with the manager's other interview: nothing is booked.
		_, err := db.ScheduleInterview(rc, hiring.NewInterview{ApplicationID: s.App.ID, Title: "Busy", StartsAt: start.Add(90 * time.Minute),
			DurationMinutes: 30, InterviewerIDs: []string{s.Manager.ID}})
		ok(t, err)
		_, err = db.ScheduleLoop(rc, []hiring.NewInterview{one, two})
		wantField(t, err, hiring.EConflict, "sessions.1.interviewer_ids")
		list, err := db.ListInterviews(rc, hiring.InterviewFilter{ApplicationID: s.App.ID})
		ok(t, err)
		if len(list) != 1 {
			t.Fatalf("a refused loop left %d interviews", len(list))
		}
		bad := two
		bad.DurationMinutes = 0
		_, err = db.ScheduleLoop(rc, []hiring.NewInterview{one, bad})
		wantField(t, err, hiring.EInvalid, "sessions.1.duration_minutes")
		other := two
		other.ApplicationID = s.OtherApp.ID
		_, err = db.ScheduleLoop(rc, []hiring.NewInterview{one, other})
		wantField(t, err, hiring.EInvalid, "sessions")
		_, err = db.ScheduleLoop(storetest.As(s.Interviewer), []hiring.NewInterview{one})
		wantCode(t, err, hiring.EForbidden)
		two.StartsAt = start.Add(3 * time.Hour)
		ivs, err := db.ScheduleLoop(rc, []hiring.NewInterview{one, two})
		ok(t, err)
		if len(ivs) != 2 || ivs[0].Title != "Coding" || ivs[1].Title != "Design" {
			t.Fatalf("loop %+v", ivs)
		}
	})
}
