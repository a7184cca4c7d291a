package api

import (
	"net/http"
	"time"

	"github.com/candor-ats/candor/internal/report"
)

// getAdverseImpact answers GET /eeo/adverse-impact: the four-fifths report
// over the EEO answers, JSON or CSV, with the reports' filters (no previous
// period). Only the dedicated EEO permission reads it; everyone else,
// admins included, gets 403 from the store.
func (h *handler) getAdverseImpact(w http.ResponseWriter, r *http.Request) {
	h.answerReport(w, r, func(rq report.Query, _ time.Time) (report.Result, error) {
		return report.RunAdverseImpact(r.Context(), h.svc, rq.Filter)
	})
}
