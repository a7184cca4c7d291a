package e2e

import (
	"bytes"
	"context"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// offerAccess: offers are for those who decide on the job; everyone else —
// interviewers and managers off the team included — finds none.
var offerAccess expect = func(r role, tg target) outcome {
	if writeJob(r, tg) == allow {
		return allow
	}
	return hidden
}

// worldOffer drafts an offer on a fresh application and takes it to the
// state asked for ("draft", "approved", "sent": no approvers, so asking
// approves it; "sent" keeps a letter in the blob store).
func worldOffer(state string) func(w *world) map[string]string {
	return func(w *world) map[string]string {
		ctx := w.f.sys()
		app := freshApp(w)
		o, err := w.f.app.DB.SaveOffer(ctx, app.ID, hiring.OfferInput{Title: "Engineer", Salary: 90000, Currency: "EUR", Period: "year",
			StartDate: time.Now().AddDate(0, 2, 0).Format("2006-01-02")}, 0)
		w.must(err, "offer")
		if state == "pending" {
			// The acting user is the job's one approver when they may be.
			who := w.f.seed.Admin.ID
			if w.role != anonymous && w.role != inter {
				who = w.f.user(w.role).ID
			}
			w.must(w.f.app.DB.SetOfferApprovers(ctx, app.JobID, []string{who}), "approvers")
		}
		if state != "draft" {
			_, err = w.f.app.DB.RequestOfferApproval(ctx, o.ID)
			w.must(err, "approve offer")
		}
		if state == "sent" {
			key, _, _, err := w.f.app.Blobs.Put(context.Background(), bytes.NewReader([]byte("%PDF-1.4 matrix letter")), 1<<20)
			w.must(err, "letter")
			_, err = w.f.app.DB.SendOffer(ctx, o.ID, key)
			w.must(err, "send offer")
		}
		return map[string]string{"id": o.ID}
	}
}

func offerWebRules() map[string]rule {
	start := time.Now().AddDate(0, 2, 0).Format("2006-01-02")
	return map[string]rule{
		"GET /applications/{id}/offer": {perJob: true, expect: offerAccess, path: appID},
		"POST /applications/{id}/offer": {perJob: true, expect: offerAccess, path: freshAppID, body: func(*world) payload {
			return form("title", "Engineer", "salary", "90000", "currency", "EUR", "period", "year", "start_date", start)
		}},
		"POST /offers/{id}/request-approval": {perJob: true, expect: offerAccess, path: worldOffer("draft"), body: noBody},
		"POST /offers/{id}/approve":          {perJob: true, expect: offerAccess, path: worldOffer("pending"), body: noBody},
		"POST /offers/{id}/send":             {perJob: true, expect: offerAccess, path: worldOffer("approved"), body: noBody},
		"GET /offers/{id}/letter.pdf":        {perJob: true, expect: offerAccess, path: worldOffer("sent")},
		"POST /jobs/{id}/offer-approvers":    {perJob: true, expect: writeJob, path: jobID, body: noBody},
	}
}
