package calendar

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
)

func sampleInvite() Invite {
	start := time.Date(2026, 3, 30, 7, 30, 0, 0, time.UTC)
	return Invite{
		UID: "interview-0190@candor.example", Sequence: 2, Stamp: start.Add(-48 * time.Hour),
		Start: start, End: start.Add(45 * time.Minute),
		Summary:     "Interview: Zoë O'Brien, Senior Engineer; panel, round 2",
		Description: "Kit: https://candor.example/interviews/1\nBring questions, please\\thanks",
		Location:    "Room 4, Berlin; https://meet.jit.si/candor-abc",
		URL:         "https://candor.example/interviews/1",
		Organizer:   Attendee{Name: `Rita "Recruiter", HR`, Email: "rita@example.com"},
		Attendees: []Attendee{
			{Name: "Ivan Interviewer", Email: "ivan@example.com"},
			{Name: "Chloé Candidate;\r\nX-INJECTED:1", Email: "chloe@example.com"},
		},
	}
}

func TestBuildInvite(t *testing.T) {
	inv := sampleInvite()
	out, err := BuildInvite(MethodRequest, inv)
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, line := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		if len(line) > 75 || !utf8.ValidString(line) {
			t.Fatalf("line not folded or split inside a character: %q", line)
		}
		if strings.HasPrefix(line, "X-INJECTED") {
			t.Fatal("a name injected a property")
		}
	}
	if strings.Contains(strings.ReplaceAll(s, "\r\n", ""), "\n") {
		t.Fatal("bare LF in output")
	}
	cal, err := ics.ParseCalendar(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	method := ""
	for _, p := range cal.CalendarProperties {
		if p.IANAToken == "METHOD" {
			method = p.Value
		}
	}
	if method != "REQUEST" {
		t.Fatalf("METHOD %q", method)
	}
	evs := cal.Events()
	if len(evs) != 1 {
		t.Fatalf("%d events", len(evs))
	}
	ev := evs[0]
	if ev.Id() != inv.UID || ev.GetProperty(ics.ComponentPropertySequence).Value != "2" {
		t.Fatalf("UID/SEQUENCE %q %q", ev.Id(), ev.GetProperty(ics.ComponentPropertySequence).Value)
	}
	st, _ := ev.GetStartAt()
	en, _ := ev.GetEndAt()
	if !st.Equal(inv.Start) || !en.Equal(inv.End) {
		t.Fatalf("times %v %v", st, en)
	}
	if got := ics.FromText(ev.GetProperty(ics.ComponentPropertySummary).Value); got != inv.Summary {
		t.Fatalf("SUMMARY %q", got)
	}
	if got := ics.FromText(ev.GetProperty(ics.ComponentPropertyDescription).Value); got != inv.Description {
		t.Fatalf("DESCRIPTION %q", got)
	}
	att := ev.Attendees()
	if len(att) != 2 || att[0].Email() != "ivan@example.com" || att[1].Email() != "chloe@example.com" {
		t.Fatalf("attendees %v", att)
	}
	if ps := att[0].ParticipationStatus(); ps != ics.ParticipationStatusNeedsAction {
		t.Fatalf("PARTSTAT %q", ps)
	}
	if !strings.Contains(s, "RSVP=TRUE") || !strings.Contains(s, `ORGANIZER;CN="Rita 'Recruiter', HR":mailto:rita@example.com`) {
		t.Fatalf("organizer/RSVP:\n%s", s)
	}

	inv.Sequence++
	out, err = BuildInvite(MethodCancel, inv)
	if err != nil {
		t.Fatal(err)
	}
	cal, err = ics.ParseCalendar(strings.NewReader(string(out)))
	if err != nil {
		t.Fatal(err)
	}
	ev = cal.Events()[0]
	if ev.Id() != inv.UID || ev.GetProperty(ics.ComponentPropertySequence).Value != "3" || ev.GetProperty(ics.ComponentPropertyStatus).Value != "CANCELLED" {
		t.Fatalf("cancel: %s", out)
	}
	if !strings.Contains(string(out), "METHOD:CANCEL") || strings.Contains(string(out), "RSVP") {
		t.Fatalf("cancel method/RSVP: %s", out)
	}
	for _, bad := range []Invite{{}, {UID: "x", Start: inv.Start, End: inv.Start, Organizer: inv.Organizer}, {UID: "x", Start: inv.Start, End: inv.End}} {
		if _, err := BuildInvite(MethodRequest, bad); err == nil {
			t.Errorf("BuildInvite accepted %+v", bad)
		}
	}
	if _, err := BuildInvite("PUBLISH", inv); err == nil {
		t.Error("BuildInvite accepted PUBLISH")
	}
}

// A built feed reads back as busy time through ParseFeed.
func TestBuildFeedRoundTrip(t *testing.T) {
	a, b := sampleInvite(), sampleInvite()
	b.UID, b.Start, b.End = "other@candor.example", a.Start.Add(24*time.Hour), a.End.Add(24*time.Hour)
	out, err := BuildFeed("Candor interviews — Ivan", []Invite{a, b})
	if err != nil {
		t.Fatal(err)
	}
	feed, err := ParseFeed(strings.NewReader(string(out)), time.UTC, FeedLimits{})
	if err != nil || len(feed.Warnings) != 0 {
		t.Fatal(err, feed.Warnings)
	}
	busy, _ := feed.Busy(a.Start.Add(-time.Hour), b.End.Add(time.Hour), ExpandLimits{})
	if len(busy) != 2 || !busy[0].Start.Equal(a.Start) || !busy[1].End.Equal(b.End) {
		t.Fatalf("busy %v", busy)
	}
}
