package api

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

type rejectionReasonJSON struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Archived bool   `json:"archived"`
}

type rejectionReasonInput struct {
	Name     string `json:"name"`
	Archived bool   `json:"archived"`
}

func toRejectionReasonJSON(x hiring.RejectionReason) rejectionReasonJSON {
	return rejectionReasonJSON{ID: x.ID, Name: x.Name, Archived: x.Archived}
}

func (h *handler) listRejectionReasons(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r, "include_archived")
	all := q.boolean("include_archived")
	if err := q.err(); err != nil {
		h.fail(w, r, err)
		return
	}
	rs, err := h.svc.ListRejectionReasons(r.Context(), all)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(mapList(rs, toRejectionReasonJSON), ""))
}

func (h *handler) createRejectionReason(w http.ResponseWriter, r *http.Request) {
	var in nameInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	x, err := h.svc.CreateRejectionReason(r.Context(), in.Name)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeCreated(w, "/rejection-reasons/"+x.ID, 0, toRejectionReasonJSON(x))
}

// updateRejectionReason replaces the reason (PUT: name and archived).
func (h *handler) updateRejectionReason(w http.ResponseWriter, r *http.Request) {
	var in rejectionReasonInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	x, err := h.svc.UpdateRejectionReason(r.Context(), hiring.RejectionReason{ID: r.PathValue("id"), Name: in.Name, Archived: in.Archived})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toRejectionReasonJSON(x))
}
