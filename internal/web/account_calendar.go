package web

import (
	"crypto/rand"
	"net/http"
	"strings"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/httperr"
)

// accountCalendar saves the working hours and personal meeting link.
func (h *Handler) accountCalendar(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	err := h.svc.SetCalendarSettings(r.Context(), r.PostForm.Get("working_hours"), r.PostForm.Get("meeting_link"))
	switch {
	case err == nil:
		redirect(w, r, "/account", "Calendar settings saved.")
	case isFormError(err):
		h.renderAccount(w, r, httperr.Status(err), accountForms{calendar: newForm(r.PostForm).withError(err)})
	default:
		h.fail(w, r, err)
	}
}

// accountCalendarFeed makes a new secret calendar address (the old one
// stops working) and shows it once; only its hash is stored.
func (h *Handler) accountCalendarFeed(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	secret := rand.Text() + rand.Text()
	if err := h.svc.ResetCalendarFeed(r.Context(), auth.HashToken(secret)); err != nil {
		h.fail(w, r, err)
		return
	}
	h.renderAccount(w, r, http.StatusOK, accountForms{feedURL: strings.TrimSuffix(h.baseURL, "/") + "/calendar/" + secret + ".ics"})
}
