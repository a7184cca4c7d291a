package careers

import (
	"net/http"
	"strings"
	"time"
)

// Tracking links: a post's URL with ?ch=<channel>~<mac>, where channel is
// linkedin, indeed, newsletter, referral:<referrer>, agency:<agency> or
// custom:<label>, and the MAC binds it to the job (a code copied to
// another job's URL counts for nothing). The code sticks to the visitor
// from the first page view to the application: the page's apply form
// carries it, and a cookie keeps it while they look at other posts.

// Channels a recruiter picks from; referral, agency and custom take a name.
var Channels = []string{"linkedin", "indeed", "newsletter", "referral", "agency", "custom"}

// TrackingCode is the ?ch= value for a job and channel ("referral:Jane Doe").
func (h *Handler) TrackingCode(jobID, channel string) string {
	return channel + "~" + h.mac("ch:"+jobID, channel)
}

// TrackingLink is a post's tracking link for a channel (base URL included).
func (h *Handler) TrackingLink(jobID, title, channel string) string {
	return h.base + JobPath(jobID, title) + "?ch=" + urlQueryEscape(h.TrackingCode(jobID, channel))
}

// channelOf checks a tracking code for the job and returns its channel.
func (h *Handler) channelOf(jobID, code string) (string, bool) {
	i := strings.LastIndexByte(code, '~')
	if i <= 0 || len(code) > 300 {
		return "", false
	}
	ch := code[:i]
	if code[i+1:] != h.mac("ch:"+jobID, ch) {
		return "", false
	}
	return ch, true
}

// channelSource is the application source a channel stands for, and the
// referrer it names (employee referrals).
func channelSource(ch string) (source, referrer string) {
	kind, name, _ := strings.Cut(ch, ":")
	name = strings.TrimSpace(name)
	switch kind {
	case "linkedin":
		return "LinkedIn", ""
	case "indeed":
		return "Indeed", ""
	case "newsletter":
		return "Newsletter", ""
	case "referral":
		return "Employee referral", name
	case "agency":
		if name == "" {
			return "Agency", ""
		}
		return "Agency: " + name, ""
	case "custom":
		if name != "" {
			return name, ""
		}
	}
	return "", ""
}

const chCookie = "candor_ch"

// rememberChannel keeps a valid tracking code of the visit in a cookie
// (per job, 30 days), so it survives a detour through the list.
func (h *Handler) rememberChannel(w http.ResponseWriter, r *http.Request, jobID, code string) {
	if _, ok := h.channelOf(jobID, code); !ok {
		return
	}
	http.SetCookie(w, &http.Cookie{Name: chCookie + "_" + cookieSafe(jobID), Value: urlQueryEscape(code), Path: "/careers",
		Expires: h.now().Add(30 * 24 * time.Hour), HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: strings.HasPrefix(h.base, "https://")})
}

// rememberedChannel reads the code kept for the job.
func (h *Handler) rememberedChannel(r *http.Request, jobID string) string {
	c, err := r.Cookie(chCookie + "_" + cookieSafe(jobID))
	if err != nil {
		return ""
	}
	v, err := urlQueryUnescape(c.Value)
	if err != nil {
		return ""
	}
	return v
}

func cookieSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return -1
	}, s)
}
