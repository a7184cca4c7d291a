package mail_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"net/textproto"
	"strings"
	"sync"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	cmail "github.com/candor-ats/candor/internal/mail"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

type calendarSpy struct {
	mu  sync.Mutex
	got []hiring.CalendarReply
}

func (c *calendarSpy) CalendarReply(_ context.Context, r hiring.CalendarReply) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.got = append(c.got, r)
	return nil
}

// startListener runs the inbound SMTP listener over db on a random port.
func startListener(t *testing.T, db *store.DB, cal hiring.CalendarReplyHandler) (string, *cmail.Inbox) {
	t.Helper()
	ib := &cmail.Inbox{Store: db, Tokens: cmail.NewTokens(testSecret), Domain: "acme.example"}
	if cal != nil {
		ib.Calendar = []hiring.CalendarReplyHandler{cal}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	l := cmail.NewListener(ib, "mx.acme.example", nil)
	go func() { _ = l.Serve(ln) }()
	t.Cleanup(func() { _ = l.Close() })
	return ln.Addr().String(), ib
}

// smtpSend sends raw over SMTP; the error carries the server's reply code.
func smtpSend(addr, from string, to []string, raw string) error {
	c, err := smtp.Dial(addr)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.Hello("client.example"); err != nil {
		return err
	}
	if err := c.Mail(from); err != nil {
		return err
	}
	for _, r := range to {
		if err := c.Rcpt(r); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write([]byte(raw)); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

func smtpCode(err error) int {
	var te *textproto.Error
	if errors.As(err, &te) {
		return te.Code
	}
	return 0
}

func mailText(headers map[string]string, body string) string {
	var b strings.Builder
	for _, k := range []string{"From", "To", "Subject", "Message-ID", "In-Reply-To", "References", "Auto-Submitted", "Content-Type"} {
		if v, ok := headers[k]; ok {
			b.WriteString(k + ": " + v + "\r\n")
		}
	}
	b.WriteString("\r\n" + strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\n", "\r\n"))
	return b.String()
}

// TestInboundThreading: replies through the listener land on the right
// candidate and thread by token, then by In-Reply-To, then by the sender's
// address; an unknown sender waits in the unassigned inbox until a
// recruiter files it; a forged token is refused; a repeated Message-ID is
// stored once; auto-replies are marked; the iTIP reply reaches the
// calendar handler.
func TestInboundThreading(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		out, err := db.SendMessage(storetest.As(s.Recruiter), hiring.NewMessage{CandidateID: s.Candidate.ID, ApplicationID: s.App.ID,
			Subject: "Next steps", Body: "Hello"})
		if err != nil {
			t.Fatal(err)
		}
		ob := &cmail.Outbox{From: cmail.Address{Email: "jobs@acme.example"}, Tokens: cmail.NewTokens(testSecret)}
		if err := db.MessageDelivered(storetest.System(), out.ID, hiring.TransportSMTP, ob.MessageIDFor(out.ID)); err != nil {
			t.Fatal(err)
		}
		built := ob.Build(out)
		spy := &calendarSpy{}
		addr, _ := startListener(t, db, spy)
		grace := s.Candidate.PrimaryEmail()

		// 1. By token.
		err = smtpSend(addr, grace, []string{built.ReplyTo.Email}, mailText(map[string]string{"From": "Grace <" + grace + ">",
			"To": built.ReplyTo.Email, "Subject": "Re: Next steps", "Message-ID": "<r1@example.org>"}, "Thanks, Tuesday works.\n\n> Hello"))
		if err != nil {
			t.Fatal(err)
		}
		// 2. By In-Reply-To, to the plain address.
		err = smtpSend(addr, grace, []string{"jobs@acme.example"}, mailText(map[string]string{"From": grace, "To": "jobs@acme.example",
			"Subject": "Re: Next steps", "Message-ID": "<r2@example.org>", "In-Reply-To": "<" + built.MessageID + ">"}, "One more thing."))
		if err != nil {
			t.Fatal(err)
		}
		// The same mail again (a retry): stored once.
		if err := smtpSend(addr, grace, []string{"jobs@acme.example"}, mailText(map[string]string{"From": grace, "To": "jobs@acme.example",
			"Subject": "Re: Next steps", "Message-ID": "<r2@example.org>", "In-Reply-To": "<" + built.MessageID + ">"}, "One more thing.")); err != nil {
			t.Fatal(err)
		}
		// 3. By the sender's address alone: a new thread.
		if err := smtpSend(addr, grace, []string{"jobs@acme.example"}, mailText(map[string]string{"From": grace, "To": "jobs@acme.example",
			"Subject": "A question", "Message-ID": "<r3@example.org>"}, "Is the job remote?")); err != nil {
			t.Fatal(err)
		}
		// 4. An auto-reply on the thread, with an iTIP answer inside a multipart.
		ics := "BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:abc@acme.example\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:" + grace + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
		body := "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nI am away.\r\n--b1\r\nContent-Type: text/calendar; method=REPLY; charset=utf-8\r\n\r\n" + ics + "--b1--\r\n"
		if err := smtpSend(addr, grace, []string{built.ReplyTo.Email}, mailText(map[string]string{"From": grace, "To": built.ReplyTo.Email,
			"Subject": "Automatic reply: Next steps", "Auto-Submitted": "auto-replied", "Message-ID": "<r4@example.org>",
			"Content-Type": `multipart/mixed; boundary="b1"`}, body)); err != nil {
			t.Fatal(err)
		}
		// 5. A forged token: refused at RCPT.
		forged := strings.Replace(built.ReplyTo.Email, "+", "+0", 1)
		forged = forged[:strings.IndexByte(forged, '@')-1] + "@acme.example"
		if err := smtpSend(addr, grace, []string{forged}, mailText(map[string]string{"From": grace, "Subject": "x"}, "x")); smtpCode(err) != 550 {
			t.Errorf("forged token: %v, want 550", err)
		}
		// Another domain: not relayed.
		if err := smtpSend(addr, grace, []string{"someone@elsewhere.example"}, mailText(map[string]string{"From": grace, "Subject": "x"}, "x")); smtpCode(err) != 550 {
			t.Errorf("relay: %v, want 550", err)
		}
		// 6. An unknown sender: unassigned.
		if err := smtpSend(addr, "stranger@example.net", []string{"jobs@acme.example"}, mailText(map[string]string{"From": "Stranger <stranger@example.net>",
			"To": "jobs@acme.example", "Subject": "Hello <b>there</b>", "Message-ID": "<r6@example.net>"}, "Do you hire?")); err != nil {
			t.Fatal(err)
		}

		page, err := db.CandidateMessages(storetest.As(s.Recruiter), s.Candidate.ID, hiring.PageRequest{Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		byID := map[string]hiring.Message{}
		for _, m := range page.Items {
			if m.Direction == hiring.MessageIn {
				byID[m.MessageID] = m
			}
		}
		if len(byID) != 4 {
			t.Fatalf("%d received messages on the candidate, want 4 (r1-r4): %+v", len(byID), byID)
		}
		for _, id := range []string{"r1@example.org", "r2@example.org", "r4@example.org"} {
			m := byID[id]
			if m.ThreadID != out.ThreadID || m.ApplicationID != s.App.ID || m.Status != hiring.MessageReceived {
				t.Errorf("%s: thread %q app %q status %q, want the outgoing thread %q", id, m.ThreadID, m.ApplicationID, m.Status, out.ThreadID)
			}
		}
		if m := byID["r3@example.org"]; m.ThreadID == out.ThreadID || m.CandidateID != s.Candidate.ID || !strings.Contains(m.Text, "remote") {
			t.Errorf("by address: %+v", m)
		}
		if !byID["r4@example.org"].Auto || byID["r1@example.org"].Auto {
			t.Errorf("auto flags: r4 %v r1 %v", byID["r4@example.org"].Auto, byID["r1@example.org"].Auto)
		}
		if strings.Contains(byID["r1@example.org"].Text, "\r") || !strings.Contains(byID["r1@example.org"].Text, "Tuesday") {
			t.Errorf("text %q", byID["r1@example.org"].Text)
		}
		if len(spy.got) != 1 || !bytes.Contains(spy.got[0].ICS, []byte("METHOD:REPLY")) || spy.got[0].From != grace {
			t.Errorf("calendar replies %+v", spy.got)
		}
		// Interviewers of the job see the thread's replies; the other team does not see the candidate.
		if _, err := db.CandidateMessages(storetest.As(s.OtherManager), s.Candidate.ID, hiring.PageRequest{}); hiring.ErrorCode(err) != hiring.ENotFound {
			t.Errorf("other team: %v", err)
		}

		// The unassigned inbox: recruiters see and file; interviewers may not.
		if _, err := db.UnassignedMessages(storetest.As(s.Interviewer), hiring.PageRequest{}); hiring.ErrorCode(err) != hiring.EForbidden {
			t.Errorf("interviewer inbox: %v", err)
		}
		un, err := db.UnassignedMessages(storetest.As(s.Recruiter), hiring.PageRequest{Limit: 10})
		if err != nil || len(un.Items) != 1 || un.Items[0].FromEmail != "stranger@example.net" {
			t.Fatalf("unassigned %+v %v", un.Items, err)
		}
		if _, err := db.AssignMessage(storetest.As(s.Recruiter), un.Items[0].ID, "nope"); hiring.ErrorCode(err) != hiring.EInvalid {
			t.Errorf("assign to nobody: %v", err)
		}
		m, err := db.AssignMessage(storetest.As(s.Recruiter), un.Items[0].ID, s.OtherCandidate.ID)
		if err != nil || m.CandidateID != s.OtherCandidate.ID {
			t.Fatalf("assign %+v %v", m, err)
		}
		if _, err := db.AssignMessage(storetest.As(s.Recruiter), un.Items[0].ID, s.Candidate.ID); hiring.ErrorCode(err) != hiring.EConflict {
			t.Errorf("assign twice: %v", err)
		}
		acts, err := db.CandidateActivity(storetest.As(s.Recruiter), s.OtherCandidate.ID, hiring.PageRequest{Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		var seen bool
		for _, a := range acts.Items {
			if a.Action == "message.received" && strings.Contains(a.Summary, "Hello <b>there</b>") {
				seen = true
			}
		}
		if !seen {
			t.Errorf("the filed message is not on the timeline: %+v", acts.Items)
		}
	})
}

// TestInboundBounce: a delivery report (multipart/report, RFC 3464) marks
// the original message bounced and suppresses the address, on the
// timeline; a report about another address changes nothing.
func TestInboundBounce(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		out, err := db.SendMessage(storetest.As(s.Recruiter), hiring.NewMessage{CandidateID: s.Candidate.ID, ApplicationID: s.App.ID, Subject: "Hi", Body: "Hello"})
		if err != nil {
			t.Fatal(err)
		}
		mid := out.ID + "@acme.example"
		if err := db.MessageDelivered(storetest.System(), out.ID, hiring.TransportSMTP, mid); err != nil {
			t.Fatal(err)
		}
		addr, _ := startListener(t, db, nil)
		dsn := func(rcpt string) string {
			return "From: MAILER-DAEMON@mx.example.org\r\nTo: jobs@acme.example\r\nSubject: Undelivered Mail Returned to Sender\r\n" +
				"Auto-Submitted: auto-replied\r\nMessage-ID: <dsn-" + rcpt + ">\r\n" +
				"Content-Type: multipart/report; report-type=delivery-status; boundary=\"RB\"\r\n\r\n" +
				"--RB\r\nContent-Type: text/plain\r\n\r\nThe mail could not be delivered.\r\n" +
				"--RB\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.org\r\n\r\n" +
				"Final-Recipient: rfc822; " + rcpt + "\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 no such user\r\n\r\n" +
				"--RB\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: <" + mid + ">\r\nSubject: Hi\r\n\r\n--RB--\r\n"
		}
		// About another address: ignored.
		if err := smtpSend(addr, "", []string{"jobs@acme.example"}, dsn("someone@else.example")); err != nil {
			t.Fatal(err)
		}
		m, _ := db.Message(storetest.System(), out.ID)
		if m.Status != hiring.MessageSent {
			t.Fatalf("a report about another address changed the message: %s", m.Status)
		}
		if err := smtpSend(addr, "", []string{"jobs@acme.example"}, dsn(s.Candidate.PrimaryEmail())); err != nil {
			t.Fatal(err)
		}
		m, _ = db.Message(storetest.System(), out.ID)
		if m.Status != hiring.MessageBounced || !strings.Contains(m.Error, "5.1.1") {
			t.Errorf("after the report: %s %q", m.Status, m.Error)
		}
		sup, err := db.Suppressed(context.Background(), nil, strings.ToUpper(s.Candidate.PrimaryEmail()))
		if err != nil || !sup {
			t.Errorf("address not suppressed: %v %v", sup, err)
		}
		acts, _ := db.CandidateActivity(storetest.As(s.Recruiter), s.Candidate.ID, hiring.PageRequest{Limit: 50})
		var seen bool
		for _, a := range acts.Items {
			seen = seen || a.Action == "message.bounced"
		}
		if !seen {
			t.Error("the bounce is not on the timeline")
		}
		// The report itself is not filed as a reply.
		un, _ := db.UnassignedMessages(storetest.As(s.Admin), hiring.PageRequest{})
		if len(un.Items) != 0 {
			t.Errorf("the report went to the inbox: %+v", un.Items)
		}
	})
}

// TestInboundHostile: hostile mail is refused or stored safely and the
// listener keeps answering.
func TestInboundHostile(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		storetest.Seed(t, db)
		addr, _ := startListener(t, db, nil)
		send := func(raw string) error { return smtpSend(addr, "x@example.net", []string{"jobs@acme.example"}, raw) }
		var deep strings.Builder
		deep.WriteString("From: x@example.net\r\nSubject: deep\r\nMessage-ID: <deep@x>\r\nContent-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n")
		for i := 0; i < 100; i++ {
			fmt.Fprintf(&deep, "--b%d\r\nContent-Type: multipart/mixed; boundary=\"b%d\"\r\n\r\n", i, i+1)
		}
		deep.WriteString("--b100\r\nContent-Type: text/plain\r\n\r\ndeep text\r\n")
		for i := 100; i >= 0; i-- {
			fmt.Fprintf(&deep, "--b%d--\r\n", i)
		}
		cases := []struct {
			name string
			raw  string
			ok   bool
		}{
			{"nested 100 deep", deep.String(), true},
			{"8-bit headers", "From: J\xfcrgen <j@example.net>\r\nSubject: Gr\xfc\xdfe \xff\xfe\r\nMessage-ID: <8bit@x>\r\n\r\nHallo\r\n", true},
			{"bad boundary", "From: x@example.net\r\nSubject: bad\r\nMessage-ID: <bad@x>\r\nContent-Type: multipart/mixed; boundary=\"zz\"\r\n\r\n--zz\r\nContent-Type: text/plain\r\n\r\nunterminated", true},
			{"broken content type", "From: x@example.net\r\nSubject: ct\r\nMessage-ID: <ct@x>\r\nContent-Type: text/;;;=\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!notbase64\x00\r\n", true},
			{"no header", "\x00\x01\x02 garbage without a colon\r\n", false},
		}
		for _, c := range cases {
			err := send(c.raw)
			if c.ok && err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			if !c.ok && (smtpCode(err) < 500 || smtpCode(err) > 599) {
				t.Errorf("%s: %v, want a 5xx refusal", c.name, err)
			}
		}
		// 26 MB: over the announced size.
		big := "From: x@example.net\r\nSubject: big\r\n\r\n" + strings.Repeat(strings.Repeat("a", 998)+"\r\n", 26<<20/1000)
		if err := send(big); smtpCode(err) != 552 {
			t.Errorf("26 MB: %v, want 552", err)
		}
		// Still up, and what was accepted is readable text.
		if err := send("From: x@example.net\r\nSubject: after\r\nMessage-ID: <after@x>\r\n\r\nstill here\r\n"); err != nil {
			t.Fatalf("after hostile mail: %v", err)
		}
		un, err := db.UnassignedMessages(storetest.System(), hiring.PageRequest{Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]hiring.Message{}
		for _, m := range un.Items {
			got[m.MessageID] = m
		}
		if len(got) != 5 {
			t.Errorf("%d stored, want 5: %v", len(got), got)
		}
		// Parts below the depth bound are skipped, not followed 100 levels down.
		if _, ok := got["deep@x"]; !ok || strings.Contains(got["deep@x"].Text, "deep text") || got["after@x"].Text != "still here" {
			t.Errorf("texts: deep %q after %q", got["deep@x"].Text, got["after@x"].Text)
		}
		if s := got["8bit@x"].Subject; !strings.HasPrefix(s, "Gr") || strings.ContainsRune(s, 0) {
			t.Errorf("8-bit subject %q", s)
		}
	})
}
