package web

import (
	"fmt"
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

// documentReparse queues a document to be parsed again.
func (h *Handler) documentReparse(w http.ResponseWriter, r *http.Request) {
	if h.parsing == nil {
		h.fail(w, r, hiring.ErrNotFound("Document"))
		return
	}
	ctx := r.Context()
	id := r.PathValue("id")
	if err := h.parsing.Reparse(ctx, id); err != nil {
		h.fail(w, r, err)
		return
	}
	d, err := h.svc.Document(ctx, id, false)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if isHTMX(r) {
		v, err := h.parsing.Profile(ctx, id)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		h.renderTemplate(w, r, http.StatusOK, "candidate", "profile-panel", h.newProfilePanel(r, v))
		return
	}
	redirect(w, r, fmt.Sprintf("/candidates/%s#profile-%s", d.CandidateID, id), "Re-parse queued: the profile updates in a moment.")
}
