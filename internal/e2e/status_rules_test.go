package e2e

import (
	"context"
	"strings"
	"sync"

	"github.com/candor-ats/candor/internal/hiring"
)

// statusApps remembers the fresh application behind each cell's status
// link, for the withdraw form's body (the path is filled before the body).
var statusApps sync.Map // *world → application id

// statusToken is a fresh candidate's status link (the secret is the
// credential, for anyone, signed in or not).
var statusToken = func(w *world) map[string]string {
	app := freshApp(w)
	link, err := w.f.app.DB.MintStatusLink(w.f.sys(), app.CandidateID)
	w.must(err, "status link")
	statusApps.Store(w, app.ID)
	return map[string]string{"token": link[strings.LastIndex(link, "/")+1:]}
}

// statusProviders marks the apps that have the stand-in section.
var statusProviders sync.Map

// matrixSection offers one action to every visitor.
type matrixSection struct{}

func (matrixSection) StatusSections(context.Context, hiring.StatusVisitor) ([]hiring.StatusSection, error) {
	return []hiring.StatusSection{{ID: "offer", Title: "Offer", Forms: []hiring.StatusForm{{Action: "accept", Button: "Accept"}}}}, nil
}

func (matrixSection) StatusAction(context.Context, hiring.StatusVisitor, string, string, string, string) (string, error) {
	return "Done.", nil
}

func statusApp(w *world) string {
	v, _ := statusApps.Load(w)
	s, _ := v.(string)
	return s
}

// statusWebRules: the candidate status page (issue 10 part 7) and its labels.
func statusWebRules() map[string]rule {
	return map[string]rule{
		"GET /admin/status-labels": {expect: adminOnly, path: noParams},
		"POST /admin/status-labels": {expect: adminOnly, path: noParams, body: func(*world) payload {
			return form("label.en.screen", "We are reading your application")
		}},
		"GET /status/{token}": {public: true, expect: anyone, path: statusToken},
		"POST /status/{token}/withdraw": {public: true, expect: anyone, path: statusToken, body: func(w *world) payload {
			return form("application_id", statusApp(w))
		}},
		"POST /status/{token}/contact": {public: true, expect: anyone, path: statusToken, body: func(*world) payload {
			return form("email", "moved@example.org", "phone", "+49 30 1234567", "location", "Berlin")
		}},
		"POST /status/{token}/consent": {public: true, expect: anyone, path: statusToken, body: func(*world) payload { return form("future", "yes") }},
		"POST /status/{token}/resume": {public: true, expect: anyone, path: statusToken, body: func(*world) payload {
			return payload{form: form("x", "y").form, file: &upload{field: "resume", name: "cv.pdf", content: []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")}}
		}},
		// A section another capability adds (a stand-in registered once per app).
		"POST /status/{token}/sections/{section}/{action}": {public: true, expect: anyone, path: func(w *world) map[string]string {
			if _, loaded := statusProviders.LoadOrStore(w.f.app, true); !loaded {
				w.f.app.StatusSections.Add(matrixSection{})
			}
			p := statusToken(w)
			p["section"], p["action"] = "offer", "accept"
			return p
		}, body: noBody},
	}
}
