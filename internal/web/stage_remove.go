package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

func (h *Handler) stageRemove(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	back := "/jobs/" + r.PathValue("id") + "/stages"
	err := h.svc.RemoveStage(r.Context(), r.PathValue("stage"))
	switch {
	case err == nil:
		redirect(w, r, back, "Stage removed.")
	case hiring.ErrorCode(err) == hiring.EConflict:
		redirectError(w, r, back, hiring.Errorf(hiring.EConflict,
			"This stage still has applications. Move them to another stage on the pipeline first, then remove it."))
	case isFormError(err):
		redirectError(w, r, back, err)
	default:
		h.fail(w, r, err)
	}
}
