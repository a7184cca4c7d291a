package web

import (
	"net/http"
	"net/url"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/httperr"
)

type loginPage struct {
	view
	Form *form
	Next string
}

func (h *Handler) loginPage(w http.ResponseWriter, r *http.Request) {
	if _, ok := auth.CurrentUser(r.Context()); ok {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	if needed, err := h.auth.SetupNeeded(r.Context()); err == nil && needed {
		http.Redirect(w, r, "/setup", http.StatusSeeOther)
		return
	}
	h.render(w, r, http.StatusOK, "login", loginPage{
		view: h.view(w, r, "Log in", ""),
		Form: newForm(nil),
		Next: localPath(r.URL.Query().Get("next"), "/"),
	})
}

func (h *Handler) loginSubmit(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	next := localPath(r.PostForm.Get("next"), "/")
	_, err := h.auth.Login(r.Context(), w, r, r.PostForm.Get("email"), r.PostForm.Get("password"))
	if err != nil {
		httperr.SetRetryAfter(w, err)
		// The password is never echoed back into the form.
		values := url.Values{"email": {r.PostForm.Get("email")}}
		h.render(w, r, httperr.Status(err), "login", loginPage{
			view: h.view(w, r, "Log in", ""),
			Form: newForm(values).withError(err),
			Next: next,
		})
		return
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (h *Handler) logout(w http.ResponseWriter, r *http.Request) {
	if err := h.auth.Logout(w, r); err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
