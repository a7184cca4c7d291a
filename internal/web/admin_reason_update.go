package web

import (
	"net/http"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
)

// adminReasonUpdate renames or archives a reason; archived reasons stay on
// past rejections but are no longer offered.
func (h *Handler) adminReasonUpdate(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	_, err := h.svc.UpdateRejectionReason(r.Context(), hiring.RejectionReason{
		ID:       r.PathValue("id"),
		Name:     strings.TrimSpace(r.PostForm.Get("name")),
		Archived: r.PostForm.Get("archived") == "on",
	})
	h.actionDone(w, r, "/admin/rejection-reasons", err, "Reason saved.")
}
