package e2e

import (
	_ "embed"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store/storetest"
)

//go:embed testdata/icaljs/ical.min.js
var icalSource string

// icsFacts is what ical.js reads from one calendar file.
type icsFacts struct {
	Method    string `json:"method"`
	Version   string `json:"version"`
	ProdID    string `json:"prodid"`
	Events    int    `json:"events"`
	UID       string `json:"uid"`
	Sequence  int    `json:"sequence"`
	Status    string `json:"status"`
	Start     string `json:"start"`
	End       string `json:"end"`
	Summary   string `json:"summary"`
	Location  string `json:"location"`
	Organizer string `json:"organizer"`
	OrgCN     string `json:"orgcn"`
	Attendees []struct {
		Value    string `json:"value"`
		CN       string `json:"cn"`
		PartStat string `json:"partstat"`
		RSVP     string `json:"rsvp"`
	} `json:"attendees"`
}

const icsFactsJS = `(function (text) {
  const cal = new ICAL.Component(ICAL.parse(text));
  const evs = cal.getAllSubcomponents("vevent");
  const ev = evs[0];
  const v = (c, n) => { const x = c.getFirstPropertyValue(n); return x === null ? "" : x; };
  const org = ev.getFirstProperty("organizer");
  return {
    method: v(cal, "method"), version: v(cal, "version"), prodid: v(cal, "prodid"), events: evs.length,
    uid: v(ev, "uid"), sequence: ev.getFirstPropertyValue("sequence") || 0, status: v(ev, "status"),
    start: new ICAL.Event(ev).startDate.toJSDate().toISOString(), end: new ICAL.Event(ev).endDate.toJSDate().toISOString(),
    summary: v(ev, "summary"), location: v(ev, "location"),
    organizer: org ? org.getFirstValue() : "", orgcn: org ? (org.getParameter("cn") || "") : "",
    attendees: ev.getAllProperties("attendee").map(p => ({ value: p.getFirstValue(), cn: p.getParameter("cn") || "",
      partstat: p.getParameter("partstat") || "", rsvp: p.getParameter("rsvp") || "" })),
  };
})`

// TestICSValidatedByICALJS: the invitations (REQUEST, the candidate's copy,
// a reschedule, CANCEL) and the calendar feed are parsed by a real parser,
// ical.js in Chromium, and checked field by field: METHOD, a stable UID, a
// rising SEQUENCE, ATTENDEE/ORGANIZER with names that need quoting, UTC times.
func TestICSValidatedByICALJS(t *testing.T) {
	bin := chromiumPath(t)
	t.Parallel()
	f := newFixture(t)
	s := f.seed
	ctx := storetest.As(s.Recruiter)
	start := time.Date(2031, 3, 31, 3, 30, 0, 0, time.UTC)
	// A name that needs quoting and escaping in iCalendar.
	tricky := `O'Neil, "Ivy"; Interviewer`
	if _, err := f.app.DB.UpdateUser(f.app.System(), s.Interviewer.ID, hiring.UserUpdate{Name: &tricky}); err != nil {
		t.Fatal(err)
	}
	iv, err := f.app.DB.ScheduleInterview(ctx, hiring.NewInterview{ApplicationID: s.App.ID, Title: "System design, round 2; panel",
		StartsAt: start, DurationMinutes: 75, InterviewerIDs: []string{s.Interviewer.ID, s.Manager.ID}, Location: "Room 4, Berlin", Video: hiring.VideoJitsi})
	if err != nil {
		t.Fatal(err)
	}
	token := f.app.APIToken(s.Recruiter)
	get := func(path string) string {
		t.Helper()
		req, _ := http.NewRequest("GET", f.app.URL+path, nil)
		if strings.HasPrefix(path, "/api/") {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 {
			t.Fatalf("GET %s: %d %s", path, res.StatusCode, b)
		}
		return string(b)
	}
	files := map[string]string{}
	files["request"] = get("/api/v1/interviews/" + iv.ID + "/invite.ics")
	files["candidate"] = get("/api/v1/interviews/" + iv.ID + "/invite.ics?for=candidate")
	later := start.Add(24 * time.Hour)
	if _, err := f.app.DB.UpdateInterview(ctx, iv.ID, hiring.InterviewUpdate{StartsAt: &later}); err != nil {
		t.Fatal(err)
	}
	files["rescheduled"] = get("/api/v1/interviews/" + iv.ID + "/invite.ics")
	if _, err := f.app.DB.CancelInterview(ctx, iv.ID); err != nil {
		t.Fatal(err)
	}
	files["cancel"] = get("/api/v1/interviews/" + iv.ID + "/invite.ics")
	secret := strings.Repeat("feedsecret", 4)
	if err := f.app.DB.ResetCalendarFeed(storetest.As(s.Interviewer), auth.HashToken(secret)); err != nil {
		t.Fatal(err)
	}
	files["feed"] = get("/calendar/" + secret + ".ics")

	b := &browser{t: t, ctx: newBrowser(t, bin), dir: t.TempDir()}
	b.do("blank page", chromedp.Navigate("about:blank"))
	run(b, "load ical.js", chromedp.Evaluate[bool](icalSource+";typeof ICAL === 'object'"))
	facts := map[string]icsFacts{}
	for name, text := range files {
		lit, _ := json.Marshal(text)
		facts[name] = run(b, "parse "+name, chromedp.Evaluate[icsFacts](icsFactsJS+"("+string(lit)+")"))
	}

	uid := "interview-" + iv.ID + "@candor"
	want := func(name, method string, seq int, status string, st time.Time) icsFacts {
		t.Helper()
		x := facts[name]
		if x.Method != method || x.Version != "2.0" || x.ProdID == "" || x.Events != 1 || x.UID != uid || x.Sequence != seq || x.Status != status ||
			x.Start != st.Format("2006-01-02T15:04:05.000Z") || x.End != st.Add(75*time.Minute).Format("2006-01-02T15:04:05.000Z") ||
			x.Organizer != "mailto:"+s.Recruiter.Email {
			t.Errorf("%s: %+v", name, x)
		}
		return x
	}
	req := want("request", "REQUEST", 0, "CONFIRMED", start)
	if req.Summary != "System design, round 2; panel: "+s.Candidate.FirstName+" "+s.Candidate.LastName+" ("+s.Job.Title+")" ||
		!strings.HasPrefix(req.Location, "Room 4, Berlin, https://meet.jit.si/Candor-") {
		t.Errorf("request summary/location: %q %q", req.Summary, req.Location)
	}
	if len(req.Attendees) != 2 {
		t.Fatalf("request attendees %+v", req.Attendees)
	}
	names := map[string]string{}
	for _, a := range req.Attendees {
		names[a.Value] = a.CN
		if a.PartStat != "NEEDS-ACTION" || a.RSVP != "TRUE" {
			t.Errorf("attendee %+v", a)
		}
	}
	if names["mailto:"+s.Interviewer.Email] != `O'Neil, 'Ivy'; Interviewer` || names["mailto:"+s.Manager.Email] != s.Manager.Name {
		t.Errorf("attendee names %v", names)
	}
	cand := want("candidate", "REQUEST", 0, "CONFIRMED", start)
	if len(cand.Attendees) != 1 || cand.Attendees[0].Value != "mailto:"+s.Candidate.Emails[0] || strings.Contains(cand.Summary, "System design") {
		t.Errorf("candidate copy %+v", cand)
	}
	want("rescheduled", "REQUEST", 1, "CONFIRMED", later)
	c := want("cancel", "CANCEL", 2, "CANCELLED", later)
	for _, a := range c.Attendees {
		if a.RSVP != "" {
			t.Errorf("CANCEL asks for a reply: %+v", a)
		}
	}
	feed := facts["feed"]
	if feed.Method != "PUBLISH" || feed.Events != 1 || feed.UID != uid || feed.Status != "CANCELLED" || feed.Sequence != 2 {
		t.Errorf("feed %+v", feed)
	}
}
