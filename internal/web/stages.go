package web

import (
	"net/http"
	"strconv"

	"github.com/candor-ats/candor/internal/hiring"
)

type stagesPage struct {
	view
	Job    hiring.Job
	Stages []hiring.Stage
	Kinds  []hiring.StageKind
	Form   *form // the "add a stage" form
	// Places offers where a new stage may go, the default one selected.
	Places []stagePlace
}

// stagePlace is one choice of the add form's position select.
type stagePlace struct {
	Position int
	Label    string
	Selected bool
}

// stagePlaces lists "Before <stage>" for each stage and "At the end", with
// the form's choice (on a re-render) or the default selected.
func stagePlaces(stages []hiring.Stage, f *form) []stagePlace {
	chosen, err := strconv.Atoi(f.Get("position"))
	if err != nil || chosen < 1 || chosen > len(stages)+1 {
		chosen = hiring.DefaultStagePosition(stages)
	}
	out := make([]stagePlace, 0, len(stages)+1)
	for i, s := range stages {
		out = append(out, stagePlace{Position: i + 1, Label: "Before " + s.Name, Selected: chosen == i+1})
	}
	return append(out, stagePlace{Position: len(stages) + 1, Label: "At the end", Selected: chosen == len(stages)+1})
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
		Places: stagePlaces(stages, f),
	})
}
