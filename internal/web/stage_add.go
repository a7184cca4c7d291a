package web

import (
	"net/http"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

func (h *Handler) stageAdd(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	ctx := r.Context()
	jobID := r.PathValue("id")
	stages, err := h.svc.Stages(ctx, jobID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	f := r.PostForm
	// New stages go before the last one, which is normally "Hired".
	pos := len(stages)
	if len(stages) > 0 && stages[len(stages)-1].Kind == hiring.StageHired {
		pos = stages[len(stages)-1].Position
	}
	_, err = h.svc.AddStage(ctx, jobID, strings.TrimSpace(f.Get("name")), hiring.StageKind(f.Get("kind")), pos)
	switch {
	case err == nil:
		redirect(w, r, "/jobs/"+jobID+"/stages", "Stage added.")
	case isFormError(err):
		h.renderStages(w, r, httperr.Status(err), newForm(f).withError(err))
	default:
		h.fail(w, r, err)
	}
}
