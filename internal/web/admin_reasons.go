package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

type adminReasonsPage struct {
	view
	Reasons []hiring.RejectionReason
	Form    *form
}

func (h *Handler) adminReasons(w http.ResponseWriter, r *http.Request) {
	h.renderAdminReasons(w, r, http.StatusOK, newForm(nil))
}

func (h *Handler) renderAdminReasons(w http.ResponseWriter, r *http.Request, status int, f *form) {
	reasons, err := h.svc.ListRejectionReasons(r.Context(), true)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "admin_reasons", adminReasonsPage{view: h.view(w, r, "Rejection reasons", "admin"), Reasons: reasons, Form: f})
}
