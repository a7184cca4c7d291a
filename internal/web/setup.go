package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

type setupPage struct {
	view
	Form *form
}

// setupPage is the first-run form: it exists only while there are no users.
func (h *Handler) setupPage(w http.ResponseWriter, r *http.Request) {
	if needed, err := h.auth.SetupNeeded(r.Context()); err != nil {
		h.fail(w, r, err)
		return
	} else if !needed {
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return
	}
	// The link the server logs carries the token: fill it in for the person
	// who followed it.
	values := url.Values{}
	if t := strings.TrimSpace(r.URL.Query().Get("token")); t != "" {
		values.Set("token", t)
	}
	h.render(w, r, http.StatusOK, "setup", setupPage{view: h.view(w, r, "Set up Candor", ""), Form: newForm(values)})
}

func (h *Handler) setupSubmit(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	f := r.PostForm
	in := hiring.NewUser{
		Email:    strings.TrimSpace(f.Get("email")),
		Name:     strings.TrimSpace(f.Get("name")),
		Role:     hiring.RoleAdmin,
		TimeZone: strings.TrimSpace(f.Get("time_zone")),
	}
	password := f.Get("password")
	if _, err := h.auth.CompleteSetup(r.Context(), strings.TrimSpace(f.Get("token")), in, password); err != nil {
		if hiring.ErrorCode(err) == hiring.EConflict {
			// Someone finished setup first: the page no longer exists.
			http.Redirect(w, r, "/login", http.StatusSeeOther)
			return
		}
		if hiring.ErrorCode(err) == hiring.EInternal {
			h.fail(w, r, err)
			return
		}
		values := url.Values{"email": {in.Email}, "name": {in.Name}, "time_zone": {in.TimeZone}, "token": {f.Get("token")}}
		h.render(w, r, httperr.Status(err), "setup", setupPage{view: h.view(w, r, "Set up Candor", ""), Form: newForm(values).withError(err)})
		return
	}
	if _, err := h.auth.Login(r.Context(), w, r, in.Email, password); err != nil {
		redirect(w, r, "/login", "Your account is ready. Please log in.")
		return
	}
	redirect(w, r, "/", "Welcome to Candor. Start by creating a job.")
}
