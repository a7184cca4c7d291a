package api

import (
	"net/http"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

type duplicateJSON struct {
	Candidate candidateJSON            `json:"candidate"`
	Reasons   []hiring.DuplicateReason `json:"reasons"`
}

type mergeInput struct {
	OtherID string `json:"other_id"`
}

type mergeJSON struct {
	ID                      string             `json:"id"`
	SurvivorID              string             `json:"survivor_id"`
	MergedID                string             `json:"merged_id"`
	SurvivorName            string             `json:"survivor_name"`
	MergedName              string             `json:"merged_name"`
	ActorID                 string             `json:"actor_id"`
	ActorName               string             `json:"actor_name"`
	CreatedAt               time.Time          `json:"created_at"`
	Moved                   hiring.MergeCounts `json:"moved"`
	Hidden                  bool               `json:"hidden"`
	WithdrawnApplicationIDs []string           `json:"withdrawn_application_ids"`
	UndoneAt                *time.Time         `json:"undone_at"`
	UndoneByName            string             `json:"undone_by_name"`
	NotRestored             []string           `json:"not_restored"`
}

func toMergeJSON(m hiring.Merge) mergeJSON {
	return mergeJSON{ID: m.ID, SurvivorID: m.SurvivorID, MergedID: m.MergedID, SurvivorName: m.SurvivorName,
		MergedName: m.MergedName, ActorID: m.ActorID, ActorName: m.ActorName, CreatedAt: m.CreatedAt, Moved: m.Moved, Hidden: m.Hidden,
		WithdrawnApplicationIDs: orEmpty(m.Withdrawn), UndoneAt: m.UndoneAt, UndoneByName: m.UndoneByName,
		NotRestored: orEmpty(m.NotRestored)}
}

// candidateDuplicates lists the likely duplicates of a candidate (one page, no cursor).
func (h *handler) candidateDuplicates(w http.ResponseWriter, r *http.Request) {
	ms, err := h.svc.DuplicatesOf(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(mapList(ms, func(m hiring.DuplicateMatch) duplicateJSON {
		return duplicateJSON{Candidate: toCandidateJSON(m.Candidate), Reasons: orEmpty(m.Reasons)}
	}), ""))
}

// mergeCandidate folds other_id into the candidate of the path.
func (h *handler) mergeCandidate(w http.ResponseWriter, r *http.Request) {
	var in mergeInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	if in.OtherID == "" {
		var val hiring.Validation
		val.Add("other_id", "is required")
		h.fail(w, r, val.Err())
		return
	}
	m, err := h.svc.MergeCandidates(r.Context(), r.PathValue("id"), in.OtherID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeCreated(w, "/merges/"+m.ID, 0, toMergeJSON(m))
}

func (h *handler) getMerge(w http.ResponseWriter, r *http.Request) {
	m, err := h.svc.Merge(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toMergeJSON(m))
}

func (h *handler) undoMerge(w http.ResponseWriter, r *http.Request) {
	m, err := h.svc.UndoMerge(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toMergeJSON(m))
}
