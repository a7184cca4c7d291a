package e2e

import (
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// ownNotification is a notification of the acting user: the system mentions
// them in a note on the seeded candidate, whom every role sees. Anonymous
// cells address the admin's (they are sent to log in before it matters).
var ownNotification = id(func(w *world) string {
	u := w.f.user(w.role)
	if u.ID == "" {
		u = w.f.seed.Admin
	}
	handle, _, _ := strings.Cut(u.Email, "@")
	if _, err := w.f.app.DB.AddNote(w.f.sys(), hiring.NewNote{CandidateID: w.f.seed.Candidate.ID, Body: "Matrix ping @" + handle}); err != nil {
		w.t.Fatalf("mention note: %v", err)
	}
	ns, err := w.f.app.DB.Notifications(storetest.As(u), 1)
	if err != nil || len(ns) == 0 {
		w.t.Fatalf("notification of %s: %v, %v", u.Email, ns, err)
	}
	return ns[0].ID
})

// notificationRules: everyone signed in has notifications of their own and
// colleagues to mention; someone else's notification is not found (store test).
func notificationRules() map[string]rule {
	return map[string]rule{
		"GET /notifications":            {expect: member, path: noParams},
		"POST /notifications/read":      {expect: member, path: noParams, body: noBody},
		"POST /notifications/{id}/open": {expect: member, path: ownNotification, body: noBody},
		"GET /mentions":                 {expect: member, path: noParams},
		// The parsed name chosen over the record's: an edit of the candidate.
		"POST /candidates/{id}/name": {perJob: true, expect: editCandidate, path: candID, body: func(w *world) payload {
			return form("first_name", "Renamed", "last_name", "From Resume", "version", itoa(w.Candidate().Version))
		}},
	}
}
