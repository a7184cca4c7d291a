package e2e

import (
	"github.com/candor-ats/candor/internal/hiring"
)

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
	}
}
