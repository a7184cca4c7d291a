package web

import "net/http"

func (h *Handler) applicationHire(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	id := r.PathValue("id")
	if !confirmed(r) {
		app, err := h.svc.Application(r.Context(), id)
		if err != nil {
			h.applicationDone(w, r, app, err, "")
			return
		}
		h.askHireApp(w, r, app)
		return
	}
	app, err := h.svc.HireApplication(r.Context(), id, version(r.PostForm))
	h.applicationDone(w, r, app, err, "Hired "+app.CandidateName+".")
}
