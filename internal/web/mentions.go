package web

import (
	"encoding/json"
	"net/http"
)

type colleagueJSON struct {
	Name   string `json:"name"`
	Handle string `json:"handle"`
}

// mentions answers the note box's @ autocompletion: colleagues whose name or
// handle starts with q, as JSON. Names and handles only (the user directory
// rule); the store decides which.
func (h *Handler) mentions(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	if len(q) > 100 {
		q = q[:100]
	}
	cs, err := h.svc.Colleagues(r.Context(), q, 8)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	out := make([]colleagueJSON, 0, len(cs))
	for _, c := range cs {
		out = append(out, colleagueJSON{Name: c.Name, Handle: c.Handle})
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "private, no-store")
	_ = json.NewEncoder(w).Encode(out)
}
