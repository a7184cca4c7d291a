package web

import "net/http"

func (h *Handler) applicationWithdraw(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	app, err := h.svc.WithdrawApplication(r.Context(), r.PathValue("id"), version(r.PostForm))
	h.applicationDone(w, r, app, err, "Application withdrawn.")
}
