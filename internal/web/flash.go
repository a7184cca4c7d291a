package web

import (
	"net/http"
	"net/url"

	"github.com/candor-ats/candor/internal/hiring"
)

const flashCookie = "candor_flash"

// setFlash leaves a one-line confirmation for the page the redirect lands on.
func setFlash(w http.ResponseWriter, msg string) {
	http.SetCookie(w, &http.Cookie{
		Name: flashCookie, Value: url.QueryEscape(msg), Path: "/",
		MaxAge: 60, HttpOnly: true, SameSite: http.SameSiteLaxMode,
	})
}

// redirectError sends the user back to where they were with the error's message.
func redirectError(w http.ResponseWriter, r *http.Request, to string, err error) {
	setFlash(w, flashError+hiring.ErrorMessage(err))
	http.Redirect(w, r, to, http.StatusSeeOther)
}

func takeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(flashCookie)
	if err != nil || c.Value == "" {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	msg, err := url.QueryUnescape(c.Value)
	if err != nil || len(msg) > 300 {
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
