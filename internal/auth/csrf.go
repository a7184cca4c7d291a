package auth

import (
	"context"
	"crypto/subtle"
	"net/http"
	"net/url"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

// CSRF tokens. A signed-in request must echo its session's synchronizer
// token; an anonymous one (the login and setup forms) must echo the value of
// the pre-session cookie (signed double submit: the cookie carries an HMAC
// under the secret key, so only values this installation issued count).
// Either way the token travels in the form field csrf_token or the header
// X-CSRF-Token.
const (
	CSRFCookie = "candor_csrf"
	CSRFField  = "csrf_token"
	CSRFHeader = "X-CSRF-Token"
)

type csrfKey struct{}

// CSRF protects unsafe methods (anything but GET, HEAD, OPTIONS, TRACE).
// Besides the token it checks the browser's own signals: a cross-site
// Sec-Fetch-Site, or an Origin other than ours, is refused outright.
//
// For multipart forms the token field is read by parsing the form here (body
// capped at Options.MaxFormBytes); handlers then find it in r.MultipartForm.
func (a *Auth) CSRF(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		want := ""
		if s, ok := CurrentSession(r.Context()); ok {
			want = s.CSRFToken
		} else if c, err := r.Cookie(CSRFCookie); err == nil && a.keys.validCSRFValue(c.Value) {
			want = c.Value
		} else {
			// A first visit, or a cookie we did not sign: issue the
			// pre-session token now, so that the login form rendered by
			// this very request can carry it.
			want = a.keys.signedCSRFValue()
			a.setCookie(w, CSRFCookie, want, a.now().Add(a.opts.SessionTTL))
		}
		r = r.WithContext(context.WithValue(r.Context(), csrfKey{}, want))

		if isSafeMethod(r.Method) {
			next.ServeHTTP(w, r)
			return
		}
		if !a.sameOrigin(r) {
			csrfFail(w, r, "cross-site request refused")
			return
		}
		got := r.Header.Get(CSRFHeader)
		if got == "" {
			r.Body = http.MaxBytesReader(w, r.Body, a.opts.MaxFormBytes)
			if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
				if err := r.ParseMultipartForm(1 << 20); err != nil {
					httperr.Problem(w, r, hiring.Errorf(hiring.EInvalid, "The form could not be read (is the file too large?)."))
					return
				}
			}
			got = r.PostFormValue(CSRFField)
		}
		if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
			csrfFail(w, r, "missing or wrong CSRF token")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// CSRFToken returns the token to put in the forms of this request's page:
// the session's, or the pre-session one. Empty outside the CSRF middleware.
func CSRFToken(r *http.Request) string {
	s, _ := r.Context().Value(csrfKey{}).(string)
	return s
}

func isSafeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions || m == http.MethodTrace
}

// sameOrigin uses Sec-Fetch-Site where the browser sends it and Origin
// otherwise; requests with neither (old browsers, curl) fall back to the
// token alone.
func (a *Auth) sameOrigin(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
	default:
		return false
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	if origin == "null" {
		return false
	}
	o, err := url.Parse(origin)
	if err != nil {
		return false
	}
	if a.opts.BaseURL != "" {
		if b, err := url.Parse(a.opts.BaseURL); err == nil && b.Host != "" {
			return strings.EqualFold(o.Scheme, b.Scheme) && strings.EqualFold(o.Host, b.Host)
		}
	}
	return strings.EqualFold(o.Host, r.Host)
}

func csrfFail(w http.ResponseWriter, r *http.Request, why string) {
	httperr.Logger(r.Context()).WarnContext(r.Context(), "csrf check failed", "why", why, "path", r.URL.Path)
	err := hiring.Errorf(hiring.EForbidden, "This form has expired or came from another site. Reload the page and try again.")
	if wantsHTML(r) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte(`<!doctype html><meta charset="utf-8"><title>Forbidden</title>` +
			`<h1>Forbidden</h1><p>This form has expired or came from another site. Go back, reload the page and try again.</p>`))
		return
	}
	httperr.Problem(w, r, err)
}

func wantsHTML(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "text/html") && r.Header.Get("HX-Request") == ""
}
