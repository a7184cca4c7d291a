package web

import (
	"net/http"
	"strings"
)

func (h *Handler) applicationReject(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	f := r.PostForm
	app, err := h.svc.RejectApplication(r.Context(), r.PathValue("id"), version(f), f.Get("reason_id"), strings.TrimSpace(f.Get("reason")))
	h.applicationDone(w, r, app, err, "Application rejected.")
}
