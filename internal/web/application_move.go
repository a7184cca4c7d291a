package web

import "net/http"

// applicationMove serves both the card's "Move to" form and the board's drag-and-drop.
func (h *Handler) applicationMove(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	app, err := h.svc.MoveApplication(r.Context(), r.PathValue("id"), version(r.PostForm), r.PostForm.Get("stage_id"))
	h.applicationDone(w, r, app, err, "Moved "+app.CandidateName+" to "+app.StageName+".")
}
