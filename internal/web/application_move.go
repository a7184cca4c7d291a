package web

import "net/http"

// applicationMove serves both the card's "Move to" form and the board's
// drag-and-drop. A move into the hired stage hires, so it asks first (askHire).
func (h *Handler) applicationMove(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	id, stageID := r.PathValue("id"), r.PostForm.Get("stage_id")
	if !confirmed(r) {
		if app, hires := h.moveHires(r.Context(), id, stageID); hires {
			h.askHireApp(w, r, app)
			return
		}
	}
	app, err := h.svc.MoveApplication(r.Context(), id, version(r.PostForm), stageID)
	msg := "Moved " + app.CandidateName + " to " + app.StageName + "."
	if err == nil && app.Status == "hired" {
		msg = "Hired " + app.CandidateName + "."
	}
	h.applicationDone(w, r, app, err, msg)
}
