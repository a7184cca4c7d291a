package store_test

import (
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// TestSuppressionList: admins keep the list; mail about no application
// (outreach) is refused for a listed address while mail about an
// application still goes; the unsubscribe link lists the address it was
// sent to and says so on the timeline.
func TestSuppressionList(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		grace := s.Candidate.PrimaryEmail()
		_, err := db.AddSuppression(storetest.As(s.Recruiter), grace, "")
		wantCode(t, err, hiring.EForbidden)
		_, err = db.AddSuppression(storetest.As(s.Admin), "not an address", "")
		wantCode(t, err, hiring.EInvalid)
		sup, err := db.AddSuppression(storetest.As(s.Admin), "  ALAN@example.org ", "asked by phone")
		ok(t, err)
		if sup.Email != "alan@example.org" || sup.Reason != hiring.SuppressManual || sup.CreatedBy != s.Admin.Name {
			t.Errorf("added %+v", sup)
		}
		// Outreach to Alan (no application): refused; about his application: sent.
		_, err = db.SendMessage(storetest.As(s.Recruiter), hiring.NewMessage{CandidateID: s.OtherCandidate.ID, Subject: "A new role", Body: "Hi"})
		wantCode(t, err, hiring.EInvalid)
		_, err = db.SendMessage(storetest.As(s.Admin), hiring.NewMessage{CandidateID: s.OtherCandidate.ID, ApplicationID: s.OtherApp.ID, Subject: "Your interview", Body: "Hi"})
		ok(t, err)
		page, err := db.Suppressions(storetest.As(s.Admin), "alan", hiring.PageRequest{})
		ok(t, err)
		if len(page.Items) != 1 {
			t.Fatalf("filtered list %+v", page.Items)
		}
		if p, _ := db.Suppressions(storetest.As(s.Admin), "nobody", hiring.PageRequest{}); len(p.Items) != 0 {
			t.Errorf("filter nobody: %+v", p.Items)
		}
		_, err = db.Suppressions(storetest.As(s.Recruiter), "", hiring.PageRequest{})
		wantCode(t, err, hiring.EForbidden)
		ok(t, db.RemoveSuppression(storetest.As(s.Admin), "Alan@Example.org"))
		wantCode(t, db.RemoveSuppression(storetest.As(s.Admin), "alan@example.org"), hiring.ENotFound)
		_, err = db.SendMessage(storetest.As(s.Recruiter), hiring.NewMessage{CandidateID: s.OtherCandidate.ID, Subject: "A new role", Body: "Hi"})
		ok(t, err)

		// The unsubscribe link of an outreach mail to Grace.
		m, err := db.SendMessage(storetest.As(s.Recruiter), hiring.NewMessage{CandidateID: s.Candidate.ID, Subject: "Stay in touch", Body: "Hi"})
		ok(t, err)
		wantCode(t, db.Unsubscribe(storetest.As(s.Admin), m.ID), hiring.ENotFound) // people do not call it
		addr, err := db.UnsubscribeAddress(storetest.System(), m.ID)
		ok(t, err)
		if addr != grace {
			t.Errorf("address %q", addr)
		}
		ok(t, db.Unsubscribe(storetest.System(), m.ID))
		ok(t, db.Unsubscribe(storetest.System(), m.ID)) // twice: harmless
		if sup, err := db.Suppressed(storetest.System(), nil, grace); err != nil || !sup {
			t.Fatalf("not suppressed after unsubscribing: %v %v", sup, err)
		}
		_, err = db.SendMessage(storetest.As(s.Recruiter), hiring.NewMessage{CandidateID: s.Candidate.ID, Subject: "Another role", Body: "Hi"})
		wantCode(t, err, hiring.EInvalid)
		acts, err := db.CandidateActivity(storetest.As(s.Recruiter), s.Candidate.ID, hiring.PageRequest{Limit: 50})
		ok(t, err)
		n := 0
		for _, a := range acts.Items {
			if a.Action == "message.unsubscribed" {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d unsubscribe entries on the timeline, want 1", n)
		}
		list, err := db.Suppressions(storetest.As(s.Admin), "", hiring.PageRequest{})
		ok(t, err)
		if len(list.Items) != 1 || list.Items[0].Reason != hiring.SuppressUnsubscribed || list.Items[0].CreatedBy != "" {
			t.Errorf("list %+v", list.Items)
		}
	})
}
