package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

type stagesPage struct {
	view
	Job    hiring.Job
	Stages []hiring.Stage
	Kinds  []hiring.StageKind
	Form   *form // the "add a stage" form
}

func (h *Handler) stagesPage(w http.ResponseWriter, r *http.Request) {
	h.renderStages(w, r, http.StatusOK, newForm(nil))
}

func (h *Handler) renderStages(w http.ResponseWriter, r *http.Request, status int, f *form) {
	ctx := r.Context()
	job, err := h.svc.Job(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !h.editorOnly(w, r) {
		return
	}
	stages, err := h.svc.Stages(ctx, job.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "stages", stagesPage{
		view:   h.view(w, r, "Stages · "+job.Title, "jobs"),
		Job:    job,
		Stages: stages,
		Kinds:  hiring.StageKinds,
		Form:   f,
	})
}
