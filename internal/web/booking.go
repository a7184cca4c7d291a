package web

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

// bookingZones are offered on the candidate's page besides the one in use;
// any IANA name works through the address (?tz=…), and app.js fills in the
// browser's own zone on first visit.
var bookingZones = []string{"UTC", "America/Los_Angeles", "America/Denver", "America/Chicago", "America/New_York", "America/Sao_Paulo",
	"Europe/London", "Europe/Berlin", "Europe/Paris", "Europe/Helsinki", "Africa/Lagos", "Africa/Johannesburg", "Asia/Dubai",
	"Asia/Kolkata", "Asia/Singapore", "Asia/Shanghai", "Asia/Tokyo", "Australia/Adelaide", "Australia/Sydney", "Pacific/Auckland"}

// newBookingSecret is a 256-bit capability, URL-safe.
func newBookingSecret() string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

type bookingCreatedPage struct {
	view
	App  hiring.Application
	Link hiring.BookingLink
	URL  string
	Sent bool
}

// bookingCreate offers the chosen suggested times to the candidate: a
// self-scheduling link, shown once here and mailed to them.
func (h *Handler) bookingCreate(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	f := r.PostForm
	ctx := r.Context()
	appID := r.PathValue("id")
	in := hiring.NewBookingLink{ApplicationID: appID, Title: f.Get("title"), InterviewerIDs: f["interviewer_ids"],
		Location: f.Get("location"), Video: f.Get("video")}
	in.DurationMinutes, _ = strconv.Atoi(f.Get("duration_minutes"))
	days, err := strconv.Atoi(f.Get("expires_in_days"))
	if err != nil {
		days = 7
	}
	in.ExpiresIn = time.Duration(days) * 24 * time.Hour
	in.Reschedules, _ = strconv.Atoi(f.Get("reschedules"))
	for _, s := range f["offer"] {
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			in.Slots = append(in.Slots, t)
		}
	}
	secret := newBookingSecret()
	in.TokenHash = auth.HashToken(secret)
	link := strings.TrimRight(h.baseURL, "/") + "/book/" + secret
	send := f.Get("send") != "0"
	if send {
		in.URL = link
	}
	back := url.Values{"interviewer_ids": f["interviewer_ids"], "duration_minutes": {f.Get("duration_minutes")}}
	l, err := h.svc.CreateBookingLink(ctx, in)
	if err != nil {
		if isFormError(err) || hiring.ErrorCode(err) == hiring.EConflict {
			h.renderSchedule(w, r, httperr.Status(err), back, newForm(f).withError(err))
			return
		}
		h.fail(w, r, err)
		return
	}
	app, err := h.svc.Application(ctx, appID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	h.render(w, r, http.StatusCreated, "booking_created", bookingCreatedPage{view: h.view(w, r, "Times offered — "+app.CandidateName, "interviews"),
		App: app, Link: l, URL: link, Sent: send})
}

type bookingPage struct {
	view
	Link    hiring.BookingLink
	Token   string
	Zone    string
	Zones   []string
	Days    []bookingDay
	Error   string
	Closed  string // why the link books nothing
	Booked  string
	Notice  string
	zoneLoc *time.Location
}

type bookingDay struct {
	Label string
	Times []bookingTime
}

type bookingTime struct{ Value, Label string }

// bookingToken is the path's secret, or "" when it cannot be one.
func bookingToken(r *http.Request) string {
	s := r.PathValue("token")
	if len(s) < 32 || len(s) > 128 {
		return ""
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return ""
		}
	}
	return s
}

// bookingShow is the candidate's page: the offered times still free in
// their zone, or their booking with moving and cancelling per the policy.
func (h *Handler) bookingShow(w http.ResponseWriter, r *http.Request) {
	h.renderBooking(w, r, http.StatusOK, nil, "")
}

func (h *Handler) renderBooking(w http.ResponseWriter, r *http.Request, status int, l *hiring.BookingLink, msg string) {
	token := bookingToken(r)
	if token == "" {
		h.fail(w, r, hiring.ErrNotFound("booking link"))
		return
	}
	if l == nil {
		got, err := h.svc.BookingLink(r.Context(), auth.HashToken(token))
		if err != nil {
			h.fail(w, r, err)
			return
		}
		l = &got
	}
	zone := r.URL.Query().Get("tz")
	if r.Method == http.MethodPost {
		zone = r.PostForm.Get("tz")
	}
	loc, err := time.LoadLocation(zone)
	if zone == "" || err != nil || zone == "Local" {
		zone, loc = "UTC", time.UTC
	}
	p := bookingPage{view: h.view(w, r, "Choose your interview time — "+l.JobTitle, ""), Link: *l, Token: token, Zone: zone, Error: msg, zoneLoc: loc}
	p.Zones = bookingZones
	found := false
	for _, z := range bookingZones {
		found = found || z == zone
	}
	if !found {
		p.Zones = append([]string{zone}, bookingZones...)
	}
	switch l.Status {
	case hiring.BookingExpired:
		p.Closed = "This link has expired. Please reply to our email and we will send you new times."
	case hiring.BookingUsed:
		p.Closed = "This link has already been used. If you need to change your interview, please reply to our email."
	case hiring.BookingWithdrawn:
		p.Closed = "This link is no longer active."
	case hiring.BookingBooked:
		p.Booked = p.format(*l.BookedAt)
	}
	if p.Closed != "" && status == http.StatusOK {
		status = http.StatusGone
	}
	var cur *bookingDay
	for _, t := range l.Free {
		lt := t.In(loc)
		day := lt.Format("Monday 2 January 2006")
		if cur == nil || cur.Label != day {
			p.Days = append(p.Days, bookingDay{Label: day})
			cur = &p.Days[len(p.Days)-1]
		}
		cur.Times = append(cur.Times, bookingTime{Value: t.UTC().Format(time.RFC3339), Label: lt.Format("15:04") + "–" + lt.Add(time.Duration(l.DurationMinutes)*time.Minute).Format("15:04")})
	}
	if r.URL.Query().Get("done") == "booked" && l.Status == hiring.BookingBooked {
		p.Notice = "Your interview is booked. We have emailed you a calendar invitation."
	}
	if r.URL.Query().Get("done") == "cancelled" {
		p.Notice = "Your interview is cancelled."
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Header().Set("X-Robots-Tag", "noindex")
	h.render(w, r, status, "booking", p)
}

func (p bookingPage) format(t time.Time) string {
	lt := t.In(p.zoneLoc)
	return lt.Format("Monday 2 January 2006, 15:04") + "–" + lt.Add(time.Duration(p.Link.DurationMinutes)*time.Minute).Format("15:04") + " (" + p.Zone + ")"
}

// bookingBook books (or moves the booking to) the chosen time.
func (h *Handler) bookingBook(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	token := bookingToken(r)
	if token == "" {
		h.fail(w, r, hiring.ErrNotFound("booking link"))
		return
	}
	at, err := time.Parse(time.RFC3339, r.PostForm.Get("slot"))
	if err != nil {
		h.renderBooking(w, r, http.StatusUnprocessableEntity, nil, "Please choose one of the times.")
		return
	}
	if _, err := h.svc.BookSlot(r.Context(), auth.HashToken(token), at); err != nil {
		code := hiring.ErrorCode(err)
		if code == hiring.EConflict || code == hiring.EInvalid {
			msg := hiring.ErrorMessage(err)
			if fs := hiring.ErrorFields(err); len(fs) > 0 {
				msg = fs[0].Message
			}
			h.renderBooking(w, r, httperr.Status(err), nil, msg)
			return
		}
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/book/"+token+"?done=booked&tz="+url.QueryEscape(r.PostForm.Get("tz")), http.StatusSeeOther)
}

// bookingCancel cancels the booked interview.
func (h *Handler) bookingCancel(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	token := bookingToken(r)
	if token == "" {
		h.fail(w, r, hiring.ErrNotFound("booking link"))
		return
	}
	if _, err := h.svc.CancelBooking(r.Context(), auth.HashToken(token)); err != nil {
		if hiring.ErrorCode(err) == hiring.EConflict {
			h.renderBooking(w, r, http.StatusConflict, nil, hiring.ErrorMessage(err))
			return
		}
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/book/"+token+"?done=cancelled&tz="+url.QueryEscape(r.PostForm.Get("tz")), http.StatusSeeOther)
}
