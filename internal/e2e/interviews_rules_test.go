package e2e

import (
	"fmt"
	"time"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// freshApp is a new candidate's active application on the world's job (the
// world's own application may have been rejected or hired by earlier cells).
func freshApp(w *world) hiring.Application {
	n := w.f.n()
	c, err := w.f.app.DB.CreateCandidate(w.f.sys(), hiring.CandidateInput{FirstName: "Interviewed", LastName: fmt.Sprintf("Person%d", n),
		Emails: []string{fmt.Sprintf("interviewed%d@example.org", n)}, Source: "referral"})
	w.must(err, "create candidate")
	a, err := w.f.app.DB.CreateApplication(w.f.sys(), hiring.NewApplication{CandidateID: c.ID, JobID: w.Job().ID, Source: "referral"})
	w.must(err, "create application")
	return a
}

var freshAppID = id(func(w *world) string { return freshApp(w).ID })

// worldInterview schedules an interview on a fresh application: on the
// acting user's own job they are its interviewer (so an interviewer sees it
// there), elsewhere the other team's interviewer is.
var worldInterview = id(func(w *world) string {
	who := w.f.seed.OtherInterviewer.ID
	if w.target == ownJob && w.role != anonymous {
		who = w.f.user(w.role).ID
	}
	iv, err := w.f.app.DB.ScheduleInterview(w.f.sys(), hiring.NewInterview{ApplicationID: freshApp(w).ID, Title: "Matrix interview",
		StartsAt: time.Now().Add(72 * time.Hour), DurationMinutes: 45, InterviewerIDs: []string{who}, AllowConflicts: true})
	w.must(err, "schedule interview")
	return iv.ID
})

// submitScorecard: the world's interview has the acting user on it on their
// own job; elsewhere those who see the job are refused, the rest find nothing.
var submitScorecard expect = func(r role, tg target) outcome {
	switch {
	case tg == ownJob:
		return allow
	case seesJob(r, tg):
		return forbidden
	}
	return hidden
}

// interviewAPIRules: an interview is read by those who see its job (an
// interviewer: the interviews they are on) and changed by those who decide
// on the job; availability defaults to the caller's own.
func interviewAPIRules() map[string]rule {
	return map[string]rule{
		"POST /api/v1/applications/{id}/interviews": {perJob: true, expect: writeJob, path: freshAppID, body: func(w *world) payload {
			return js(obj{"title": "Matrix panel", "starts_at": time.Now().Add(96 * time.Hour).UTC().Format(time.RFC3339),
				"duration_minutes": 30, "interviewer_ids": []string{w.f.seed.Admin.ID}, "allow_conflicts": true})
		}},
		"GET /api/v1/interviews/{id}":            {perJob: true, expect: readJob, path: worldInterview},
		"PATCH /api/v1/interviews/{id}":          {perJob: true, expect: writeJob, path: worldInterview, body: func(*world) payload { return js(obj{"title": "Renamed"}) }},
		"DELETE /api/v1/interviews/{id}":         {perJob: true, expect: writeJob, path: worldInterview, body: noBody},
		"GET /api/v1/interviews/{id}/invite.ics": {perJob: true, expect: readJob, path: worldInterview},
		"GET /api/v1/availability":               {expect: member, path: noParams},
		// Only the people on the interview submit scorecards: on their own job the acting user is its interviewer.
		"POST /api/v1/interviews/{id}/scorecards": {perJob: true, expect: submitScorecard, path: worldInterview, body: func(*world) payload {
			return js(obj{"recommendation": "yes", "ratings": []obj{{"attribute": "Go", "rating": "strong_yes"}}, "notes": "Matrix feedback"})
		}},
		"GET /api/v1/applications/{id}/scorecards": {perJob: true, expect: readJob, path: appID},
	}
}

// ownCalendarFeed is a calendar address of the admin: the secret is the credential, for anyone.
var ownCalendarFeed = func(w *world) map[string]string {
	secret := fmt.Sprintf("matrixfeedsecret%020d", w.f.n())
	w.must(w.f.app.DB.ResetCalendarFeed(storetest.As(w.f.seed.Admin), auth.HashToken(secret)), "calendar feed")
	return map[string]string{"file": secret + ".ics"}
}

// worldBooking makes a self-scheduling link on a fresh application,
// offering one time of its own (so cells never collide), booked when asked.
func worldBooking(booked bool) func(w *world) map[string]string {
	return func(w *world) map[string]string {
		n := w.f.n()
		secret := fmt.Sprintf("matrixbookingsecret%020d", n)
		at := bookingTime(n)
		w.bookingAt = at
		_, err := w.f.app.DB.CreateBookingLink(storetest.As(w.f.seed.Admin), hiring.NewBookingLink{ApplicationID: freshApp(w).ID, Title: "Matrix booking",
			DurationMinutes: 30, InterviewerIDs: []string{w.f.seed.OtherInterviewer.ID}, Slots: []time.Time{at}, ExpiresIn: 48 * time.Hour,
			Reschedules: 1, TokenHash: auth.HashToken(secret)})
		w.must(err, "booking link")
		if booked {
			_, err = w.f.app.DB.BookSlot(w.f.sys(), auth.HashToken(secret), at)
			w.must(err, "book")
		}
		return map[string]string{"token": secret}
	}
}

// bookingTime is the n-th cell's own offered time.
func bookingTime(n int64) time.Time {
	return time.Now().Add(400 * time.Hour).UTC().Truncate(time.Hour).Add(time.Duration(n) * time.Hour)
}

// interviewWebRules: the UI of the same (schedulers schedule; an
// interviewer reads the interviews they are on).
func interviewWebRules() map[string]rule {
	when := time.Now().Add(120 * time.Hour).UTC().Format("2006-01-02T15:04")
	return map[string]rule{
		"GET /interviews":                 {expect: member, path: noParams},
		"GET /interviews/{id}":            {perJob: true, expect: readJob, path: worldInterview},
		"GET /interviews/{id}/invite.ics": {perJob: true, expect: readJob, path: worldInterview},
		"POST /interviews/{id}/cancel":    {perJob: true, expect: writeJob, path: worldInterview, body: noBody},
		"POST /interviews/{id}/scorecard": {perJob: true, expect: submitScorecard, path: worldInterview, body: func(*world) payload {
			return form("recommendation", "yes", "attribute_0", "Go", "rating_0", "strong_yes", "notes", "Matrix feedback")
		}},
		"GET /applications/{id}/debrief":  {perJob: true, expect: readJob, path: appID},
		"GET /applications/{id}/schedule": {perJob: true, expect: writeJob, path: appID},
		"POST /account/calendar":          {expect: member, path: noParams, body: func(*world) payload { return form("working_hours", "mon-fri 08:00-16:00") }},
		"POST /account/calendar/feed":     {expect: member, path: noParams, body: noBody},
		"GET /calendar/{file}":            {public: true, expect: always(allow), path: ownCalendarFeed},
		// Self-scheduling: schedulers offer times; the link's secret is the candidate's credential, for anyone.
		"POST /applications/{id}/booking-links": {perJob: true, expect: writeJob, path: freshAppID, body: func(w *world) payload {
			return form("interviewer_ids", w.f.seed.Admin.ID, "duration_minutes", "30", "title", "Matrix offer", "offer",
				bookingTime(w.f.n()).Add(-200*time.Hour).Format(time.RFC3339), "expires_in_days", "7", "reschedules", "1", "send", "0")
		}},
		"GET /book/{token}": {public: true, expect: always(allow), path: worldBooking(false)},
		"POST /book/{token}": {public: true, expect: always(allow), path: worldBooking(false), body: func(w *world) payload {
			return form("slot", w.bookingAt.Format(time.RFC3339), "tz", "Europe/Berlin")
		}},
		"POST /book/{token}/cancel": {public: true, expect: always(allow), path: worldBooking(true), body: noBody},
		"POST /interviews/{id}/reschedule": {perJob: true, expect: writeJob, path: worldInterview, body: func(*world) payload {
			return form("starts_at_local", when, "duration_minutes", "30", "title", "Moved", "allow_conflicts", "1")
		}},
		"POST /applications/{id}/interviews": {perJob: true, expect: writeJob, path: freshAppID, body: func(w *world) payload {
			return form("interviewer_ids", w.f.seed.Admin.ID, "starts_at_local", when, "duration_minutes", "30", "title", "Matrix", "allow_conflicts", "1")
		}},
	}
}
