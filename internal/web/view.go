package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/hiring"
)

// view is what every page's layout needs; page data structs embed it.
type view struct {
	Title    string
	Nav      string // which top-level menu entry is current
	User     hiring.User
	SignedIn bool
	CSRF     string
	Flash    string
	// FlashIsError styles the flash as an alert (a failed action redirected back).
	FlashIsError bool
	// Unread counts the user's unread notifications (the header's badge).
	Unread int
	// Wide lets the page use the whole window (the board) instead of the
	// reading width.
	Wide bool
	loc  *time.Location
}

func (h *Handler) view(w http.ResponseWriter, r *http.Request, title, nav string) view {
	u, ok := auth.CurrentUser(r.Context())
	v := view{Title: title, Nav: nav, User: u, SignedIn: ok, CSRF: auth.CSRFToken(r), loc: time.UTC}
	if ok {
		v.loc = h.location(u.TimeZone)
		// A failed count only hides the badge; the page itself still works.
		if n, err := h.svc.UnreadNotifications(r.Context()); err == nil {
			v.Unread = n
		} else {
			h.log.WarnContext(r.Context(), "web: unread notifications", "err", err)
		}
	}
	v.Flash = takeFlash(w, r)
	if rest, ok := strings.CutPrefix(v.Flash, flashError); ok {
		v.Flash, v.FlashIsError = rest, true
	}
	return v
}

// location caches time zones: time.LoadLocation reads the zone database from
// disk on every call, which the busiest pages can't afford.
func (h *Handler) location(name string) *time.Location {
	if name == "" || name == "UTC" {
		return time.UTC
	}
	if l, ok := h.zones.Load(name); ok {
		return l.(*time.Location)
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	h.zones.Store(name, l)
	return l
}

// Time formats t in the viewer's zone.
func (v view) Time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(v.loc).Format("2 Jan 2006, 15:04")
}

// TimeP formats an optional time.
func (v view) TimeP(t *time.Time) string {
	if t == nil {
		return ""
	}
	return v.Time(*t)
}

// Date formats the day of t in the viewer's zone.
func (v view) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(v.loc).Format("2 Jan 2006")
}

// Age says briefly how long ago t was ("5h", "3d", "2w", "4mo", "1y"): the
// time a card has spent in its stage.
func (v view) Age(t time.Time) string { return age(time.Since(t)) }

// age is Age for a duration.
func age(d time.Duration) string {
	switch {
	case d < time.Hour:
		return strconv.Itoa(max(int(d/time.Minute), 0)) + "m"
	case d < 24*time.Hour:
		return strconv.Itoa(int(d/time.Hour)) + "h"
	case d < 14*24*time.Hour:
		return strconv.Itoa(int(d/(24*time.Hour))) + "d"
	case d < 60*24*time.Hour:
		return strconv.Itoa(int(d/(7*24*time.Hour))) + "w"
	case d < 365*24*time.Hour:
		return strconv.Itoa(int(d/(30*24*time.Hour))) + "mo"
	}
	return strconv.Itoa(int(d/(365*24*time.Hour))) + "y"
}

// ISO is the machine-readable time for <time datetime>.
func (v view) ISO(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// Zone names the viewer's time zone.
func (v view) Zone() string { return v.loc.String() }

// IsAdmin reports whether the viewer administers the installation.
func (v view) IsAdmin() bool { return v.SignedIn && v.User.Role == hiring.RoleAdmin }

// CanManage reports whether the viewer may create and edit jobs and candidates.
func (v view) CanManage() bool {
	return v.SignedIn && (v.User.Role == hiring.RoleAdmin || v.User.Role == hiring.RoleRecruiter)
}

// CanMove reports whether the viewer may move, reject and hire on the board
// and the profile (the service has the last word; interviewers never may).
func (v view) CanMove() bool { return v.SignedIn && v.User.Role != hiring.RoleInterviewer }

// CanTag reports whether the viewer may tag candidates (and so act on a
// selection of them); interviewers may not.
func (v view) CanTag() bool { return v.SignedIn && v.User.Role != hiring.RoleInterviewer }

// SeesPrivate reports whether the viewer may see salaries and private notes.
func (v view) SeesPrivate() bool { return v.SignedIn && v.User.Role != hiring.RoleInterviewer }

// Layout is the view itself, for the layout template. Reached through a
// page struct that embeds it, each of the view's fields is a promoted field,
// which text/template finds by searching the embedded structs by name on
// every access (reflect's FieldByNameFunc, which allocates); the layout
// takes the view once and reads its fields directly.
func (v view) Layout() view { return v }
