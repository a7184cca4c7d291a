package web_test

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// The recruiter picks the interviewers, books a suggested time, downloads
// the invitations; the interviewer finds it under Interviews and subscribes
// to their calendar feed; a clash is shown and refused unless overridden.
func TestScheduleInterviewFlow(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	rc := f.as(f.recruiter)
	q := url.Values{"interviewer_ids": {f.inter.ID, f.manager.ID}, "duration_minutes": {"45"}, "days": {"14"}}
	page := f.get(rc, "/applications/"+f.appl.ID+"/schedule?"+q.Encode())
	page.must(t, 200, "Times when everyone is free", `name="slot"`)
	m := regexp.MustCompile(`name="slot" value="([0-9T:-]+)"`).FindStringSubmatch(page.body)
	if m == nil {
		t.Fatalf("no suggested slot:\n%s", snippet(page.body))
	}
	form := url.Values{"slot": {m[1]}, "interviewer_ids": {f.inter.ID, f.manager.ID}, "duration_minutes": {"45"},
		"title": {"Technical interview"}, "location": {"Room 3"}, "video": {"jitsi"}}
	res := f.post(rc, "/applications/"+f.appl.ID+"/interviews", form)
	res.redirectsTo(t, "/interviews/")
	id := strings.TrimPrefix(res.location, "/interviews/")
	f.get(rc, res.location).must(t, 200, "Technical interview", "meet.jit.si/Candor-", "Candidate's invitation")
	ics := f.get(rc, "/interviews/"+id+"/invite.ics")
	ics.must(t, 200, "METHOD:REQUEST", "UID:interview-"+id+"@candor", "SEQUENCE:0")
	f.get(rc, "/interviews/"+id+"/invite.ics?for=candidate").must(t, 200, "METHOD:REQUEST", "mailto:")

	// The same time again: the clash is shown, nothing booked; with the override it is.
	clash := f.post(rc, "/applications/"+f.appl.ID+"/interviews", form)
	clash.must(t, 409, "has another interview")
	form.Set("allow_conflicts", "1")
	f.post(rc, "/applications/"+f.appl.ID+"/interviews", form).redirectsTo(t, "/interviews/")

	// The interviewer sees it under Interviews, may not schedule or cancel.
	ic := f.as(f.inter)
	f.get(ic, "/interviews").must(t, 200, "Technical interview", `href="/interviews/`+id+`"`)
	f.get(ic, "/interviews/"+id).must(t, 200, "Technical interview")
	f.get(ic, "/applications/"+f.appl.ID+"/schedule").must(t, 403)
	f.post(ic, "/interviews/"+id+"/cancel", url.Values{}).must(t, 403)

	// Reschedule raises the sequence; cancel makes the invitation a CANCEL.
	loc, _ := time.LoadLocation("UTC")
	when := time.Now().In(loc).AddDate(0, 0, 20).Format("2006-01-02") + "T10:00"
	iv, err := f.app.DB.Interview(f.app.System(), id)
	if err != nil {
		t.Fatal(err)
	}
	f.post(rc, "/interviews/"+id+"/reschedule", url.Values{"starts_at_local": {when}, "duration_minutes": {"60"}, "title": {"Technical interview"},
		"version": {strconv.Itoa(iv.Version)}, "allow_conflicts": {"1"}}).redirectsTo(t, "/interviews/"+id)
	f.get(rc, "/interviews/"+id+"/invite.ics").must(t, 200, "SEQUENCE:1")
	f.post(rc, "/interviews/"+id+"/reschedule", url.Values{"starts_at_local": {"tomorrow"}, "duration_minutes": {"60"}, "title": {"x"}}).must(t, 422)
	f.post(rc, "/interviews/"+id+"/cancel", url.Values{}).redirectsTo(t, "/interviews/"+id)
	f.get(ic, "/interviews/"+id+"/invite.ics").must(t, 200, "METHOD:CANCEL", "SEQUENCE:2", "STATUS:CANCELLED")

	// The calendar feed: made on the account page, shown once, served without a session.
	acc := f.post(ic, "/account/calendar/feed", url.Values{})
	acc.must(t, 200, "/calendar/")
	feed := regexp.MustCompile(`/calendar/([A-Za-z0-9]+)\.ics`).FindStringSubmatch(acc.body)
	if feed == nil {
		t.Fatalf("no feed address:\n%s", snippet(acc.body))
	}
	anon := f.app.Client()
	f.get(anon, "/calendar/"+feed[1]+".ics").must(t, 200, "METHOD:PUBLISH", "UID:interview-"+id+"@candor", "STATUS:CANCELLED")
	f.get(anon, "/calendar/"+feed[1]).must(t, 404)
	f.get(anon, "/calendar/"+strings.Repeat("A", 52)+".ics").must(t, 404)

	// Working hours: a bad spec is refused with the field named.
	f.post(ic, "/account/calendar", url.Values{"working_hours": {"mon 17:00-09:00"}}).must(t, 422, "Working hours")
	f.post(ic, "/account/calendar", url.Values{"working_hours": {"mon-thu 08:00-16:00"}, "meeting_link": {"https://meet.example/me"}}).redirectsTo(t, "/account")
	set, err := f.app.DB.CalendarSettings(hiring.WithActor(t.Context(), hiring.Actor{UserID: f.inter.ID, Name: f.inter.Name, Role: f.inter.Role}))
	if err != nil || set.WorkingHours != "mon 08:00-16:00; tue 08:00-16:00; wed 08:00-16:00; thu 08:00-16:00" {
		t.Fatalf("settings %+v %v", set, err)
	}
}
