package api

import (
	"net/http"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

type suppressionJSON struct {
	Email     string    `json:"email"`
	Reason    string    `json:"reason"`
	Detail    string    `json:"detail"`
	CreatedBy *string   `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
}

func toSuppressionJSON(s hiring.Suppression) suppressionJSON {
	return suppressionJSON{Email: s.Email, Reason: s.Reason, Detail: s.Detail, CreatedBy: optional(s.CreatedBy), CreatedAt: s.CreatedAt}
}

type suppressionInput struct {
	Detail string `json:"detail"`
}

func (h *handler) listSuppressions(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r)
	p := q.page()
	filter := q.str("q")
	if err := q.err(); err != nil {
		h.fail(w, r, err)
		return
	}
	page, err := h.svc.Suppressions(r.Context(), filter, p)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(mapList(page.Items, toSuppressionJSON), page.NextCursor))
}

// putSuppression adds an address (an address already listed keeps its
// entry, which is returned: PUT is idempotent).
func (h *handler) putSuppression(w http.ResponseWriter, r *http.Request) {
	var in suppressionInput
	if err := decode(w, r, &in, true); err != nil {
		h.fail(w, r, err)
		return
	}
	s, err := h.svc.AddSuppression(r.Context(), r.PathValue("email"), in.Detail)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toSuppressionJSON(s))
}

func (h *handler) deleteSuppression(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.RemoveSuppression(r.Context(), r.PathValue("email")); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
