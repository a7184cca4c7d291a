package web

import (
	"encoding/json"
	"net/http"

	"github.com/candor-ats/candor/internal/export"
	"github.com/candor-ats/candor/internal/hiring"
)

// candidatesExport downloads the list, with its filters, as CSV. The rows
// come from the same list call as the page, so they are what this user sees.
func (h *Handler) candidatesExport(w http.ResponseWriter, r *http.Request) {
	f := candidateFilter(r)
	if _, err := h.svc.ListCandidates(r.Context(), f, hiring.PageRequest{Limit: 1}); err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="candidates.csv"`)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if _, err := export.CSV(r.Context(), w, h.svc, f); err != nil {
		h.log.ErrorContext(r.Context(), "web: export candidates", "err", err)
	}
}

// candidateExport downloads one candidate as a JSON Resume document.
func (h *Handler) candidateExport(w http.ResponseWriter, r *http.Request) {
	doc, err := export.CandidateResume(r.Context(), h.svc, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="candidate-`+doc.Meta.CanonicalID+`.json"`)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(doc)
}
