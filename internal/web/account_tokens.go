package web

import (
	"net/http"
	"strings"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/httperr"
)

// tokenCreate answers with the page itself (no redirect), so the secret is
// shown exactly once and is stored nowhere but in this response.
func (h *Handler) tokenCreate(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	u, _ := auth.CurrentUser(r.Context())
	name := strings.TrimSpace(r.PostForm.Get("name"))
	var (
		secret string
		err    error
	)
	if name == "" {
		err = fieldError("name", "Please correct the highlighted fields.", "is required")
	} else {
		secret, _, err = h.auth.CreateAPIToken(r.Context(), u.ID, name)
	}
	switch {
	case err == nil:
		h.renderAccount(w, r, http.StatusOK, accountForms{secret: secret})
	case isFormError(err):
		h.renderAccount(w, r, httperr.Status(err), accountForms{token: newForm(r.PostForm).withError(err)})
	default:
		h.fail(w, r, err)
	}
}

func (h *Handler) tokenRevoke(w http.ResponseWriter, r *http.Request) {
	u, _ := auth.CurrentUser(r.Context())
	if err := h.svc.RevokeAPIToken(r.Context(), u.ID, r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, "/account", "Token revoked.")
}
