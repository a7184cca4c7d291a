package mail_test

import (
	"context"
	"net"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"

	"github.com/candor-ats/candor/internal/hiring"
	cmail "github.com/candor-ats/candor/internal/mail"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// startIMAP runs go-imap's in-memory server with one user and INBOX.
func startIMAP(t *testing.T) string {
	t.Helper()
	mem := imapmemserver.New()
	u := imapmemserver.NewUser("candor", "secret")
	if err := u.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	mem.AddUser(u)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
		InsecureAuth: true,
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return ln.Addr().String()
}

func imapAppend(t *testing.T, addr, raw string) {
	t.Helper()
	c, err := imapclient.DialInsecure(addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login("candor", "secret").Wait(); err != nil {
		t.Fatal(err)
	}
	cmd := c.Append("INBOX", int64(len(raw)), nil)
	if _, err := cmd.Write([]byte(raw)); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
}

// TestIMAPPolling: unseen mail in the polled mailbox is filed like mail
// from the listener (a reply by In-Reply-To on its candidate, a stranger's
// mail unassigned, a header that cannot be read left for a person) and
// marked seen, so the next poll files nothing again.
func TestIMAPPolling(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		out, err := db.SendMessage(storetest.As(s.Recruiter), hiring.NewMessage{CandidateID: s.Candidate.ID, ApplicationID: s.App.ID, Subject: "Hi", Body: "Hello"})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.MessageDelivered(storetest.System(), out.ID, hiring.TransportSMTP, out.ID+"@acme.example"); err != nil {
			t.Fatal(err)
		}
		addr := startIMAP(t)
		imapAppend(t, addr, "From: "+s.Candidate.PrimaryEmail()+"\r\nTo: jobs@acme.example\r\nSubject: Re: Hi\r\nMessage-ID: <i1@example.org>\r\nIn-Reply-To: <"+out.ID+"@acme.example>\r\n\r\nYes please.\r\n")
		imapAppend(t, addr, "From: nobody@example.net\r\nTo: jobs@acme.example\r\nSubject: Hello\r\nMessage-ID: <i2@example.net>\r\n\r\nHi.\r\n")
		imapAppend(t, addr, "no header here at all\r\n")
		cfg, err := cmail.ParseIMAPURL("imap://candor:secret@" + addr + "/INBOX?tls=none")
		if err != nil {
			t.Fatal(err)
		}
		p := &cmail.IMAPPoller{Config: cfg, Inbox: &cmail.Inbox{Store: db, Tokens: cmail.NewTokens(testSecret), Domain: "acme.example"}}
		n, err := p.Poll(context.Background())
		if err != nil || n != 2 {
			t.Fatalf("poll: %d filed, %v; want 2", n, err)
		}
		n, err = p.Poll(context.Background())
		if err != nil || n != 0 {
			t.Fatalf("second poll: %d filed, %v; want 0", n, err)
		}
		page, err := db.CandidateMessages(storetest.As(s.Recruiter), s.Candidate.ID, hiring.PageRequest{Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		var reply *hiring.Message
		for i, m := range page.Items {
			if m.MessageID == "i1@example.org" {
				reply = &page.Items[i]
			}
		}
		if reply == nil || reply.ThreadID != out.ThreadID || reply.Status != hiring.MessageReceived || reply.Text != "Yes please." {
			t.Errorf("reply %+v", reply)
		}
		un, _ := db.UnassignedMessages(storetest.As(s.Admin), hiring.PageRequest{})
		if len(un.Items) != 1 || un.Items[0].MessageID != "i2@example.net" {
			t.Errorf("unassigned %+v", un.Items)
		}
	})
}

func TestParseIMAPURL(t *testing.T) {
	t.Parallel()
	c, err := cmail.ParseIMAPURL("imaps://jobs%40acme.example:p%40ss@imap.acme.example/Replies")
	if err != nil || c.Addr != "imap.acme.example:993" || c.TLS != "implicit" || c.User != "jobs@acme.example" || c.Password != "p@ss" || c.Mailbox != "Replies" {
		t.Errorf("%+v %v", c, err)
	}
	c, err = cmail.ParseIMAPURL("imap://u:p@localhost")
	if err != nil || c.Addr != "localhost:143" || c.TLS != "starttls" || c.Mailbox != "INBOX" {
		t.Errorf("%+v %v", c, err)
	}
	for _, bad := range []string{"http://u:p@host", "imap://host", "imaps://u:p@/x", "imap://u:p@h?tls=maybe"} {
		if _, err := cmail.ParseIMAPURL(bad); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}
