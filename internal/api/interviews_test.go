package api_test

import (
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/candor-ats/candor/internal/hiring"
)

func parseICS(t *testing.T, body []byte) (method string, ev *ics.VEvent) {
	t.Helper()
	cal, err := ics.ParseCalendar(strings.NewReader(string(body)))
	if err != nil {
		t.Fatalf("invite does not parse: %v\n%s", err, body)
	}
	for _, p := range cal.CalendarProperties {
		if p.IANAToken == "METHOD" {
			method = p.Value
		}
	}
	if evs := cal.Events(); len(evs) == 1 {
		ev = evs[0]
	} else {
		t.Fatalf("%d events", len(evs))
	}
	return method, ev
}

func TestAPIInterviews(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		job := e.teamJob("Platform Engineer")["id"].(string)
		cand := e.candidate("Ines", "ines@example.org")["id"].(string)
		app := e.as(hiring.RoleRecruiter, "POST", "/applications", map[string]any{"candidate_id": cand, "job_id": job}).want(201).obj()["id"].(string)
		iv := e.users[hiring.RoleInterviewer].ID
		hm := e.users[hiring.RoleHiringManager].ID
		// 09:00 in Kolkata (+05:30) on a Monday.
		body := map[string]any{"title": "System design", "starts_at": "2031-03-31T09:00:00+05:30", "duration_minutes": 60,
			"interviewer_ids": []string{iv, hm}, "location": "Room 7, Bengaluru", "video": "jitsi"}
		created := e.as(hiring.RoleRecruiter, "POST", "/applications/"+app+"/interviews", body).want(201)
		x := created.obj()
		id := x["id"].(string)
		if created.Header.Get("Location") != "/api/v1/interviews/"+id || x["starts_at"] != "2031-03-31T03:30:00Z" || x["ends_at"] != "2031-03-31T04:30:00Z" ||
			x["sequence"].(float64) != 0 || x["status"] != "scheduled" || len(x["interviewers"].([]any)) != 2 ||
			!strings.HasPrefix(x["video_url"].(string), "https://meet.jit.si/Candor-") {
			t.Fatalf("created %v", x)
		}
		// Overlap: 409 with the conflict, unless allowed.
		clash := map[string]any{"title": "Culture", "starts_at": "2031-03-31T04:00:00Z", "duration_minutes": 30, "interviewer_ids": []string{iv}}
		r := e.as(hiring.RoleRecruiter, "POST", "/applications/"+app+"/interviews", clash)
		r.problem(409, "interviewer_ids")
		var pc struct {
			Conflicts []struct {
				UserID   string `json:"user_id"`
				StartsAt string `json:"starts_at"`
			} `json:"conflicts"`
		}
		r.into(&pc)
		if len(pc.Conflicts) != 1 || pc.Conflicts[0].UserID != iv || pc.Conflicts[0].StartsAt != "2031-03-31T03:30:00Z" {
			t.Fatalf("conflicts %+v", pc)
		}
		clash["allow_conflicts"] = true
		e.as(hiring.RoleRecruiter, "POST", "/applications/"+app+"/interviews", clash).want(201)

		// Bad input: clear 4xx, never 5xx.
		for _, bad := range []map[string]any{
			{"title": "x", "starts_at": "2031-03-31T25:00:00Z", "duration_minutes": 30, "interviewer_ids": []string{iv}},
			{"title": "x", "starts_at": "2031-03-31T09:00:00Z", "duration_minutes": 0, "interviewer_ids": []string{iv}},
			{"title": "x", "starts_at": "2031-03-31T09:00:00Z", "duration_minutes": 1440, "interviewer_ids": []string{iv}},
			{"title": "x", "starts_at": "2031-03-31T09:00:00Z", "duration_minutes": 30, "interviewer_ids": []string{}},
			{"title": "x", "starts_at": "2031-03-31T09:00:00Z", "duration_minutes": 30, "interviewer_ids": []string{"nobody"}},
			{"title": "x", "starts_at": "2031-03-31T09:00:00Z", "duration_minutes": 30, "interviewer_ids": []string{iv}, "video": "skype"},
		} {
			r := e.as(hiring.RoleRecruiter, "POST", "/applications/"+app+"/interviews", bad)
			if r.Status != 400 && r.Status != 422 {
				t.Errorf("%v: %d %s", bad, r.Status, r.Body)
			}
		}
		e.as(hiring.RoleInterviewer, "POST", "/applications/"+app+"/interviews", body).problem(403)

		// The invitation: REQUEST, stable UID, SEQUENCE 0, attendees, UTC times.
		inv := e.as(hiring.RoleRecruiter, "GET", "/interviews/"+id+"/invite.ics", nil).want(200)
		if ct := inv.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/calendar") || !strings.Contains(ct, "method=REQUEST") {
			t.Fatalf("content type %q", ct)
		}
		method, ev := parseICS(t, inv.Body)
		uid := ev.Id()
		st, _ := ev.GetStartAt()
		if method != "REQUEST" || uid != x["uid"] || ev.GetProperty(ics.ComponentPropertySequence).Value != "0" ||
			!st.Equal(time.Date(2031, 3, 31, 3, 30, 0, 0, time.UTC)) || len(ev.Attendees()) != 2 {
			t.Fatalf("invite %s", inv.Body)
		}
		if org := ev.GetProperty(ics.ComponentPropertyOrganizer); org == nil || !strings.Contains(org.Value, "recruiter@example.com") {
			t.Fatalf("organizer in %s", inv.Body)
		}
		// The candidate's copy: the candidate only, no colleagues, no internal title.
		cinv := e.as(hiring.RoleRecruiter, "GET", "/interviews/"+id+"/invite.ics?for=candidate", nil).want(200)
		_, cev := parseICS(t, cinv.Body)
		if a := cev.Attendees(); len(a) != 1 || a[0].Email() != "ines@example.org" || strings.Contains(string(cinv.Body), "System design") ||
			strings.Contains(string(cinv.Body), "interviewer@example.com") {
			t.Fatalf("candidate copy %s", cinv.Body)
		}
		e.as(hiring.RoleRecruiter, "GET", "/interviews/"+id+"/invite.ics?for=everyone", nil).problem(400, "for")

		// Reschedule: SEQUENCE 1, same UID; then cancel: METHOD:CANCEL, SEQUENCE 2.
		up := e.as(hiring.RoleRecruiter, "PATCH", "/interviews/"+id, map[string]any{"starts_at": "2031-04-01T03:30:00Z", "version": 1}).want(200).obj()
		if up["sequence"].(float64) != 1 || up["starts_at"] != "2031-04-01T03:30:00Z" {
			t.Fatalf("rescheduled %v", up)
		}
		e.as(hiring.RoleRecruiter, "PATCH", "/interviews/"+id, map[string]any{"title": "stale", "version": 1}).problem(412)
		_, ev = parseICS(t, e.as(hiring.RoleRecruiter, "GET", "/interviews/"+id+"/invite.ics", nil).want(200).Body)
		if ev.Id() != uid || ev.GetProperty(ics.ComponentPropertySequence).Value != "1" {
			t.Fatalf("rescheduled invite: %s %s", ev.Id(), ev.GetProperty(ics.ComponentPropertySequence).Value)
		}
		e.as(hiring.RoleInterviewer, "DELETE", "/interviews/"+id, nil).problem(403)
		e.as(hiring.RoleRecruiter, "DELETE", "/interviews/"+id, nil).want(204)
		cancel := e.as(hiring.RoleInterviewer, "GET", "/interviews/"+id+"/invite.ics", nil).want(200)
		method, ev = parseICS(t, cancel.Body)
		if method != "CANCEL" || ev.Id() != uid || ev.GetProperty(ics.ComponentPropertySequence).Value != "2" ||
			ev.GetProperty(ics.ComponentPropertyStatus).Value != "CANCELLED" || !strings.Contains(cancel.Header.Get("Content-Type"), "method=CANCEL") {
			t.Fatalf("cancel invite %s", cancel.Body)
		}
		// The interviewer's copy names only the attendees whose email they may see: themself.
		if a := ev.Attendees(); len(a) != 1 || a[0].Email() != "interviewer@example.com" {
			t.Fatalf("interviewer's copy attendees %v", a)
		}
		e.as(hiring.RoleRecruiter, "PATCH", "/interviews/"+id, map[string]any{"title": "after cancel"}).problem(409)
		e.as(hiring.RoleRecruiter, "GET", "/interviews/nope", nil).problem(404)
	})
}

func TestAPIAvailability(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		job := e.teamJob("Designer")["id"].(string)
		cand := e.candidate("Kai", "kai@example.org")["id"].(string)
		app := e.as(hiring.RoleRecruiter, "POST", "/applications", map[string]any{"candidate_id": cand, "job_id": job}).want(201).obj()["id"].(string)
		iv := e.users[hiring.RoleInterviewer].ID
		hm := e.users[hiring.RoleHiringManager].ID
		// The hiring manager works in Adelaide, the interviewer in Kolkata.
		for id, tz := range map[string]string{iv: "Asia/Kolkata", hm: "Australia/Adelaide"} {
			e.as(hiring.RoleAdmin, "PATCH", "/users/"+id, map[string]any{"time_zone": tz}).want(200)
		}
		// The interviewer is busy 10:00–11:00 Kolkata on Monday 6 April 2026 (Adelaide just left DST).
		e.as(hiring.RoleRecruiter, "POST", "/applications/"+app+"/interviews", map[string]any{"title": "Screen",
			"starts_at": "2026-04-06T10:00:00+05:30", "duration_minutes": 60, "interviewer_ids": []string{iv}}).want(201)
		var av struct {
			Slots []struct {
				StartsAt       time.Time `json:"starts_at"`
				InterviewerIDs []string  `json:"interviewer_ids"`
			} `json:"slots"`
			Users []struct {
				ID   string `json:"id"`
				Busy []any  `json:"busy"`
			} `json:"users"`
		}
		e.as(hiring.RoleRecruiter, "GET", "/availability?user_ids="+iv+","+hm+"&from=2026-04-06T00:00:00%2B05:30&to=2026-04-07T00:00:00%2B05:30&duration_minutes=60&step_minutes=60", nil).
			want(200).into(&av)
		// Common day: Kolkata 09:00–13:00 (Adelaide 13:00–17:00) minus 10:00–11:00 → 09:00, 11:00, 12:00.
		kol, _ := time.LoadLocation("Asia/Kolkata")
		var got []string
		for _, s := range av.Slots {
			got = append(got, s.StartsAt.In(kol).Format("15:04"))
		}
		if strings.Join(got, " ") != "09:00 11:00 12:00" || len(av.Users) != 2 || len(av.Users[0].Busy) != 1 {
			t.Fatalf("slots %v users %+v", got, av.Users)
		}
		// The interviewer may ask about themself (the default), not others.
		e.as(hiring.RoleInterviewer, "GET", "/availability", nil).want(200)
		e.as(hiring.RoleInterviewer, "GET", "/availability?user_ids="+hm, nil).problem(403)
		// Bad input.
		e.as(hiring.RoleRecruiter, "GET", "/availability?user_ids="+iv+"&from=yesterday", nil).problem(400, "from")
		e.as(hiring.RoleRecruiter, "GET", "/availability?user_ids="+iv+"&duration_minutes=0", nil).problem(400, "duration_minutes")
		e.as(hiring.RoleRecruiter, "GET", "/availability?user_ids="+iv+"&from=2026-04-06T00:00:00Z&to=2026-04-05T00:00:00Z", nil).problem(422, "to")
		e.as(hiring.RoleRecruiter, "GET", "/availability?user_ids="+iv+"&from=2026-04-06T00:00:00Z&to=2027-04-05T00:00:00Z", nil).problem(422, "to")
		e.as(hiring.RoleRecruiter, "GET", "/availability?user_ids=nobody", nil).problem(422, "user_ids")
		e.as(hiring.RoleRecruiter, "GET", "/availability?time_zone=Mars/Base", nil).problem(400, "time_zone")
	})
}
