package web

import (
	"net/http"
	"strconv"
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
	f := r.PostForm
	// The place chosen in the form; none (0): the store's default, before
	// the first offer or hired stage.
	position, _ := strconv.Atoi(f.Get("position"))
	_, err := h.svc.AddStage(ctx, jobID, strings.TrimSpace(f.Get("name")), hiring.StageKind(f.Get("kind")), position)
	switch {
	case err == nil:
		redirect(w, r, "/jobs/"+jobID+"/stages", "Stage added.")
	case isFormError(err):
		h.renderStages(w, r, httperr.Status(err), newForm(f).withError(err))
	default:
		h.fail(w, r, err)
	}
}
