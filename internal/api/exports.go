package api

import (
	"net/http"

	"github.com/candor-ats/candor/internal/export"
	"github.com/candor-ats/candor/internal/hiring"
)

// exportCandidates streams the candidates the caller may see, with the
// list's filters, as CSV.
func (h *handler) exportCandidates(w http.ResponseWriter, r *http.Request) {
	q, f := candidateQuery(r)
	if err := q.err(); err != nil {
		h.fail(w, r, err)
		return
	}
	// Ask once before the 200 is committed, so a signed-out or refused
	// caller gets a problem document rather than a truncated CSV.
	if _, err := h.svc.ListCandidates(r.Context(), f, hiring.PageRequest{Limit: 1}); err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="candidates.csv"`)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if _, err := export.CSV(r.Context(), w, h.svc, f); err != nil {
		h.log.ErrorContext(r.Context(), "export candidates", "err", err)
	}
}

// candidateResume answers one candidate as a JSON Resume document.
func (h *handler) candidateResume(w http.ResponseWriter, r *http.Request) {
	doc, err := export.CandidateResume(r.Context(), h.svc, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, doc)
}
