package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/scheduling"
)

// calendarFeed serves a user's interviews as an iCalendar feed at
// /calendar/{token}.ics: a capability link (the secret is the credential,
// stored hashed); a wrong or retired one is not found.
func (h *Handler) calendarFeed(w http.ResponseWriter, r *http.Request) {
	secret, ok := strings.CutSuffix(r.PathValue("file"), ".ics")
	if !ok || len(secret) < 32 || len(secret) > 128 {
		h.fail(w, r, hiring.ErrNotFound("calendar"))
		return
	}
	u, ivs, err := h.svc.CalendarFeed(r.Context(), auth.HashToken(secret))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	body, err := scheduling.Feed(u, ivs, time.Now())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Cache-Control", "private, max-age=300")
	w.Header().Set("Referrer-Policy", "no-referrer")
	_, _ = w.Write(body)
}
