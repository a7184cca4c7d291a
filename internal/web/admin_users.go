package web

import (
	"net/http"
	"net/url"

	"github.com/candor-ats/candor/internal/hiring"
)

type adminUsersPage struct {
	view
	Users []hiring.User
	Roles []hiring.Role
	Form  *form
}

func (h *Handler) adminUsers(w http.ResponseWriter, r *http.Request) {
	h.renderAdminUsers(w, r, http.StatusOK, newForm(url.Values{"role": {string(hiring.RoleRecruiter)}}))
}

func (h *Handler) renderAdminUsers(w http.ResponseWriter, r *http.Request, status int, f *form) {
	users, err := h.svc.ListUsers(r.Context(), true)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "admin_users", adminUsersPage{
		view:  h.view(w, r, "Users", "admin"),
		Users: users,
		Roles: hiring.Roles,
		Form:  f,
	})
}
