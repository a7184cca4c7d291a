package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

func (h *Handler) accountTimezone(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	u, _ := auth.CurrentUser(r.Context())
	tz := strings.TrimSpace(r.PostForm.Get("time_zone"))
	var err error
	if _, lerr := time.LoadLocation(tz); lerr != nil || strings.EqualFold(tz, "local") {
		err = fieldError("time_zone", "Please correct the highlighted fields.", "is not a known time zone (e.g. Europe/Berlin, America/New_York)")
	} else {
		_, err = h.svc.UpdateUser(r.Context(), u.ID, hiring.UserUpdate{TimeZone: &tz})
	}
	switch {
	case err == nil:
		redirect(w, r, "/account", "Time zone saved.")
	case isFormError(err):
		h.renderAccount(w, r, httperr.Status(err), accountForms{tz: newForm(r.PostForm).withError(err)})
	default:
		h.fail(w, r, err)
	}
}
