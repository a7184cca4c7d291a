package mail_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"
	"time"

	cmail "github.com/candor-ats/candor/internal/mail"
	"github.com/candor-ats/candor/internal/mail/mailtest"
)

func TestParseSMTPURL(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want cmail.SMTPConfig
		bad  bool
	}{
		{in: "smtp://mail.example.com", want: cmail.SMTPConfig{Host: "mail.example.com", Port: 587}},
		{in: "smtp://u%40x:p%3Aw@mail.example.com:2525?tls=required", want: cmail.SMTPConfig{Host: "mail.example.com", Port: 2525, Username: "u@x", Password: "p:w", TLS: cmail.TLSRequired}},
		{in: "smtps://u:p@mail.example.com", want: cmail.SMTPConfig{Host: "mail.example.com", Port: 465, Username: "u", Password: "p", TLS: cmail.TLSImplicit}},
		{in: "smtp://127.0.0.1:25?tls=none", want: cmail.SMTPConfig{Host: "127.0.0.1", Port: 25, TLS: cmail.TLSNone}},
		{in: "http://mail.example.com", bad: true},
		{in: "smtp://", bad: true},
		{in: "smtp://h:99999", bad: true},
		{in: "smtp://h/path", bad: true},
		{in: "smtps://h?tls=none", bad: true},
		{in: "smtp://h?foo=bar", bad: true},
	} {
		got, err := cmail.ParseSMTPURL(tc.in)
		if tc.bad {
			if err == nil {
				t.Errorf("%s: no error", tc.in)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s: %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
	c, _ := cmail.ParseSMTPURL("smtp://u:secret@h:25?tls=required")
	if r := c.Redacted(); strings.Contains(r, "secret") || r != "smtp://u@h:25?tls=required" {
		t.Errorf("redacted %q", r)
	}
}

func TestAddressesAndInjection(t *testing.T) {
	for _, bad := range []string{"", "a", "a@", "x\r\nBcc: evil@example.com", "Name\n <a@b.example>", "a@b.example, c@d.example"} {
		if _, err := cmail.ParseAddress(bad); err == nil {
			t.Errorf("ParseAddress(%q) accepted", bad)
		}
	}
	a, err := cmail.ParseAddress(`"Acme Jobs" <jobs@acme.example>`)
	if err != nil || a.Name != "Acme Jobs" || a.Email != "jobs@acme.example" {
		t.Fatalf("%+v %v", a, err)
	}
	if cmail.ValidEmail("Ada <a@b.example>") || !cmail.ValidEmail("a@b.example") {
		t.Error("ValidEmail")
	}
	m := testMessage()
	m.Subject = "Hello\r\nBcc: evil@example.com"
	if _, err := m.Build(); !cmail.Permanent(err) || !errors.Is(err, cmail.ErrHeaderInjection) {
		t.Errorf("subject injection: %v", err)
	}
	m = testMessage()
	m.To.Name = "Ada\nBcc: evil@example.com"
	if _, err := m.Build(); !errors.Is(err, cmail.ErrHeaderInjection) {
		t.Errorf("name injection: %v", err)
	}
}

func TestTokens(t *testing.T) {
	tk := cmail.NewTokens("0123456789abcdef0123456789abcdef")
	id := "0190d3a4-7b1c-7def-8abc-0123456789ab"
	tok := tk.Token(id)
	if got, ok := tk.Thread(tok); !ok || got != id {
		t.Fatalf("round trip %q %v", got, ok)
	}
	if got, ok := tk.Thread(strings.ToUpper(tok)); !ok || got != id {
		t.Fatalf("upper-cased token %q %v", got, ok)
	}
	forged := tok[:len(tok)-1] + string("0123456789abcdef"[(strings.IndexByte("0123456789abcdef", tok[len(tok)-1])+1)%16])
	if _, ok := tk.Thread(forged); ok {
		t.Error("forged token accepted")
	}
	if _, ok := cmail.NewTokens("another secret key, 32 chars long!").Thread(tok); ok {
		t.Error("token of another instance accepted")
	}
	for _, bad := range []string{"", "x", strings.Repeat("z", 52)} {
		if _, ok := tk.Thread(bad); ok {
			t.Errorf("%q accepted", bad)
		}
	}
	ra := cmail.ReplyAddress(cmail.Address{Name: "Acme", Email: "jobs@acme.example"}, tok)
	if ra.Email != "jobs+"+tok+"@acme.example" || cmail.TokenOf(ra.Email) != tok || !cmail.ValidEmail(ra.Email) {
		t.Errorf("reply address %+v", ra)
	}
}

func testMessage() *cmail.Message {
	return &cmail.Message{
		MessageID: "0190d3a4-7b1c-7def-8abc-0123456789ab@acme.example",
		From:      cmail.Address{Name: "Acme Jobs", Email: "jobs@acme.example"},
		To:        cmail.Address{Name: "Zoë Ünal", Email: "zoe@candidate.example"},
		ReplyTo:   cmail.Address{Name: "Acme Jobs", Email: "jobs+tok@acme.example"},
		Subject:   "Your application — Backend Engineer",
		Text:      "Hello Zoë,\n\nthanks.\n",
		HTML:      "<p>Hello Zoë,</p><p>thanks.</p>",
		Date:      time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC),
	}
}

func TestSendMIMEStructure(t *testing.T) {
	srv := mailtest.Start(t)
	cfg, err := cmail.ParseSMTPURL(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	s := cmail.NewSender(cmail.SenderOptions{SMTP: cfg})
	defer s.Close()
	m := testMessage()
	m.InReplyTo = "parent@acme.example"
	m.References = []string{"root@acme.example", "parent@acme.example"}
	m.Unsubscribe = "https://jobs.acme.example/unsubscribe/abc"
	m.Attachments = []cmail.Attachment{{Name: "cv.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4 test")}}
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	got := srv.Wait(t, 1, 5*time.Second)
	if got[0].From != "jobs@acme.example" || len(got[0].To) != 1 || got[0].To[0] != "zoe@candidate.example" {
		t.Errorf("envelope %q → %q", got[0].From, got[0].To)
	}
	msg, err := mail.ReadMessage(bytes.NewReader(got[0].Data))
	if err != nil {
		t.Fatal(err)
	}
	h := msg.Header
	dec := new(mime.WordDecoder)
	subj, _ := dec.DecodeHeader(h.Get("Subject"))
	for name, want := range map[string]string{
		"Message-Id":            "<" + m.MessageID + ">",
		"In-Reply-To":           "<parent@acme.example>",
		"References":            "<root@acme.example> <parent@acme.example>",
		"List-Unsubscribe":      "<https://jobs.acme.example/unsubscribe/abc>",
		"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
	} {
		if h.Get(name) != want {
			t.Errorf("%s = %q, want %q", name, h.Get(name), want)
		}
	}
	if subj != m.Subject {
		t.Errorf("subject %q", subj)
	}
	if to, err := h.AddressList("To"); err != nil || to[0].Name != "Zoë Ünal" {
		t.Errorf("To %v %v", to, err)
	}
	if rt, err := h.AddressList("Reply-To"); err != nil || rt[0].Address != "jobs+tok@acme.example" {
		t.Errorf("Reply-To %v %v", rt, err)
	}
	// multipart/mixed { multipart/alternative { text/plain, text/html }, application/pdf }
	mt, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil || mt != "multipart/mixed" {
		t.Fatalf("top type %q %v", mt, err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	p, err := mr.NextPart()
	if err != nil {
		t.Fatal(err)
	}
	at, aparams, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
	if at != "multipart/alternative" {
		t.Fatalf("first part %q", at)
	}
	ar := multipart.NewReader(p, aparams["boundary"])
	var kinds []string
	for {
		pp, err := ar.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		ct, _, _ := mime.ParseMediaType(pp.Header.Get("Content-Type"))
		kinds = append(kinds, ct)
	}
	if strings.Join(kinds, ",") != "text/plain,text/html" {
		t.Errorf("alternatives %v", kinds)
	}
	p, err = mr.NextPart()
	if err != nil {
		t.Fatal(err)
	}
	if ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type")); ct != "application/pdf" || p.FileName() != "cv.pdf" {
		t.Errorf("attachment %q %q", ct, p.FileName())
	}
}

func TestSendReusesConnectionAndClassifiesReplies(t *testing.T) {
	srv := mailtest.Start(t)
	cfg, _ := cmail.ParseSMTPURL(srv.URL())
	s := cmail.NewSender(cmail.SenderOptions{SMTP: cfg, Conns: 1, PerDomain: 1000, Burst: 1000})
	defer s.Close()
	ctx := context.Background()
	for i := range 5 {
		m := testMessage()
		m.MessageID = strings.Replace(m.MessageID, "0123", string(rune('a'+i))+"123", 1)
		if err := s.Send(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	if n := srv.Sessions(); n != 1 {
		t.Errorf("%d connections for 5 messages, want 1", n)
	}
	srv.Refuse(func([]byte) error { return mailtest.TempFail() })
	err := s.Send(ctx, testMessage())
	if err == nil || cmail.Permanent(err) {
		t.Errorf("451: %v (permanent %v)", err, cmail.Permanent(err))
	}
	srv.Refuse(func([]byte) error { return mailtest.PermFail() })
	err = s.Send(ctx, testMessage())
	var pe *cmail.PermanentError
	if !errors.As(err, &pe) || pe.Code != 550 {
		t.Errorf("550: %v", err)
	}
	srv.Refuse(nil)
	if err := s.Send(ctx, testMessage()); err != nil {
		t.Errorf("after refusals: %v", err)
	}
	if n := len(srv.Received()); n != 6 {
		t.Errorf("received %d, want 6", n)
	}
}

func TestSendUnreachableIsTemporary(t *testing.T) {
	s := cmail.NewSender(cmail.SenderOptions{SMTP: cmail.SMTPConfig{Host: "127.0.0.1", Port: 1, TLS: cmail.TLSNone}, Timeout: 2 * time.Second})
	err := s.Send(context.Background(), testMessage())
	if err == nil || cmail.Permanent(err) {
		t.Errorf("unreachable server: %v", err)
	}
}
