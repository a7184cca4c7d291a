package store_test

import (
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

func TestTemplates(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		db.SetMailFrom("Acme Jobs", "jobs@acme.example")
		rec := storetest.As(s.Recruiter)
		list, err := db.ListTemplates(storetest.As(s.Manager))
		ok(t, err)
		keys := map[string]bool{}
		for _, x := range list {
			if x.Key != "" {
				keys[x.Key+"/"+x.Language] = true
			}
		}
		for _, k := range []string{hiring.TemplateApplicationReceived, hiring.TemplateRejection, hiring.TemplateInterviewInvitation,
			hiring.TemplateOfferFollowUp, hiring.TemplateGeneral} {
			for _, l := range hiring.TemplateLanguages {
				if !keys[k+"/"+l] {
					t.Errorf("shipped template %s/%s missing", k, l)
				}
			}
		}
		_, err = db.ListTemplates(storetest.As(s.Interviewer))
		wantCode(t, err, hiring.EForbidden)
		// Every shipped template fills in without a hole.
		for _, x := range list {
			m, err := db.PreviewMessage(rec, hiring.NewMessage{CandidateID: s.Candidate.ID, ApplicationID: s.App.ID, TemplateID: x.ID})
			ok(t, err)
			if strings.Contains(m.Text+m.Subject, "{{") || !strings.Contains(m.Text, s.Candidate.FirstName) ||
				!strings.Contains(m.Text, s.Recruiter.Name) {
				t.Errorf("%s/%s preview:\n%s\n%s", x.Key, x.Language, m.Subject, m.Text)
			}
		}
		// Saving checks merge fields.
		in := hiring.TemplateInput{Name: "Nudge", Language: "en", Subject: "Hi {{candidate.first_name}}", Body: "Are you still keen on {{job.titel}}?"}
		_, err = db.CreateTemplate(rec, in)
		wantField(t, err, hiring.EInvalid, "body")
		in.Body = "Are you still keen on {{job.title}}, {{candidate.first_name}}?"
		_, err = db.CreateTemplate(storetest.As(s.Manager), in)
		wantCode(t, err, hiring.EForbidden)
		own, err := db.CreateTemplate(rec, in)
		ok(t, err)
		in.Language = "fr"
		_, err = db.UpdateTemplate(rec, own.ID, in)
		wantField(t, err, hiring.EInvalid, "language")
		// Shipped ones are edited, not deleted; own ones deleted.
		var shipped hiring.MessageTemplate
		for _, x := range list {
			if x.Key == hiring.TemplateGeneral && x.Language == "en" {
				shipped = x
			}
		}
		_, err = db.UpdateTemplate(rec, shipped.ID, hiring.TemplateInput{Name: shipped.Name, Language: "en", Subject: "From {{company.name}}", Body: shipped.Body})
		ok(t, err)
		wantCode(t, db.DeleteTemplate(rec, shipped.ID), hiring.EConflict)
		ok(t, db.DeleteTemplate(rec, own.ID))
		_, err = db.Template(rec, own.ID)
		wantCode(t, err, hiring.ENotFound)

		// Sending with a template, a signature, and a key in another language.
		ok(t, db.SetSignature(rec, "{{sender.name}}\nTalent team, {{company.name}}"))
		m, err := db.SendMessage(rec, hiring.NewMessage{CandidateID: s.Candidate.ID, ApplicationID: s.App.ID, TemplateKey: hiring.TemplateRejection, Language: "de"})
		ok(t, err)
		if !strings.Contains(m.Subject, s.Job.Title) || !strings.HasPrefix(m.Text, "Hallo "+s.Candidate.FirstName) ||
			!strings.Contains(m.Text, "\n-- \n"+s.Recruiter.Name+"\nTalent team, Acme Jobs") {
			t.Errorf("templated message:\n%s\n%s", m.Subject, m.Text)
		}
		// A job field without an application is refused, not left empty.
		_, err = db.SendMessage(rec, hiring.NewMessage{CandidateID: s.Candidate.ID, Subject: "About {{job.title}}", Body: "x"})
		wantField(t, err, hiring.EInvalid, "application_id")
		_, err = db.SendMessage(rec, hiring.NewMessage{CandidateID: s.Candidate.ID, Subject: "Hi", Body: "Dear {{candidate.nick}}"})
		wantField(t, err, hiring.EInvalid, "body")
		wantField(t, db.SetSignature(rec, "{{oops}}"), hiring.EInvalid, "signature")
		sig, err := db.Signature(rec)
		ok(t, err)
		if !strings.HasPrefix(sig, "{{sender.name}}") {
			t.Errorf("signature %q", sig)
		}
	})
}
