package web_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/app/apptest"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// TestDevMailbox: with nothing configured, a message goes through the real
// queue and outbox into the dev mailbox, which admins (only) read.
func TestDevMailbox(t *testing.T) {
	t.Parallel()
	f := newFixture(t, apptest.Options{StartQueue: true})
	m, err := f.app.DB.SendMessage(storetest.As(f.recruiter), hiring.NewMessage{CandidateID: f.cand.ID, ApplicationID: f.appl.ID,
		Subject: "Your interview <b>next week</b>", Body: "Hello Ada,\n\nsee you **soon**."})
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		got, err := f.app.DB.Message(f.app.System(), m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status == hiring.MessageSent {
			if got.Transport != hiring.TransportDevMailbox {
				t.Fatalf("transport %q", got.Transport)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("message still %s", got.Status)
		}
		time.Sleep(50 * time.Millisecond)
	}
	c := f.as(f.admin)
	f.get(c, "/admin/mailbox").must(t, http.StatusOK, `id="mailbox-table"`, "Your interview &lt;b&gt;next week&lt;/b&gt;", "ada@example.com")
	f.get(c, "/admin/mailbox/"+m.ID).must(t, http.StatusOK, `id="mailbox-body"`, "see you **soon**.", m.ID+"@")
	f.get(f.as(f.recruiter), "/admin/mailbox").must(t, http.StatusForbidden)
	f.get(c, "/admin/mailbox/nope").must(t, http.StatusNotFound)
}
