// Package apptest runs a whole Candor instance over a fresh store behind an
// httptest server, with helpers to create users, sign in (CSRF included) and
// make API tokens. It is for tests of every package above the store.
package apptest

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/app"
	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/config"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// Options chooses the engine and what runs.
type Options struct {
	// Postgres runs on a fresh PostgreSQL database (skips without
	// CANDOR_TEST_POSTGRES_URL, fails under CI=true); default SQLite.
	Postgres bool
	// StartQueue starts the background workers; off by default so handler
	// tests stay quiet and fast.
	StartQueue bool
	// Logger receives the app's logs; default discards them.
	Logger *slog.Logger
	// Configure, when set, adjusts the configuration before the app is
	// built (a smaller document cap, trusted proxies…).
	Configure func(*config.Config)
}

// App is a running test instance.
type App struct {
	*app.App
	URL    string
	Server *httptest.Server
	t      testing.TB
	seq    atomic.Int64
}

// Password is the password of users made by CreateUser.
const Password = "correct horse battery staple"

// New starts an instance; it is stopped when the test ends.
func New(t testing.TB, opts ...Options) *App {
	t.Helper()
	var o Options
	if len(opts) > 0 {
		o = opts[0]
	}
	var db *store.DB
	if o.Postgres {
		db = storetest.Postgres(t)
	} else {
		db = storetest.SQLite(t)
	}
	logger := o.Logger
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	ts := httptest.NewUnstartedServer(nil)
	cfg := config.Config{
		Addr:      ts.Listener.Addr().String(),
		BaseURL:   "http://" + ts.Listener.Addr().String(),
		DataDir:   t.TempDir(),
		SecretKey: strings.Repeat("t", 32),
		LogLevel:  "debug",
		LogFormat: "text",
	}
	if o.Configure != nil {
		o.Configure(&cfg)
	}
	ctx := context.Background()
	a, err := app.NewWithStore(ctx, cfg, logger, db)
	if err != nil {
		ts.Close()
		t.Fatalf("apptest: %v", err)
	}
	ts.Config.Handler = a.Handler()
	ts.Start()
	if o.StartQueue {
		if err := a.Queue.Start(ctx); err != nil {
			t.Fatalf("apptest: start queue: %v", err)
		}
	}
	t.Cleanup(func() {
		ts.Close()
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := a.Queue.Stop(sctx); err != nil {
			t.Errorf("apptest: stop queue: %v", err)
		}
		_ = a.Sandbox.Close() // resume sandbox children of this instance
	})
	return &App{App: a, URL: ts.URL, Server: ts, t: t}
}

// System is a context acting as the system (sees and may do everything).
func (a *App) System() context.Context {
	return hiring.WithActor(context.Background(), hiring.SystemActor())
}

// As is a context acting as the user.
func (a *App) As(u hiring.User) context.Context {
	return hiring.WithActor(context.Background(), auth.ActorFor(u, "127.0.0.1"))
}

// CreateUser makes an enabled user with the role, a unique email and the
// password Password.
func (a *App) CreateUser(role hiring.Role) hiring.User {
	a.t.Helper()
	// The store insists that the first user is an admin.
	if c, err := a.DB.CountUsers(a.System()); err == nil && c == 0 && role != hiring.RoleAdmin {
		a.CreateUser(hiring.RoleAdmin)
	}
	n := a.seq.Add(1)
	u, err := a.Auth.CreateUser(a.System(), hiring.NewUser{
		Email: fmt.Sprintf("%s%d@example.com", strings.ReplaceAll(string(role), "_", "."), n),
		Name:  fmt.Sprintf("%s %d", role.Label(), n),
		Role:  role,
	}, Password)
	if err != nil {
		a.t.Fatalf("apptest: create user: %v", err)
	}
	return u
}

// Client returns a browser-like client: its own cookie jar, and redirects
// not followed, so tests see the 303s.
func (a *App) Client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{
		Jar:           jar,
		Timeout:       30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// Login signs c in through the /login form, handling the anonymous CSRF
// token, and fails the test unless a session cookie results.
func (a *App) Login(c *http.Client, email, password string) {
	a.t.Helper()
	res, err := a.PostForm(c, "/login", url.Values{"email": {email}, "password": {password}})
	if err != nil {
		a.t.Fatalf("apptest: login: %v", err)
	}
	res.Body.Close()
	if a.cookie(c, auth.SessionCookie) == "" {
		a.t.Fatalf("apptest: login as %s: status %d, no session cookie", email, res.StatusCode)
	}
}

// PostForm posts a form with the right CSRF token for c: the session's when
// c is signed in, the pre-session cookie's otherwise.
func (a *App) PostForm(c *http.Client, path string, form url.Values) (*http.Response, error) {
	a.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	if form.Get(auth.CSRFField) == "" {
		form.Set(auth.CSRFField, a.CSRFToken(c))
	}
	req, err := http.NewRequest(http.MethodPost, a.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "text/html")
	return c.Do(req)
}

// CSRFToken returns the token c must send: its session's (read from the
// store), or the pre-session cookie's, fetching /login first to get one.
func (a *App) CSRFToken(c *http.Client) string {
	a.t.Helper()
	if sess := a.cookie(c, auth.SessionCookie); sess != "" {
		s, _, err := a.DB.SessionByTokenHash(a.System(), auth.HashToken(sess))
		if err == nil {
			return s.CSRFToken
		}
	}
	if tok := a.cookie(c, auth.CSRFCookie); tok != "" {
		return tok
	}
	res, err := c.Get(a.URL + "/login")
	if err != nil {
		a.t.Fatalf("apptest: get /login: %v", err)
	}
	_, _ = io.Copy(io.Discard, res.Body)
	res.Body.Close()
	tok := a.cookie(c, auth.CSRFCookie)
	if tok == "" {
		a.t.Fatalf("apptest: no %s cookie after GET /login (status %d)", auth.CSRFCookie, res.StatusCode)
	}
	return tok
}

func (a *App) cookie(c *http.Client, name string) string {
	if c.Jar == nil {
		return ""
	}
	u, _ := url.Parse(a.URL)
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == name {
			return ck.Value
		}
	}
	return ""
}

// APIToken creates a personal API token for u and returns the secret.
func (a *App) APIToken(u hiring.User) string {
	a.t.Helper()
	secret, _, err := a.Auth.CreateAPIToken(a.As(u), u.ID, "test")
	if err != nil {
		a.t.Fatalf("apptest: api token: %v", err)
	}
	return secret
}

// APIRequest builds a request to the API with the bearer token set.
func (a *App) APIRequest(method, path, token string, body io.Reader) *http.Request {
	a.t.Helper()
	req, err := http.NewRequest(method, a.URL+path, body)
	if err != nil {
		a.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req
}
