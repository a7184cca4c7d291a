package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

func (h *Handler) adminUserCreate(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	f := r.PostForm
	in := hiring.NewUser{
		Email:    strings.TrimSpace(f.Get("email")),
		Name:     strings.TrimSpace(f.Get("name")),
		Role:     hiring.Role(f.Get("role")),
		TimeZone: strings.TrimSpace(f.Get("time_zone")),
	}
	u, err := h.auth.CreateUser(r.Context(), in, f.Get("password"))
	switch {
	case err == nil:
		redirect(w, r, "/admin/users", "Created "+u.Name+"'s account. Give them their password privately.")
	case isFormError(err):
		values := url.Values{"email": {in.Email}, "name": {in.Name}, "role": {string(in.Role)}, "time_zone": {in.TimeZone}}
		h.renderAdminUsers(w, r, httperr.Status(err), newForm(values).withError(err))
	default:
		h.fail(w, r, err)
	}
}
