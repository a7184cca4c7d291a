package api

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

type stageJSON struct {
	ID       string `json:"id"`
	JobID    string `json:"job_id"`
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Position int    `json:"position"`
}

func toStageJSON(s hiring.Stage) stageJSON {
	return stageJSON{ID: s.ID, JobID: s.JobID, Name: s.Name, Kind: string(s.Kind), Position: s.Position}
}

// stageInput adds a stage (position 1-based; 0 or absent = before the first
// offer or hired stage) or renames one; a
// rename sends both name and kind, as a stage is read only through its job.
type stageInput struct {
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Position int    `json:"position"`
}

type stageUpdate struct {
	Name string `json:"name"`
	Kind string `json:"kind"`
}

type stageOrder struct {
	StageIDs []string `json:"stage_ids"`
}

func (h *handler) listStages(w http.ResponseWriter, r *http.Request) {
	stages, err := h.svc.Stages(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(mapList(stages, toStageJSON), ""))
}

func (h *handler) addStage(w http.ResponseWriter, r *http.Request) {
	var in stageInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	s, err := h.svc.AddStage(r.Context(), r.PathValue("id"), in.Name, hiring.StageKind(in.Kind), in.Position)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeCreated(w, "/stages/"+s.ID, 0, toStageJSON(s))
}

func (h *handler) updateStage(w http.ResponseWriter, r *http.Request) {
	var in stageUpdate
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	s, err := h.svc.UpdateStage(r.Context(), r.PathValue("id"), in.Name, hiring.StageKind(in.Kind))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toStageJSON(s))
}

func (h *handler) reorderStages(w http.ResponseWriter, r *http.Request) {
	var in stageOrder
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	stages, err := h.svc.ReorderStages(r.Context(), r.PathValue("id"), in.StageIDs)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(mapList(stages, toStageJSON), ""))
}

func (h *handler) removeStage(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.RemoveStage(r.Context(), r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
