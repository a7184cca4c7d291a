package auth_test

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

const goodPassword = "correct horse battery staple"

// harness is a minimal site over the real store: /login, /logout, /me and
// /api/me, wrapped in the auth middleware exactly as internal/server does.
type harness struct {
	t    *testing.T
	db   *store.DB
	auth *auth.Auth
	h    http.Handler
	api  http.Handler
}

func newHarness(t *testing.T, db *store.DB) *harness {
	return newHarnessWith(t, db, auth.Options{BaseURL: "http://candor.test"})
}

// newHarnessWith is newHarness with chosen options (a secret key shared
// by several instances, as replicas or restarts share it).
func newHarnessWith(t *testing.T, db *store.DB, opts auth.Options) *harness {
	a := auth.New(db, opts)
	mux := http.NewServeMux()
	mux.HandleFunc("POST /login", func(w http.ResponseWriter, r *http.Request) {
		if _, err := a.Login(r.Context(), w, r, r.PostFormValue("email"), r.PostFormValue("password")); err != nil {
			httperr.Problem(w, r, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("POST /logout", func(w http.ResponseWriter, r *http.Request) {
		if err := a.Logout(w, r); err != nil {
			httperr.Problem(w, r, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	mux.HandleFunc("POST /upload", upload)
	// A handler that reads a field the careless way: on a multipart body
	// FormValue would parse the whole form into temp files.
	mux.HandleFunc("POST /stray", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(r.FormValue("kind")))
	})
	mux.HandleFunc("GET /me", me)
	mux.HandleFunc("POST /me", me)
	mux.HandleFunc("GET /form", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte(auth.CSRFToken(r))) })
	return &harness{t: t, db: db, auth: a, h: a.ClientAddr(a.Sessions(a.CSRF(mux, auth.BodyRoute{Pattern: "POST /login", MaxBytes: 16 << 10}))), api: a.Tokens(http.HandlerFunc(me))}
}

func me(w http.ResponseWriter, r *http.Request) {
	u, ok := auth.CurrentUser(r.Context())
	if !ok {
		httperr.Problem(w, r, hiring.Errorf(hiring.EUnauthorized, "Please sign in."))
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]string{"id": u.ID, "email": u.Email})
}

// upload reads a multipart form the way the UI's upload handlers do and
// answers with its fields and the size of its file.
func upload(w http.ResponseWriter, r *http.Request) {
	if _, ok := auth.CurrentUser(r.Context()); !ok {
		httperr.Problem(w, r, hiring.Errorf(hiring.EUnauthorized, "Please sign in."))
		return
	}
	form, err := auth.ReadMultipartForm(w, r, 4<<20)
	if err != nil {
		httperr.Problem(w, r, hiring.Errorf(hiring.EInvalid, "unreadable: %v", err))
		return
	}
	defer form.RemoveAll()
	out := map[string]any{"kind": r.PostForm.Get("kind")}
	if fhs := form.File["file"]; len(fhs) == 1 {
		out["size"] = fhs[0].Size
	}
	_ = json.NewEncoder(w).Encode(out)
}

func sys() context.Context { return hiring.WithActor(context.Background(), hiring.SystemActor()) }

func (h *harness) user(email string, role hiring.Role) hiring.User {
	h.t.Helper()
	// The store insists that the first user is an admin.
	if n, _ := h.db.CountUsers(sys()); n == 0 && role != hiring.RoleAdmin {
		h.user("root@example.com", hiring.RoleAdmin)
	}
	u, err := h.auth.CreateUser(sys(), hiring.NewUser{Email: email, Name: "Test " + string(role), Role: role}, goodPassword)
	if err != nil {
		h.t.Fatal(err)
	}
	return u
}

// browser is a cookie-keeping client for one IP, driving the handler directly.
type browser struct {
	h       *harness
	ip      string
	cookies map[string]string
}

func (h *harness) browser(ip string) *browser {
	return &browser{h: h, ip: ip, cookies: map[string]string{}}
}

func (b *browser) do(method, path string, form url.Values, header http.Header) *httptest.ResponseRecorder {
	if form == nil {
		return b.send(method, path, strings.NewReader(""), "", header)
	}
	return b.send(method, path, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded", header)
}

// send is do with any body and content type.
func (b *browser) send(method, path string, body io.Reader, contentType string, header http.Header) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, "http://candor.test"+path, body)
	r.RemoteAddr = net.JoinHostPort(b.ip, "40000")
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	for k, vs := range header {
		r.Header[k] = vs
	}
	for k, v := range b.cookies {
		r.AddCookie(&http.Cookie{Name: k, Value: v})
	}
	rec := httptest.NewRecorder()
	b.h.h.ServeHTTP(rec, r)
	for _, c := range rec.Result().Cookies() {
		if c.MaxAge < 0 || c.Value == "" {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c.Value
		}
	}
	return rec
}

// token fetches the CSRF token a page of this browser would carry.
func (b *browser) token() string {
	return b.do("GET", "/form", nil, nil).Body.String()
}

func (b *browser) login(email, password string) *httptest.ResponseRecorder {
	return b.do("POST", "/login", url.Values{"email": {email}, "password": {password}, "csrf_token": {b.token()}}, nil)
}

func (b *browser) signedIn() bool {
	return b.do("GET", "/me", nil, nil).Code == http.StatusOK
}

func each(t *testing.T, fn func(t *testing.T, h *harness)) {
	storetest.Each(t, func(t *testing.T, db *store.DB) { fn(t, newHarness(t, db)) })
}
