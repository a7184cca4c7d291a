package web

import "net/http"

func (h *Handler) applicationReopen(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	app, err := h.svc.ReopenApplication(r.Context(), r.PathValue("id"), version(r.PostForm))
	h.applicationDone(w, r, app, err, "Application reopened.")
}
