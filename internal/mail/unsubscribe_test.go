package mail_test

import (
	"bytes"
	"net/mail"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	cmail "github.com/candor-ats/candor/internal/mail"
)

// TestUnsubscribeHeaders: mail about no application carries List-Unsubscribe
// with the one-click POST header (RFC 8058); mail about an application does
// not. The link token is not a reply token and a reply token is not a link
// token.
func TestUnsubscribeHeaders(t *testing.T) {
	t.Parallel()
	unsub := cmail.NewUnsubscribeTokens(testSecret)
	ob := &cmail.Outbox{From: cmail.Address{Name: "Acme", Email: "jobs@acme.example"}, Tokens: cmail.NewTokens(testSecret),
		UnsubscribeURL: func(id string) string { return "https://jobs.acme.example/unsubscribe/" + unsub.Token(id) }}
	base := hiring.Message{ID: "019bde4f-7283-7000-8000-000002cef2c3", ThreadID: "019bde4f-7283-7000-8000-000002cef2c3",
		ToEmail: "ada@example.org", Subject: "Hello", Text: "Hi"}
	headers := func(m hiring.Message) mail.Header {
		var b bytes.Buffer
		if _, err := ob.Build(m).WriteTo(&b); err != nil {
			t.Fatal(err)
		}
		msg, err := mail.ReadMessage(&b)
		if err != nil {
			t.Fatal(err)
		}
		return msg.Header
	}
	h := headers(base)
	want := "<https://jobs.acme.example/unsubscribe/" + unsub.Token(base.ID) + ">"
	if h.Get("List-Unsubscribe") != want || h.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" {
		t.Errorf("outreach headers: %q %q", h.Get("List-Unsubscribe"), h.Get("List-Unsubscribe-Post"))
	}
	if id, ok := unsub.Thread(unsub.Token(base.ID)); !ok || id != base.ID {
		t.Errorf("link token round trip: %q %v", id, ok)
	}
	if _, ok := ob.Tokens.Thread(unsub.Token(base.ID)); ok {
		t.Error("an unsubscribe token passes as a reply token")
	}
	if _, ok := unsub.Thread(ob.Tokens.Token(base.ID)); ok {
		t.Error("a reply token passes as an unsubscribe token")
	}
	about := base
	about.ApplicationID = "019bde4f-0000-7000-8000-000000000001"
	if h := headers(about); h.Get("List-Unsubscribe") != "" || h.Get("List-Unsubscribe-Post") != "" {
		t.Errorf("transactional mail has unsubscribe headers: %v", h)
	}
}
