package e2e

import (
	"github.com/candor-ats/candor/internal/hiring"
)

// devMailboxMessage is a message the outbox kept in the dev mailbox: queued
// by the system to the seeded candidate and marked delivered there.
var devMailboxMessage = id(func(w *world) string {
	ctx := w.f.sys()
	m, err := w.f.app.DB.SendMessage(ctx, hiring.NewMessage{CandidateID: w.f.seed.Candidate.ID, ApplicationID: w.f.seed.App.ID,
		Subject: "Matrix mail", Body: "Hello from the matrix."})
	w.must(err, "queue message")
	w.must(w.f.app.DB.MessageDelivered(ctx, m.ID, hiring.TransportDevMailbox, m.ID+"@matrix.example"), "deliver to dev mailbox")
	return m.ID
})

// mailWebRules: the candidate-communication pages (issue 10).
func mailWebRules() map[string]rule {
	return map[string]rule{
		"GET /candidates/{id}/messages": {perJob: true, expect: readCandidate, path: candID},
		"POST /candidates/{id}/messages": {perJob: true, expect: sendMessage, path: candID, body: func(w *world) payload {
			return form("subject", "Matrix mail", "body", "Hello {{candidate.first_name}}.", "application_id", w.App().ID, "action", "send")
		}},
		"POST /messages/{id}/cancel":  {perJob: true, expect: writeJob, path: worldMessage, body: noBody},
		"GET /templates":              {expect: sendsMail, path: noParams},
		"GET /templates/new":          {expect: managesRecords, path: noParams},
		"POST /templates":             {expect: managesRecords, path: noParams, body: templateForm},
		"POST /templates/signature":   {expect: member, path: noParams, body: func(*world) payload { return form("signature", "Regards, {{sender.name}}") }},
		"GET /templates/{id}":         {expect: sendsMail, path: ownTemplate},
		"POST /templates/{id}":        {expect: managesRecords, path: ownTemplate, body: templateForm},
		"POST /templates/{id}/delete": {expect: managesRecords, path: ownTemplate, body: noBody},
		"GET /admin/mailbox":          {expect: adminOnly, path: noParams},
		"GET /admin/mailbox/{id}":     {expect: adminOnly, path: devMailboxMessage},
	}
}

// worldMessage is a message queued by the system about the world's
// application (a fresh one per cell, so cancelling always finds it queued).
var worldMessage = id(func(w *world) string {
	m, err := w.f.app.DB.SendMessage(w.f.sys(), hiring.NewMessage{CandidateID: w.Candidate().ID, ApplicationID: w.App().ID,
		Subject: "Matrix update", Body: "Hello {{candidate.first_name}}."})
	w.must(err, "queue message")
	return m.ID
})

// ownTemplate is a template of the team's own (deletable), fresh per cell.
var ownTemplate = id(func(w *world) string {
	t, err := w.f.app.DB.CreateTemplate(w.f.sys(), hiring.TemplateInput{Name: "Matrix template", Language: "en",
		Subject: "Hi {{candidate.first_name}}", Body: "Hello from {{company.name}}."})
	w.must(err, "create template")
	return t.ID
})

var (
	// sendMessage: the candidate in the path (hidden when unseen); the
	// application in the body is input (invalid when unseen); interviewers
	// never send.
	sendMessage expect = func(r role, tg target) outcome {
		switch {
		case !seesCandidate(r, tg):
			return hidden
		case r == inter:
			return forbidden
		case !seesJob(r, tg):
			return invalid
		}
		return allow
	}
	// sendsMail: templates are read by everyone who may send mail.
	sendsMail expect = func(r role, _ target) outcome {
		if r == inter {
			return forbidden
		}
		return allow
	}
)

func templateForm(*world) payload {
	return form("name", "Matrix template", "language", "en", "subject", "Hi {{candidate.first_name}}", "body", "Hello.", "action", "save")
}

func templateBody(*world) payload {
	return js(obj{"name": "Matrix template", "language": "en", "subject": "Hi {{candidate.first_name}}", "body": "Hello."})
}

// mailAPIRules: the API of candidate email (issue 10).
func mailAPIRules() map[string]rule {
	return map[string]rule{
		"GET /api/v1/candidates/{id}/messages": {perJob: true, expect: readCandidate, path: candID},
		"POST /api/v1/candidates/{id}/messages": {perJob: true, expect: sendMessage, path: candID, body: func(w *world) payload {
			return js(obj{"subject": "Matrix mail", "body": "Hello {{candidate.first_name}}.", "application_id": w.App().ID})
		}},
		"GET /api/v1/messages/{id}":             {perJob: true, expect: readJob, path: worldMessage},
		"POST /api/v1/messages/{id}/cancel":     {perJob: true, expect: writeJob, path: worldMessage, body: noBody},
		"GET /api/v1/message-templates":         {expect: sendsMail, path: noParams},
		"POST /api/v1/message-templates":        {expect: managesRecords, path: noParams, body: templateBody},
		"GET /api/v1/message-templates/{id}":    {expect: sendsMail, path: ownTemplate},
		"PUT /api/v1/message-templates/{id}":    {expect: managesRecords, path: ownTemplate, body: templateBody},
		"DELETE /api/v1/message-templates/{id}": {expect: managesRecords, path: ownTemplate, body: noBody},
	}
}
