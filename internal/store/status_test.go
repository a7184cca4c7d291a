package store_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

var statusURL = regexp.MustCompile(`https://ats\.example/status/([A-Za-z0-9_-]{43})`)

// statusSecret queues a mail using {{status_link}} to the seeded candidate
// and returns the secret of the link in it.
func statusSecret(t *testing.T, db *store.DB, s *storetest.Seeded, app hiring.Application) string {
	t.Helper()
	m, err := db.SendMessage(storetest.As(s.Recruiter), hiring.NewMessage{CandidateID: app.CandidateID, ApplicationID: app.ID,
		Subject: "Your status", Body: "See {{status_link}} any time."})
	ok(t, err)
	got := statusURL.FindStringSubmatch(m.Text)
	if got == nil || !strings.Contains(m.HTML, `<a href="`+got[0]+`"`) {
		t.Fatalf("no status link in text %q / html %q", m.Text, m.HTML)
	}
	return got[1]
}

func TestStatusPageTokenScopeAndExpiry(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		db.SetPublicURL("https://ats.example/")
		ctx := context.Background() // no actor: the hash is the capability
		secret := statusSecret(t, db, s, s.App)
		second := statusSecret(t, db, s, s.App)
		if secret == second {
			t.Fatal("two mails carried the same status link; each must mint its own")
		}
		v, err := db.StatusPage(ctx, hiring.HashStatusToken(secret), "en")
		ok(t, err)
		if v.CandidateID != s.Candidate.ID || len(v.Applications) == 0 {
			t.Fatalf("status view %+v", v)
		}
		for _, a := range v.Applications {
			if a.Label == "" || strings.Contains(a.Label, s.Stages[0].Name) && s.Stages[0].Name != hiring.DefaultStageLabels["en"][string(s.Stages[0].Kind)] {
				t.Errorf("application %s shows label %q (want the kind's candidate label, never the internal stage name)", a.ID, a.Label)
			}
		}
		// A preview mints nothing and shows a placeholder.
		pv, err := db.PreviewMessage(storetest.As(s.Recruiter), hiring.NewMessage{CandidateID: s.Candidate.ID, Subject: "x", Body: "{{status_link}}"})
		ok(t, err)
		if statusURL.MatchString(pv.Text) || !strings.Contains(pv.Text, "/status/") {
			t.Errorf("preview text %q", pv.Text)
		}

		// Unknown, malformed and other-purpose hashes open nothing.
		for _, h := range []string{"", "short", hiring.HashStatusToken("not-a-minted-secret-but-long-enough-to-try"), strings.Repeat("0", 64)} {
			_, err := db.StatusPage(ctx, h, "en")
			wantCode(t, err, hiring.ENotFound)
		}
		_, err = db.Writer().ExecContext(ctx, "UPDATE status_links SET purpose = 'other' WHERE token_hash = $1", hiring.HashStatusToken(second))
		ok(t, err)
		_, err = db.StatusPage(ctx, hiring.HashStatusToken(second), "en")
		wantCode(t, err, hiring.ENotFound)
		wantCode(t, db.StatusSetConsent(ctx, hiring.HashStatusToken(second), true), hiring.ENotFound)

		// Scope: the link withdraws its own candidate's applications only.
		wantCode(t, db.StatusWithdraw(ctx, hiring.HashStatusToken(secret), s.OtherApp.ID), hiring.ENotFound)
		if s.OtherApp.CandidateID == s.Candidate.ID {
			t.Fatal("seed: the other application belongs to the same candidate")
		}
		ok(t, db.StatusWithdraw(ctx, hiring.HashStatusToken(secret), s.App.ID))
		app, err := db.Application(storetest.As(s.Admin), s.App.ID)
		ok(t, err)
		if app.Status != hiring.AppWithdrawn {
			t.Fatalf("status %s after withdrawing", app.Status)
		}
		err = db.StatusWithdraw(ctx, hiring.HashStatusToken(secret), s.App.ID)
		wantCode(t, err, hiring.EConflict)
		v, err = db.StatusPage(ctx, hiring.HashStatusToken(secret), "de")
		ok(t, err)
		for _, a := range v.Applications {
			if a.ID == s.App.ID && (a.CanWithdraw || a.Label != hiring.DefaultStageLabels["de"][hiring.LabelWithdrawn]) {
				t.Errorf("withdrawn application shows %+v", a)
			}
		}

		// Contact details and consent, recorded as the candidate's doing.
		wantCode(t, db.StatusUpdateContact(ctx, hiring.HashStatusToken(secret), hiring.StatusContact{Email: "not an address"}), hiring.EInvalid)
		wantCode(t, db.StatusUpdateContact(ctx, hiring.HashStatusToken(secret), hiring.StatusContact{Email: "a@b.example", Location: "x\ny"}), hiring.EInvalid)
		ok(t, db.StatusUpdateContact(ctx, hiring.HashStatusToken(secret), hiring.StatusContact{Email: "New@Example.org", Phone: "+49 30 1234567", Location: "Berlin"}))
		ok(t, db.StatusSetConsent(ctx, hiring.HashStatusToken(secret), true))
		c, err := db.Candidate(storetest.As(s.Admin), s.Candidate.ID)
		ok(t, err)
		if c.PrimaryEmail() != "new@example.org" || c.Location != "Berlin" || !c.Consent.Marketing || c.Consent.ConsentSource != "status page" {
			t.Fatalf("candidate after status changes: %+v", c)
		}
		if len(c.Emails) < 2 {
			t.Errorf("the earlier email was dropped: %v", c.Emails)
		}

		// Expiry.
		_, err = db.Writer().ExecContext(ctx, "UPDATE status_links SET expires_at = $1 WHERE token_hash = $2",
			store.TimeArg(time.Now().Add(-time.Minute)), hiring.HashStatusToken(secret))
		ok(t, err)
		_, err = db.StatusPage(ctx, hiring.HashStatusToken(secret), "en")
		wantCode(t, err, hiring.ENotFound)
		wantCode(t, db.StatusSetConsent(ctx, hiring.HashStatusToken(secret), false), hiring.ENotFound)
	})
}

func TestStageLabels(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		_, err := db.StageLabels(storetest.As(s.Recruiter))
		wantCode(t, err, hiring.EForbidden)
		wantCode(t, db.SetStageLabels(storetest.As(s.Recruiter), []hiring.StageLabel{{Key: "screen", Language: "en", Label: "x"}}), hiring.EForbidden)
		admin := storetest.As(s.Admin)
		wantCode(t, db.SetStageLabels(admin, []hiring.StageLabel{{Key: "nope", Language: "en", Label: "x"}}), hiring.EInvalid)
		wantCode(t, db.SetStageLabels(admin, []hiring.StageLabel{{Key: "screen", Language: "fr", Label: "x"}}), hiring.EInvalid)
		wantCode(t, db.SetStageLabels(admin, []hiring.StageLabel{{Key: "screen", Language: "en", Label: "a\nb"}}), hiring.EInvalid)
		ok(t, db.SetStageLabels(admin, []hiring.StageLabel{{Key: string(s.Stages[0].Kind), Language: "en", Label: "We are reading it <b>now</b>"}}))
		db.SetPublicURL("https://ats.example")
		// A fresh application in the first stage shows the admin's label.
		secret := statusSecret(t, db, s, s.App)
		v, err := db.StatusPage(context.Background(), hiring.HashStatusToken(secret), "en")
		ok(t, err)
		found := false
		for _, a := range v.Applications {
			if a.ID == s.App.ID {
				found = true
				if a.StageKind == s.Stages[0].Kind && a.Label != "We are reading it <b>now</b>" {
					t.Errorf("label %q", a.Label)
				}
			}
		}
		if !found {
			t.Fatal("the application is missing from its candidate's status page")
		}
		// Back to the default.
		ok(t, db.SetStageLabels(admin, []hiring.StageLabel{{Key: string(s.Stages[0].Kind), Language: "en", Label: ""}}))
		ls, err := db.StageLabels(admin)
		ok(t, err)
		if len(ls) != len(hiring.StageLabelKeys)*len(hiring.StatusLanguages) {
			t.Fatalf("%d labels", len(ls))
		}
		for _, l := range ls {
			if l.Label != hiring.DefaultStageLabels[l.Language][l.Key] {
				t.Errorf("%s/%s = %q after reset", l.Language, l.Key, l.Label)
			}
		}
	})
}
