package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

// adminUserUpdate changes a user's role, the dedicated EEO permission
// ("eeo_access") and whether the account is disabled (revoking their API
// tokens unless "keep_api_tokens" is ticked).
func (h *Handler) adminUserUpdate(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	role := hiring.Role(r.PostForm.Get("role"))
	disabled := r.PostForm.Get("disabled") == "on"
	eeo := r.PostForm.Get("eeo_access") == "on"
	upd := hiring.UserUpdate{Disabled: &disabled, EEOAccess: &eeo, KeepAPITokens: r.PostForm.Get("keep_api_tokens") == "on"}
	if role != "" {
		upd.Role = &role
	}
	u, err := h.svc.UpdateUser(r.Context(), r.PathValue("id"), upd)
	h.actionDone(w, r, "/admin/users", err, "Saved "+u.Name+".")
}
