package e2e

import (
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/candor-ats/candor/internal/hiring"
)

var mailinSeq atomic.Int64

// freshAddress is an address used by one cell only.
func freshAddress(prefix string) string {
	return fmt.Sprintf("%s-%d@matrix.example", prefix, mailinSeq.Add(1))
}

// unsubscribeToken is the link token of an outreach mail to a fresh
// candidate (fresh per cell: an unsubscribed address refuses outreach).
func unsubscribeToken(w *world) map[string]string {
	ctx := w.f.sys()
	c, err := w.f.app.DB.CreateCandidate(ctx, hiring.CandidateInput{FirstName: "Una", LastName: "Subscribe", Emails: []string{freshAddress("una")}})
	w.must(err, "create candidate")
	m, err := w.f.app.DB.SendMessage(ctx, hiring.NewMessage{CandidateID: c.ID, Subject: "Stay in touch", Body: "Hello."})
	w.must(err, "queue outreach")
	link := w.f.app.Outbox.UnsubscribeURL(m.ID)
	return map[string]string{"token": link[strings.LastIndexByte(link, '/')+1:]}
}

// listedAddress is an address on the suppression list (fresh per cell).
func listedAddress(w *world) map[string]string {
	a := freshAddress("listed")
	_, err := w.f.app.DB.AddSuppression(w.f.sys(), a, "")
	w.must(err, "suppress")
	return map[string]string{"email": a}
}

// unassignedMessage is an incoming mail from a stranger, waiting in the
// inbox (fresh per cell, so filing it always finds it unfiled).
var unassignedMessage = id(func(w *world) string {
	m, err := w.f.app.DB.ReceiveMessage(w.f.sys(), hiring.InboundMessage{FromEmail: "stranger@matrix.example",
		Subject: "Matrix inbound", Text: "Do you hire?"})
	w.must(err, "receive message")
	return m.ID
})

// mailinWebRules: incoming mail and the unassigned inbox (issue 10).
func mailinWebRules() map[string]rule {
	return map[string]rule{
		"GET /inbox":      {expect: managesRecords, path: noParams},
		"GET /inbox/{id}": {expect: managesRecords, path: unassignedMessage},
		"POST /inbox/{id}/assign": {expect: managesRecords, path: unassignedMessage, body: func(w *world) payload {
			return form("candidate_id", w.Candidate().ID)
		}},
		"GET /unsubscribe/{token}":  {public: true, expect: anyone, path: unsubscribeToken},
		"POST /unsubscribe/{token}": {public: true, expect: anyone, path: unsubscribeToken, body: func(*world) payload { return form("List-Unsubscribe", "One-Click") }},
		"GET /admin/suppressions":   {expect: adminOnly, path: noParams},
		"POST /admin/suppressions": {expect: adminOnly, path: noParams, body: func(*world) payload {
			return form("email", freshAddress("added"), "detail", "matrix")
		}},
		"POST /admin/suppressions/delete": {expect: adminOnly, path: noParams, body: func(w *world) payload {
			return form("email", listedAddress(w)["email"])
		}},
	}
}

// mailinAPIRules: the suppression list's API (issue 10).
func mailinAPIRules() map[string]rule {
	return map[string]rule{
		"GET /api/v1/suppressions": {expect: adminOnly, path: noParams},
		"PUT /api/v1/suppressions/{email}": {expect: adminOnly, path: func(*world) map[string]string { return map[string]string{"email": freshAddress("put")} },
			body: func(*world) payload { return js(obj{"detail": "matrix"}) }},
		"DELETE /api/v1/suppressions/{email}": {expect: adminOnly, path: listedAddress, body: noBody},
	}
}
