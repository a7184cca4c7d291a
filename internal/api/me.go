package api

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

func (h *handler) me(w http.ResponseWriter, r *http.Request) {
	a, ok := hiring.ActorFrom(r.Context())
	if !ok || a.UserID == "" {
		h.fail(w, r, hiring.Errorf(hiring.EUnauthorized, "Sign in with an API token."))
		return
	}
	u, err := h.svc.User(r.Context(), a.UserID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toUserJSON(u))
}
