package web

import (
	"net/http"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/candor-ats/candor/internal/hiring"
)

const flashCookie = "candor_flash"

// maxFlash bounds a flash message (in bytes, before escaping) so the
// cookie stays small; takeFlash drops anything longer.
const maxFlash = 300

// setFlash leaves a one-line confirmation for the page the redirect lands on;
// a longer message is cut at a character boundary and ends with "…".
func setFlash(w http.ResponseWriter, msg string) {
	if len(msg) > maxFlash {
		const ellipsis = "…"
		cut := maxFlash - len(ellipsis)
		for cut > 0 && !utf8.RuneStart(msg[cut]) {
			cut--
		}
		msg = msg[:cut] + ellipsis
	}
	http.SetCookie(w, &http.Cookie{
		Name: flashCookie, Value: url.QueryEscape(msg), Path: "/",
		MaxAge: 60, HttpOnly: true, SameSite: http.SameSiteLaxMode,
	})
}

// redirectError sends the user back to where they were with the error's
// message. Nothing is highlighted on the page it lands on, so when the
// reason is on a field the flash names the field and says it.
func redirectError(w http.ResponseWriter, r *http.Request, to string, err error) {
	msg := hiring.ErrorMessage(err)
	if fs := hiring.ErrorFields(err); len(fs) > 0 && fs[0].Message != "" {
		msg = strings.TrimSuffix(fs[0].Message, ".") + "."
		if name := strings.ReplaceAll(strings.TrimSuffix(strings.TrimSuffix(fs[0].Field, "_id"), "_ids"), "_", " "); name != "" {
			msg = name + ": " + msg
		}
		r, n := utf8.DecodeRuneInString(msg)
		msg = string(unicode.ToUpper(r)) + msg[n:]
	}
	setFlash(w, flashError+msg)
	http.Redirect(w, r, to, http.StatusSeeOther)
}

func takeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(flashCookie)
	if err != nil || c.Value == "" {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	msg, err := url.QueryUnescape(c.Value)
	if err != nil || len(msg) > maxFlash {
		return ""
	}
	return msg
}

// flashError marks a flash as a failure so the page styles it as an alert.
const flashError = "!"

// redirect answers a successful POST with 303 See Other (POST-redirect-GET).
func redirect(w http.ResponseWriter, r *http.Request, to, flash string) {
	if flash != "" {
		setFlash(w, flash)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}
