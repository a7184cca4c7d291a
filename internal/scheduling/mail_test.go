package scheduling_test

import (
	"bytes"
	"context"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/riverqueue/river"

	"github.com/candor-ats/candor/internal/hiring"
	cmail "github.com/candor-ats/candor/internal/mail"
	"github.com/candor-ats/candor/internal/mail/mailtest"
	"github.com/candor-ats/candor/internal/scheduling"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
	"github.com/candor-ats/candor/internal/work"
)

// parts is what one received mail carried.
type parts struct {
	to, subject string
	text        string
	calMethod   string // the text/calendar part's method parameter
	cal         *ics.Calendar
	calRaw      string
}

// readParts walks the MIME tree as the SMTP server received it.
func readParts(t *testing.T, r mailtest.Received) parts {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(r.Data))
	if err != nil {
		t.Fatal(err)
	}
	dec := new(mime.WordDecoder)
	subj, _ := dec.DecodeHeader(m.Header.Get("Subject"))
	out := parts{to: strings.Join(r.To, ","), subject: subj}
	var walk func(ct string, body io.Reader, enc string)
	walk = func(ct string, body io.Reader, enc string) {
		mt, params, err := mime.ParseMediaType(ct)
		if err != nil {
			t.Fatalf("content type %q: %v", ct, err)
		}
		if strings.HasPrefix(mt, "multipart/") {
			mr := multipart.NewReader(body, params["boundary"])
			for {
				p, err := mr.NextRawPart()
				if err == io.EOF {
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				walk(p.Header.Get("Content-Type"), p, p.Header.Get("Content-Transfer-Encoding"))
			}
		}
		b := decodeBody(t, body, enc)
		switch mt {
		case "text/plain":
			out.text = b
		case "text/calendar":
			out.calMethod = params["method"]
			out.calRaw = b
			cal, err := ics.ParseCalendar(strings.NewReader(b))
			if err != nil {
				t.Fatalf("calendar part: %v\n%s", err, b)
			}
			out.cal = cal
		}
	}
	walk(m.Header.Get("Content-Type"), m.Body, m.Header.Get("Content-Transfer-Encoding"))
	return out
}

func decodeBody(t *testing.T, r io.Reader, enc string) string {
	t.Helper()
	switch strings.ToLower(enc) {
	case "quoted-printable":
		r = quotedPrintable(r)
	case "base64":
		r = base64Reader(r)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func calProp(cal *ics.Calendar, name string) string {
	for _, p := range cal.CalendarProperties {
		if p.IANAToken == name {
			return p.Value
		}
	}
	return ""
}

func evProp(cal *ics.Calendar, name ics.ComponentProperty) string {
	evs := cal.Events()
	if len(evs) != 1 {
		return "<" + string(rune('0'+len(evs))) + " events>"
	}
	if p := evs[0].GetProperty(name); p != nil {
		return p.Value
	}
	return ""
}

func attendees(cal *ics.Calendar) []string {
	var out []string
	for _, a := range cal.Events()[0].Attendees() {
		out = append(out, strings.TrimPrefix(a.Value, "mailto:")+"="+a.ICalParameters["PARTSTAT"][0])
	}
	return out
}

func startQueue(t *testing.T, db *store.DB, srv *mailtest.Server) {
	t.Helper()
	cfg, _ := cmail.ParseSMTPURL(srv.URL())
	sender := cmail.NewSender(cmail.SenderOptions{SMTP: cfg, PerDomain: 1000, Burst: 1000})
	t.Cleanup(func() { _ = sender.Close() })
	ob := &cmail.Outbox{Store: db, Transport: sender, From: cmail.Address{Name: "Acme Jobs", Email: "jobs@acme.example"},
		Tokens: cmail.NewTokens("0123456789abcdef0123456789abcdef")}
	ctx := context.Background()
	q, err := work.NewWithOptions(ctx, db, work.Options{PollInterval: 50 * time.Millisecond, Queues: cmail.Queues(), Register: func(w *river.Workers) {
		if err := ob.Register(w); err != nil {
			t.Fatal(err)
		}
		if err := scheduling.RegisterReminders(w, db); err != nil {
			t.Fatal(err)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = q.Stop(ctx)
	})
}

// byRecipient waits for n more mails and answers them by recipient.
func byRecipient(t *testing.T, srv *mailtest.Server, seen *int, n int) map[string]parts {
	t.Helper()
	all := srv.Wait(t, *seen+n, 30*time.Second)
	if len(all) != *seen+n {
		t.Fatalf("received %d mails, want %d", len(all), *seen+n)
	}
	out := map[string]parts{}
	for _, r := range all[*seen:] {
		p := readParts(t, r)
		if _, dup := out[p.to]; dup {
			t.Fatalf("two mails to %s in one change", p.to)
		}
		out[p.to] = p
	}
	*seen += n
	return out
}

// TestInvitationsThroughOutbox: scheduling, rescheduling, taking someone
// off and cancelling an interview each send, through the outbox and a real
// SMTP server, a text/calendar part per attendee — the same UID, SEQUENCE
// rising, METHOD REQUEST then CANCEL — and the candidate's copy carries no
// internal title, colleagues or kit link. Replies then update the answers.
func TestInvitationsThroughOutbox(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		db.SetMailFrom("Acme Jobs", "jobs@acme.example")
		db.SetPublicURL("https://candor.example/")
		srv := mailtest.Start(t)
		startQueue(t, db, srv)
		rc := storetest.As(s.Recruiter)
		start := time.Now().Add(72 * time.Hour).UTC().Truncate(time.Hour)
		iv, err := db.ScheduleInterview(rc, hiring.NewInterview{ApplicationID: s.App.ID, Title: "Secret system design round",
			StartsAt: start, DurationMinutes: 45, InterviewerIDs: []string{s.Interviewer.ID, s.Manager.ID}, Location: "Room {{4}}"})
		if err != nil {
			t.Fatal(err)
		}
		seen := 0
		got := byRecipient(t, srv, &seen, 3)
		cand, ivr, mgr := got[s.Candidate.Emails[0]], got[s.Interviewer.Email], got[s.Manager.Email]
		for who, p := range map[string]parts{"candidate": cand, "interviewer": ivr, "manager": mgr} {
			if p.cal == nil || p.calMethod != "REQUEST" || calProp(p.cal, "METHOD") != "REQUEST" {
				t.Fatalf("%s: calendar part %q method %q\n%s", who, p.calMethod, p.calRaw, p.text)
			}
			if evProp(p.cal, ics.ComponentPropertyUniqueId) != iv.UID() || evProp(p.cal, ics.ComponentPropertySequence) != "0" ||
				evProp(p.cal, ics.ComponentPropertyDtStart) != start.Format("20060102T150405Z") ||
				evProp(p.cal, ics.ComponentPropertyDtEnd) != start.Add(45*time.Minute).Format("20060102T150405Z") ||
				evProp(p.cal, ics.ComponentPropertyStatus) != "CONFIRMED" || evProp(p.cal, ics.ComponentPropertyOrganizer) != "mailto:jobs@acme.example" {
				t.Fatalf("%s: event\n%s", who, p.calRaw)
			}
		}
		if a := attendees(cand.cal); len(a) != 1 || a[0] != s.Candidate.Emails[0]+"=NEEDS-ACTION" {
			t.Fatalf("candidate attendees %v", a)
		}
		if a := attendees(ivr.cal); len(a) != 2 {
			t.Fatalf("interviewer attendees %v", a)
		}
		for _, leak := range []string{"Secret", s.Interviewer.Name, s.Interviewer.Email, s.Manager.Email, "/interviews/", "kit"} {
			if strings.Contains(cand.calRaw, leak) || strings.Contains(cand.text, leak) || strings.Contains(cand.subject, leak) {
				t.Fatalf("the candidate's copy shows %q:\n%s\n%s\n%s", leak, cand.subject, cand.text, cand.calRaw)
			}
		}
		if !strings.Contains(strings.ReplaceAll(cand.text, "\u200b", ""), "Room {{4}}") || !strings.Contains(cand.subject, s.Job.Title) {
			t.Fatalf("candidate mail %q\n%s", cand.subject, cand.text)
		}
		if !strings.Contains(ivr.text, "https://candor.example/interviews/"+iv.ID) || !strings.Contains(ivr.subject, "Secret system design round") {
			t.Fatalf("interviewer mail %q\n%s", ivr.subject, ivr.text)
		}

		// Reschedule: everyone gets SEQUENCE 1 at the new time, same UID.
		later := start.Add(24 * time.Hour)
		iv, err = db.UpdateInterview(rc, iv.ID, hiring.InterviewUpdate{StartsAt: &later})
		if err != nil {
			t.Fatal(err)
		}
		got = byRecipient(t, srv, &seen, 3)
		for to, p := range got {
			if p.calMethod != "REQUEST" || evProp(p.cal, ics.ComponentPropertyUniqueId) != iv.UID() || evProp(p.cal, ics.ComponentPropertySequence) != "1" ||
				evProp(p.cal, ics.ComponentPropertyDtStart) != later.Format("20060102T150405Z") {
				t.Fatalf("%s after reschedule:\n%s", to, p.calRaw)
			}
		}
		// Take the manager off: they get a CANCEL; the others SEQUENCE 2.
		only := []string{s.Interviewer.ID}
		iv, err = db.UpdateInterview(rc, iv.ID, hiring.InterviewUpdate{InterviewerIDs: &only})
		if err != nil {
			t.Fatal(err)
		}
		got = byRecipient(t, srv, &seen, 3)
		if p := got[s.Manager.Email]; p.calMethod != "CANCEL" || evProp(p.cal, ics.ComponentPropertyStatus) != "CANCELLED" ||
			evProp(p.cal, ics.ComponentPropertySequence) != "2" {
			t.Fatalf("removed interviewer:\n%s", p.calRaw)
		}
		if p := got[s.Interviewer.Email]; p.calMethod != "REQUEST" || len(attendees(p.cal)) != 1 {
			t.Fatalf("remaining interviewer:\n%s", p.calRaw)
		}

		// Replies: a stale SEQUENCE, a stranger, a forged sender change nothing; a real answer does.
		h := &scheduling.Replies{Svc: db}
		reply := func(from, attendee, partstat string, seq int) {
			t.Helper()
			body := "BEGIN:VCALENDAR\r\nPRODID:-//Test//EN\r\nVERSION:2.0\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:" + iv.UID() +
				"\r\nDTSTAMP:20300101T000000Z\r\nSEQUENCE:" + string(rune('0'+seq)) + "\r\nATTENDEE;PARTSTAT=" + partstat + ":mailto:" + attendee +
				"\r\nORGANIZER:mailto:jobs@acme.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
			if err := h.CalendarReply(context.Background(), hiring.CalendarReply{From: from, MessageID: "r@x", ICS: []byte(body)}); err != nil {
				t.Fatal(err)
			}
		}
		response := func() (string, string) {
			x, err := db.Interview(storetest.System(), iv.ID)
			if err != nil {
				t.Fatal(err)
			}
			return x.Interviewers[0].Response, x.CandidateResponse
		}
		reply(s.Interviewer.Email, s.Interviewer.Email, "ACCEPTED", 1)         // an answer to the old time
		reply("mallory@evil.example", s.Interviewer.Email, "DECLINED", 2)      // not the attendee
		reply("nobody@example.org", "nobody@example.org", "ACCEPTED", 2)       // not on the interview
		reply(s.Candidate.Emails[0], s.Candidate.Emails[0], "NEEDS-ACTION", 2) // answers nothing
		if r, c := response(); r != hiring.ResponseNeedsAction || c != hiring.ResponseNeedsAction {
			t.Fatalf("ignored replies changed the answers: %s %s", r, c)
		}
		reply(strings.ToUpper(s.Interviewer.Email), s.Interviewer.Email, "ACCEPTED", 2)
		reply(s.Candidate.Emails[0], s.Candidate.Emails[0], "TENTATIVE", 2)
		if r, c := response(); r != hiring.ResponseAccepted || c != hiring.ResponseTentative {
			t.Fatalf("answers %s %s", r, c)
		}
		// A bad calendar is ignored, not an error (the mail-in job must not retry a stranger's mail).
		if err := h.CalendarReply(context.Background(), hiring.CalendarReply{From: "x@y.z", ICS: []byte("BEGIN:VCALENDAR\r\nnot")}); err != nil {
			t.Fatal(err)
		}

		// Reminders: an old SEQUENCE's job sends nothing; the current one once, however often it runs.
		sys := storetest.System()
		if err := db.SendInterviewReminder(sys, iv.ID, 1); err != nil {
			t.Fatal(err)
		}
		for range 2 {
			if err := db.SendInterviewReminder(sys, iv.ID, iv.Sequence); err != nil {
				t.Fatal(err)
			}
		}
		got = byRecipient(t, srv, &seen, 1)
		if p := got[s.Interviewer.Email]; !strings.HasPrefix(p.subject, "Reminder: ") || p.cal != nil ||
			!strings.Contains(p.text, "https://candor.example/interviews/"+iv.ID) {
			t.Fatalf("reminder %q\n%s", p.subject, p.text)
		}

		// Cancel: METHOD:CANCEL, STATUS:CANCELLED, SEQUENCE 3 to the interviewer and the candidate.
		if _, err := db.CancelInterview(rc, iv.ID); err != nil {
			t.Fatal(err)
		}
		got = byRecipient(t, srv, &seen, 2)
		for to, p := range got {
			if p.calMethod != "CANCEL" || calProp(p.cal, "METHOD") != "CANCEL" || evProp(p.cal, ics.ComponentPropertyStatus) != "CANCELLED" ||
				evProp(p.cal, ics.ComponentPropertySequence) != "3" || evProp(p.cal, ics.ComponentPropertyUniqueId) != iv.UID() {
				t.Fatalf("%s cancel:\n%s", to, p.calRaw)
			}
		}
		if err := db.SendInterviewReminder(sys, iv.ID, 3); err != nil {
			t.Fatal(err)
		}
		time.Sleep(300 * time.Millisecond)
		if n := len(srv.Received()); n != seen {
			t.Fatalf("a cancelled interview's reminder went out (%d mails, want %d)", n, seen)
		}
	})
}

func TestReminderAt(t *testing.T) {
	now := time.Date(2030, 1, 1, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		start, want time.Time
	}{
		{now.Add(72 * time.Hour), now.Add(48 * time.Hour)},
		{now.Add(5 * time.Hour), now.Add(4 * time.Hour)},
		{now.Add(30 * time.Minute), time.Time{}},
	} {
		if got := scheduling.ReminderAt(c.start, now); !got.Equal(c.want) {
			t.Errorf("ReminderAt(%v) = %v, want %v", c.start, got, c.want)
		}
	}
}
