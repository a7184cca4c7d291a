package web

import (
	"net/http"
	"net/url"

	"github.com/candor-ats/candor/internal/hiring"
)

type accountPage struct {
	view
	TimeZoneForm *form
	PasswordForm *form
	TokenForm    *form
	Tokens       []hiring.APIToken
	NewSecret    string // shown once, right after creating a token
	CalendarForm *form
	HasFeed      bool
	FeedURL      string // shown once, right after making a new calendar address
}

// accountForms carries a failed form (or a fresh secret) into the page.
type accountForms struct {
	tz, password, token *form
	secret              string
	calendar            *form
	feedURL             string
}

func (h *Handler) accountPage(w http.ResponseWriter, r *http.Request) {
	h.renderAccount(w, r, http.StatusOK, accountForms{})
}

func (h *Handler) renderAccount(w http.ResponseWriter, r *http.Request, status int, af accountForms) {
	v := h.view(w, r, "Your account", "account")
	tokens, err := h.svc.ListAPITokens(r.Context(), v.User.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	tz := af.tz
	if tz == nil {
		tz = newForm(url.Values{"time_zone": {v.User.TimeZone}})
	}
	cal := af.calendar
	set, err := h.svc.CalendarSettings(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if cal == nil {
		cal = newForm(url.Values{"working_hours": {set.WorkingHours}, "meeting_link": {set.MeetingLink}})
	}
	h.render(w, r, status, "account", accountPage{
		CalendarForm: cal,
		HasFeed:      set.HasFeed,
		FeedURL:      af.feedURL,
		view:         v,
		TimeZoneForm: tz,
		PasswordForm: orNew(af.password),
		TokenForm:    orNew(af.token),
		Tokens:       tokens,
		NewSecret:    af.secret,
	})
}
