package store_test

import (
	"errors"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// TestProspects: a prospect is a candidate without an application, owned
// by and credited to the sourcer; a second prospect with the same profile,
// however the URL is written, is refused naming the one on file; only
// admins and recruiters add prospects.
func TestProspects(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		rec := storetest.As(s.Recruiter)
		c, err := db.CreateProspect(rec, hiring.ProspectInput{Name: "Ada King Lovelace", URL: "https://www.linkedin.com/in/ada-lovelace/?trk=x"})
		ok(t, err)
		if c.FirstName != "Ada King" || c.LastName != "Lovelace" || c.OwnerID != s.Recruiter.ID || c.Source != "Sourced (LinkedIn)" ||
			len(c.Links) != 1 || c.Links[0].Kind != hiring.LinkLinkedIn || len(c.Emails) != 0 {
			t.Fatalf("prospect %+v", c)
		}
		apps, err := db.ListApplications(rec, hiring.ApplicationFilter{CandidateID: c.ID}, hiring.PageRequest{})
		ok(t, err)
		if len(apps.Items) != 0 {
			t.Fatalf("a prospect has applications: %+v", apps.Items)
		}
		if n := countActivity(t, db, "candidate.sourced"); n != 1 {
			t.Fatalf("sourced activity rows = %d", n)
		}
		for _, dup := range []string{"linkedin.com/in/ADA-LOVELACE", "http://uk.linkedin.com/in/ada-lovelace#about"} {
			_, err = db.CreateProspect(rec, hiring.ProspectInput{Name: "Someone Else", URL: dup})
			wantField(t, err, hiring.EConflict, "url")
			var ex *hiring.ProspectExists
			if !errors.As(err, &ex) || ex.CandidateID != c.ID {
				t.Fatalf("%s: the conflict does not name %s: %v", dup, c.ID, err)
			}
		}
		// GitHub, with an optional email; then the same account written otherwise.
		g, err := db.CreateProspect(rec, hiring.ProspectInput{Name: "Linus", URL: "github.com/Torvalds", Email: "Linus@Example.org"})
		ok(t, err)
		if g.Source != "Sourced (GitHub)" || g.Links[0].URL != "https://github.com/Torvalds" || g.PrimaryEmail() != "linus@example.org" {
			t.Fatalf("github prospect %+v", g)
		}
		for _, dup := range []string{"https://github.com/torvalds/", "https://www.github.com/TORVALDS?tab=repositories"} {
			_, err = db.CreateProspect(rec, hiring.ProspectInput{Name: "L T", URL: dup})
			wantField(t, err, hiring.EConflict, "url")
		}
		// A GitHub user whose name extends another's is not a duplicate.
		_, err = db.CreateProspect(rec, hiring.ProspectInput{Name: "Other", URL: "https://github.com/torvalds2"})
		ok(t, err)
		// Bad input.
		for _, in := range []hiring.ProspectInput{{Name: "", URL: "https://github.com/x"}, {Name: "X", URL: "https://example.org/in/x"},
			{Name: "X", URL: "https://github.com/orgs"}, {Name: "X", URL: "javascript:alert(1)"}, {Name: "X", URL: "https://github.com/%27;--"}} {
			_, err = db.CreateProspect(rec, in)
			wantCode(t, err, hiring.EInvalid)
		}
		for _, u := range []hiring.User{s.Manager, s.Interviewer} {
			_, err = db.CreateProspect(storetest.As(u), hiring.ProspectInput{Name: "Y", URL: "https://github.com/y"})
			wantCode(t, err, hiring.EForbidden)
		}
	})
}
