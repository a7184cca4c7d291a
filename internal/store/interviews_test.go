package store_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

func TestInterviewScheduleConflictsAndSequence(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		rc := storetest.As(s.Recruiter)
		start := time.Date(2031, 3, 30, 9, 0, 0, 0, time.FixedZone("CEST", 2*3600))
		in := hiring.NewInterview{ApplicationID: s.App.ID, Title: "Technical", StartsAt: start, DurationMinutes: 60,
			InterviewerIDs: []string{s.Interviewer.ID, s.Manager.ID}, Location: "Room 4", Video: hiring.VideoJitsi}
		iv, err := db.ScheduleInterview(rc, in)
		ok(t, err)
		if !iv.StartsAt.Equal(start) || iv.DurationMinutes != 60 || iv.Sequence != 0 || iv.Status != hiring.InterviewScheduled ||
			len(iv.Interviewers) != 2 || iv.CandidateID != s.Candidate.ID || iv.JobID != s.Job.ID || iv.OrganizerID != s.Recruiter.ID {
			t.Fatalf("scheduled %+v", iv)
		}
		if !strings.HasPrefix(iv.VideoURL, store.JitsiBase+"Candor-") || len(iv.VideoURL) < len(store.JitsiBase)+30 {
			t.Fatalf("video %q", iv.VideoURL)
		}
		// The same interviewer half an hour later: refused with the conflict, unless allowed.
		in2 := in
		in2.StartsAt = start.Add(30 * time.Minute)
		in2.InterviewerIDs = []string{s.Interviewer.ID}
		_, err = db.ScheduleInterview(rc, in2)
		wantCode(t, err, hiring.EConflict)
		var ce *hiring.ConflictsError
		if !errors.As(err, &ce) || len(ce.Conflicts) != 1 || ce.Conflicts[0].UserID != s.Interviewer.ID || !ce.Conflicts[0].StartsAt.Equal(start) {
			t.Fatalf("conflicts %+v", err)
		}
		in2.AllowConflicts = true
		iv2, err := db.ScheduleInterview(rc, in2)
		ok(t, err)
		// Back to back is no conflict.
		in3 := in
		in3.StartsAt = start.Add(time.Hour)
		_, err = db.ScheduleInterview(rc, in3)
		wantCode(t, err, hiring.EConflict) // iv2 runs to 10:30
		in3.StartsAt = start.Add(90 * time.Minute)
		_, err = db.ScheduleInterview(rc, in3)
		ok(t, err)

		// Reschedule: SEQUENCE rises; a clash is refused; a stale version too.
		later := start.Add(24 * time.Hour)
		up, err := db.UpdateInterview(rc, iv.ID, hiring.InterviewUpdate{StartsAt: &later, Version: iv.Version})
		ok(t, err)
		if up.Sequence != 1 || !up.StartsAt.Equal(later) || up.Version != iv.Version+1 {
			t.Fatalf("rescheduled %+v", up)
		}
		_, err = db.UpdateInterview(rc, iv.ID, hiring.InterviewUpdate{StartsAt: &later, Version: iv.Version})
		wantCode(t, err, hiring.EPrecondition)
		clash := iv2.StartsAt
		_, err = db.UpdateInterview(rc, iv.ID, hiring.InterviewUpdate{StartsAt: &clash})
		wantCode(t, err, hiring.EConflict)
		same := up.Title
		noop, err := db.UpdateInterview(rc, iv.ID, hiring.InterviewUpdate{Title: &same})
		ok(t, err)
		if noop.Sequence != 1 {
			t.Fatalf("a no-op raised SEQUENCE: %d", noop.Sequence)
		}
		only := []string{s.Manager.ID}
		up, err = db.UpdateInterview(rc, iv.ID, hiring.InterviewUpdate{InterviewerIDs: &only})
		ok(t, err)
		if up.Sequence != 2 || len(up.Interviewers) != 1 || up.Interviewers[0].UserID != s.Manager.ID {
			t.Fatalf("people changed %+v", up)
		}
		// Cancel: SEQUENCE rises once; again changes nothing; no more edits.
		c, err := db.CancelInterview(rc, iv.ID)
		ok(t, err)
		if c.Status != hiring.InterviewCancelled || c.Sequence != 3 || c.CancelledAt == nil {
			t.Fatalf("cancelled %+v", c)
		}
		c, err = db.CancelInterview(rc, iv.ID)
		ok(t, err)
		if c.Sequence != 3 {
			t.Fatalf("second cancel raised SEQUENCE: %d", c.Sequence)
		}
		_, err = db.UpdateInterview(rc, iv.ID, hiring.InterviewUpdate{StartsAt: &later})
		wantCode(t, err, hiring.EConflict)
		// A cancelled interview frees the time.
		in4 := in
		in4.StartsAt = later
		_, err = db.ScheduleInterview(rc, in4)
		ok(t, err)

		for _, action := range []string{"interview.scheduled", "interview.updated", "interview.cancelled"} {
			if countActivity(t, db, action) == 0 {
				t.Errorf("no %s activity", action)
			}
		}
	})
}

func TestInterviewValidation(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		rc := storetest.As(s.Recruiter)
		start := time.Date(2031, 3, 30, 9, 0, 0, 0, time.UTC)
		good := hiring.NewInterview{ApplicationID: s.App.ID, Title: "Chat", StartsAt: start, DurationMinutes: 30, InterviewerIDs: []string{s.Interviewer.ID}}
		cases := []struct {
			field string
			edit  func(*hiring.NewInterview)
		}{
			{"duration_minutes", func(n *hiring.NewInterview) { n.DurationMinutes = 0 }},
			{"duration_minutes", func(n *hiring.NewInterview) { n.DurationMinutes = 24 * 60 }},
			{"starts_at", func(n *hiring.NewInterview) { n.StartsAt = time.Time{} }},
			{"starts_at", func(n *hiring.NewInterview) { n.StartsAt = time.Date(99999, 1, 1, 0, 0, 0, 0, time.UTC) }},
			{"title", func(n *hiring.NewInterview) { n.Title = " " }},
			{"title", func(n *hiring.NewInterview) { n.Title = "a\x00b" }},
			{"interviewer_ids", func(n *hiring.NewInterview) { n.InterviewerIDs = nil }},
			{"interviewer_ids", func(n *hiring.NewInterview) { n.InterviewerIDs = []string{s.Interviewer.ID, s.Interviewer.ID} }},
			{"interviewer_ids", func(n *hiring.NewInterview) { n.InterviewerIDs = []string{"nobody"} }},
			{"video", func(n *hiring.NewInterview) { n.Video = "zoom" }},
			{"video", func(n *hiring.NewInterview) { n.Video = hiring.VideoPersonal }}, // no personal link set
			{"video_url", func(n *hiring.NewInterview) { n.VideoURL = "javascript:alert(1)" }},
		}
		for _, c := range cases {
			in := good
			in.InterviewerIDs = append([]string(nil), good.InterviewerIDs...)
			c.edit(&in)
			_, err := db.ScheduleInterview(rc, in)
			wantField(t, err, hiring.EInvalid, c.field)
		}
		ok(t, db.SetCalendarSettings(rc, "mon-fri 08:00-16:00", "https://zoom.example/j/123"))
		in := good
		in.Video = hiring.VideoPersonal
		iv, err := db.ScheduleInterview(rc, in)
		ok(t, err)
		if iv.VideoURL != "https://zoom.example/j/123" {
			t.Fatalf("personal link %q", iv.VideoURL)
		}
		wantField(t, db.SetCalendarSettings(rc, "mon 17:00-09:00", ""), hiring.EInvalid, "working_hours")
		wantField(t, db.SetCalendarSettings(rc, "", "http://insecure.example"), hiring.EInvalid, "meeting_link")
		// Not on an active application.
		_, err = db.RejectApplication(rc, s.App.ID, s.App.Version, "", "not a fit")
		ok(t, err)
		_, err = db.ScheduleInterview(rc, good)
		wantCode(t, err, hiring.EConflict)
	})
}

// Who schedules and who sees: schedulers are admins, recruiters and the
// job's team hiring managers; interviewers see only the interviews they are
// on; others' interviews are not found.
func TestInterviewAccess(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		start := time.Date(2031, 4, 1, 9, 0, 0, 0, time.UTC)
		mk := func(u hiring.User, app hiring.Application, who ...string) (hiring.Interview, error) {
			return db.ScheduleInterview(storetest.As(u), hiring.NewInterview{ApplicationID: app.ID, Title: "Panel", StartsAt: start,
				DurationMinutes: 45, InterviewerIDs: who, AllowConflicts: true})
		}
		onIt, err := mk(s.Manager, s.App, s.Interviewer.ID)
		ok(t, err)
		notOnIt, err := mk(s.Recruiter, s.App, s.Manager.ID)
		ok(t, err)
		_, err = mk(s.Interviewer, s.App, s.Interviewer.ID)
		wantCode(t, err, hiring.EForbidden)
		_, err = mk(s.OtherManager, s.App, s.OtherManager.ID)
		wantCode(t, err, hiring.ENotFound)
		_, err = mk(s.Recruiter, s.ConfidentialApp, s.Manager.ID)
		wantCode(t, err, hiring.ENotFound)
		conf, err := mk(s.Manager, s.ConfidentialApp, s.Manager.ID)
		ok(t, err)

		sees := map[string][]string{
			"admin":             {onIt.ID, notOnIt.ID, conf.ID},
			"recruiter":         {onIt.ID, notOnIt.ID},
			"manager":           {onIt.ID, notOnIt.ID, conf.ID},
			"interviewer":       {onIt.ID},
			"other_manager":     {},
			"other_interviewer": {},
		}
		for name, u := range s.Users() {
			ctx := storetest.As(u)
			list, err := db.ListInterviews(ctx, hiring.InterviewFilter{})
			ok(t, err)
			var got []string
			for _, x := range list {
				got = append(got, x.ID)
			}
			want := sees[name]
			if strings.Join(slices.Sorted(slices.Values(got)), ",") != strings.Join(slices.Sorted(slices.Values(want)), ",") {
				t.Errorf("%s lists %v, want %v", name, got, want)
			}
			for _, id := range []string{onIt.ID, notOnIt.ID, conf.ID} {
				_, err := db.Interview(ctx, id)
				if slices.Contains(want, id) {
					ok(t, err)
				} else {
					wantCode(t, err, hiring.ENotFound)
				}
			}
		}
		// The interviewer on it may not change or cancel it.
		_, err = db.CancelInterview(storetest.As(s.Interviewer), onIt.ID)
		wantCode(t, err, hiring.EForbidden)
		// Emails of colleagues only for directory readers.
		x, err := db.Interview(storetest.As(s.Manager), notOnIt.ID)
		ok(t, err)
		if x.Interviewers[0].Email == "" { // the manager's own
			t.Fatal("own email hidden")
		}
		x, err = db.Interview(storetest.As(s.Interviewer), onIt.ID)
		ok(t, err)
		if x.Interviewers[0].Email == "" {
			t.Fatal("own email hidden")
		}
		// Availability: schedulers for anyone active, interviewers for themselves.
		av, err := db.Availability(storetest.As(s.Recruiter), []string{s.Interviewer.ID, s.Manager.ID}, start.Add(-time.Hour), start.Add(24*time.Hour))
		ok(t, err)
		if len(av) != 2 || len(av[0].Busy) != 1 || av[0].Interviews != 1 || len(av[1].Busy) != 2 {
			t.Fatalf("availability %+v", av)
		}
		_, err = db.Availability(storetest.As(s.Interviewer), []string{s.Manager.ID}, start, start.Add(time.Hour))
		wantCode(t, err, hiring.EForbidden)
		_, err = db.Availability(storetest.As(s.Interviewer), []string{s.Interviewer.ID}, start, start.Add(time.Hour))
		ok(t, err)
		_, err = db.Availability(storetest.As(s.Recruiter), []string{s.Manager.ID}, start, start.Add(-time.Hour))
		wantField(t, err, hiring.EInvalid, "to")
		_, err = db.Availability(storetest.As(s.Recruiter), []string{s.Manager.ID}, start, start.AddDate(0, 3, 0))
		wantField(t, err, hiring.EInvalid, "to")
		_, err = db.Availability(storetest.As(s.Recruiter), []string{"nobody"}, start, start.Add(time.Hour))
		wantField(t, err, hiring.EInvalid, "user_ids")
	})
}

func TestCalendarFeed(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		hash := strings.Repeat("ab", 32)
		ok(t, db.ResetCalendarFeed(storetest.As(s.Interviewer), hash))
		set, err := db.CalendarSettings(storetest.As(s.Interviewer))
		ok(t, err)
		if !set.HasFeed {
			t.Fatal("no feed")
		}
		_, err = db.ScheduleInterview(storetest.As(s.Recruiter), hiring.NewInterview{ApplicationID: s.App.ID, Title: "Chat",
			StartsAt: time.Now().Add(48 * time.Hour), DurationMinutes: 30, InterviewerIDs: []string{s.Interviewer.ID}})
		ok(t, err)
		u, list, err := db.CalendarFeed(t.Context(), hash)
		ok(t, err)
		if u.ID != s.Interviewer.ID || len(list) != 1 {
			t.Fatalf("feed %v %v", u, list)
		}
		_, _, err = db.CalendarFeed(t.Context(), strings.Repeat("cd", 32))
		wantCode(t, err, hiring.ENotFound)
		// A new secret retires the old address.
		ok(t, db.ResetCalendarFeed(storetest.As(s.Interviewer), strings.Repeat("ef", 32)))
		_, _, err = db.CalendarFeed(t.Context(), hash)
		wantCode(t, err, hiring.ENotFound)
	})
}
