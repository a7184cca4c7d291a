package web

import "net/http"

func (h *Handler) applicationHire(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	app, err := h.svc.HireApplication(r.Context(), r.PathValue("id"), version(r.PostForm))
	h.applicationDone(w, r, app, err, "Marked as hired.")
}
