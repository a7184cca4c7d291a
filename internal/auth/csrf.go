package auth

import (
	"bytes"
	"context"
	"crypto/subtle"
	"errors"
	"io"
	"mime"
	"mime/multipart"
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
// Either way the token travels in the form field csrf_token (the first field
// of a multipart form) or the header X-CSRF-Token.
const (
	CSRFCookie = "candor_csrf"
	CSRFField  = "csrf_token"
	CSRFHeader = "X-CSRF-Token"
)

type csrfKey struct{}

// AnonymousBodyBytes caps the body of an unsafe request from a visitor who
// is not signed in, on any route that did not declare a BodyRoute: enough
// for a form carrying a CSRF token, not enough to fill memory or disk. The
// cap is set before anything reads the body.
const AnonymousBodyBytes = 4 << 10

// csrfPeekBytes is how much of a multipart body the check reads to find the
// token, which must be the first part (the csrf template is the first field
// of every form, and browsers send fields in document order).
const csrfPeekBytes = 8 << 10

// BodyRoute declares a route that takes a body from visitors who are not
// signed in (sign-in, first-run setup, a public application form), with the
// largest body it accepts. Pattern is a ServeMux pattern ("POST /login").
type BodyRoute struct {
	Pattern  string
	MaxBytes int64
	// Capability: the route is authorized by an unguessable token in its
	// path and changes nothing but what that token names (the RFC 8058
	// one-click unsubscribe, which mail providers POST from their servers
	// with no cookie and no form token). It skips the CSRF token and
	// origin checks; the body cap still applies.
	Capability bool
}

// CSRF protects unsafe methods (anything but GET, HEAD, OPTIONS, TRACE).
// Besides the token it checks the browser's own signals: a cross-site
// Sec-Fetch-Site, or an Origin other than ours, is refused outright.
//
// Nothing reads a body before the request is known to be allowed to send
// one: a signed-in request, or one to a route in anonymous (each with its
// own cap); any other anonymous body is cut at AnonymousBodyBytes first.
// The token comes from the X-CSRF-Token header or the form: a urlencoded
// form is parsed here (a signed-in one up to Options.MaxFormBytes), a
// multipart one is not — its first part must be the token, read from the
// first few KB and handed back to the handler with the rest of the stream.
// Handlers read multipart forms with ReadMultipartForm (stray FormValue
// calls see an empty form, so no temp file is ever made where nobody
// removes it).
func (a *Auth) CSRF(next http.Handler, anonymous ...BodyRoute) http.Handler {
	routes := http.NewServeMux()
	limits := map[string]int64{}
	capability := map[string]bool{}
	for _, br := range anonymous {
		routes.Handle(br.Pattern, http.NotFoundHandler())
		limits[br.Pattern] = br.MaxBytes
		capability[br.Pattern] = br.Capability
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s, signedIn := CurrentSession(r.Context())
		want := ""
		if signedIn {
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

		declared := false
		if !signedIn && r.Body != nil && r.Body != http.NoBody {
			limit := int64(AnonymousBodyBytes)
			if _, pattern := routes.Handler(r); pattern != "" {
				limit, declared = limits[pattern], true
			}
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		multipartBody := isMultipart(r)
		if multipartBody {
			r.MultipartForm = unreadForm
		}

		if isSafeMethod(r.Method) {
			next.ServeHTTP(w, r)
			return
		}
		if len(capability) > 0 {
			if _, pattern := routes.Handler(r); capability[pattern] {
				next.ServeHTTP(w, r)
				return
			}
		}
		if !a.sameOrigin(r) {
			csrfFail(w, r, "cross-site request refused")
			return
		}
		got := r.Header.Get(CSRFHeader)
		if got == "" {
			var err error
			if multipartBody {
				got, err = peekMultipartToken(r)
			} else {
				if signedIn {
					r.Body = http.MaxBytesReader(w, r.Body, a.opts.MaxFormBytes)
				}
				err = r.ParseForm()
				got = r.PostForm.Get(CSRFField)
			}
			var tooBig *http.MaxBytesError
			switch {
			case errors.As(err, &tooBig) && (signedIn || declared):
				httperr.Problem(w, r, hiring.Errorf(hiring.EInvalid, "The form is too large."))
				return
			case errors.As(err, &tooBig):
				// Not signed in and not a route that takes anonymous
				// bodies: most likely a session that ended before a long
				// form was sent; the form cannot be accepted either way.
				csrfFail(w, r, "anonymous body over the limit")
				return
			case err != nil:
				httperr.Problem(w, r, hiring.Errorf(hiring.EInvalid, "The form could not be read."))
				return
			}
		}
		if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
			csrfFail(w, r, "missing or wrong CSRF token")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// unreadForm marks a multipart body the CSRF check left unread: with it in
// Request.MultipartForm, net/http's ParseMultipartForm (and so FormValue)
// returns at once instead of spilling files to the temp folder from a copy
// of the request that nothing would clean up.
var unreadForm = &multipart.Form{Value: map[string][]string{}, File: map[string][]*multipart.FileHeader{}}

func isMultipart(r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mt == "multipart/form-data"
}

// peekMultipartToken reads the value of the body's first part when it is
// the CSRF field, from at most csrfPeekBytes, and puts what it read back in
// front of the rest of the body for the handler. A missing token is "", not
// an error; an error is a body that could not be read (or is over its cap
// within the peek).
func peekMultipartToken(r *http.Request) (string, error) {
	_, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	boundary := params["boundary"]
	buf := make([]byte, csrfPeekBytes)
	n, err := io.ReadFull(r.Body, buf)
	buf = buf[:n]
	r.Body = prefixedBody{Reader: io.MultiReader(bytes.NewReader(buf), r.Body), Closer: r.Body}
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		var tooBig *http.MaxBytesError
		if !errors.As(err, &tooBig) || n == 0 {
			return "", err
		}
		// Over the cap: the token may still be in what was read; the
		// handler meets the same error if it reads on.
	}
	if boundary == "" {
		return "", nil
	}
	p, err := multipart.NewReader(bytes.NewReader(buf), boundary).NextPart()
	if err != nil || p.FormName() != CSRFField {
		return "", nil
	}
	v, err := io.ReadAll(io.LimitReader(p, 512))
	if err != nil {
		return "", nil
	}
	return string(v), nil
}

type prefixedBody struct {
	io.Reader
	io.Closer
}

// ReadMultipartForm reads the multipart form of a request that passed the
// CSRF check (or of any request, outside it), with the body capped at
// maxBytes; large file parts spill to the temp folder. The caller must defer
// form.RemoveAll() — net/http only removes the files of the request it
// created, and handlers see a copy. On error no file is left behind. The
// form's values are also put in r.PostForm and r.Form.
func ReadMultipartForm(w http.ResponseWriter, r *http.Request, maxBytes int64) (*multipart.Form, error) {
	if r.MultipartForm != nil && r.MultipartForm != unreadForm {
		return r.MultipartForm, nil
	}
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" || params["boundary"] == "" {
		return nil, http.ErrNotMultipart
	}
	if r.Form == nil {
		if err := r.ParseForm(); err != nil {
			return nil, err
		}
	}
	f, err := multipart.NewReader(http.MaxBytesReader(w, r.Body, maxBytes), params["boundary"]).ReadForm(1 << 20)
	if err != nil {
		return nil, err
	}
	if r.PostForm == nil {
		r.PostForm = url.Values{}
	}
	for k, v := range f.Value {
		r.Form[k] = append(r.Form[k], v...)
		r.PostForm[k] = append(r.PostForm[k], v...)
	}
	r.MultipartForm = f
	return f, nil
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
