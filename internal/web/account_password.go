package web

import (
	"net/http"
	"net/url"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/httperr"
)

// accountPassword changes the password. That ends every session, this one
// included, so the user is signed straight back in with the new password.
func (h *Handler) accountPassword(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	ctx := r.Context()
	u, _ := auth.CurrentUser(ctx)
	f := r.PostForm
	next := f.Get("new_password")
	var err error
	if next != f.Get("confirm_password") {
		err = fieldError("confirm_password", "Please correct the highlighted fields.", "does not match the new password")
	} else {
		err = h.auth.ChangePassword(ctx, u.ID, f.Get("current_password"), next)
	}
	if err != nil {
		if !isFormError(err) {
			h.fail(w, r, err)
			return
		}
		// Password fields are never sent back; only the messages are.
		h.renderAccount(w, r, httperr.Status(err), accountForms{password: newForm(url.Values{}).withError(renameField(err, "password", "new_password"))})
		return
	}
	if _, err := h.auth.Login(ctx, w, r, u.Email, next); err != nil {
		redirect(w, r, "/login", "Password changed. Please log in again.")
		return
	}
	redirect(w, r, "/account", "Password changed. Your other sessions were signed out.")
}
