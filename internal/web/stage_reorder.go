package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

// stageReorder moves one stage up or down a place (buttons, so no JavaScript is needed).
func (h *Handler) stageReorder(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	ctx := r.Context()
	jobID, stageID := r.PathValue("id"), r.PathValue("stage")
	back := "/jobs/" + jobID + "/stages"
	stages, err := h.svc.Stages(ctx, jobID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ids := make([]string, len(stages))
	at := -1
	for i, s := range stages {
		ids[i] = s.ID
		if s.ID == stageID {
			at = i
		}
	}
	if at < 0 {
		h.fail(w, r, hiring.ErrNotFound("Stage"))
		return
	}
	to := at - 1
	if r.PostForm.Get("direction") == "down" {
		to = at + 1
	}
	if to < 0 || to >= len(ids) {
		redirect(w, r, back, "")
		return
	}
	ids[at], ids[to] = ids[to], ids[at]
	if _, err := h.svc.ReorderStages(ctx, jobID, ids); err != nil {
		if isFormError(err) {
			redirectError(w, r, back, err)
			return
		}
		h.fail(w, r, err)
		return
	}
	redirect(w, r, back, "Stages reordered.")
}
