package web

import (
	"net/http"
	"strings"

	"github.com/candor-ats/candor/internal/httperr"
)

func (h *Handler) adminReasonCreate(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	_, err := h.svc.CreateRejectionReason(r.Context(), strings.TrimSpace(r.PostForm.Get("name")))
	switch {
	case err == nil:
		redirect(w, r, "/admin/rejection-reasons", "Reason added.")
	case isFormError(err):
		h.renderAdminReasons(w, r, httperr.Status(err), newForm(r.PostForm).withError(err))
	default:
		h.fail(w, r, err)
	}
}
