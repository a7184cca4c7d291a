package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/api"
	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/parsing"
	"github.com/candor-ats/candor/internal/resume"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// env is the API behind auth.Tokens over a real store, with one user and
// token per role.
type env struct {
	t       testing.TB
	db      *store.DB
	auth    *auth.Auth
	srv     *httptest.Server
	blobs   blob.Store
	blobDir string
	parsing *parsing.Service
	users   map[hiring.Role]hiring.User
	tokens  map[hiring.Role]string
}

func newEnv(t testing.TB, db *store.DB) *env {
	t.Helper()
	a := auth.New(db, auth.Options{})
	blobDir := t.TempDir()
	blobs, err := blob.NewFS(blobDir)
	if err != nil {
		t.Fatal(err)
	}
	// The sandbox re-executes this test binary; internal/parsing makes it
	// answer as the extraction child.
	sandbox := &resume.Sandbox{}
	t.Cleanup(func() { _ = sandbox.Close() })
	e := &env{t: t, db: db, auth: a, blobs: blobs, blobDir: blobDir, users: map[hiring.Role]hiring.User{}, tokens: map[hiring.Role]string{}}
	e.parsing = parsing.New(parsing.Deps{Store: db, Blobs: blobs, Extractor: sandbox})
	e.srv = httptest.NewServer(a.Tokens(api.New(api.Deps{Svc: db, Auth: a, Blobs: blobs, Parsing: e.parsing})))
	t.Cleanup(e.srv.Close)
	for _, role := range hiring.Roles {
		u, tok := e.addUser(string(role)+"@example.com", role.Label(), role)
		e.users[role] = u
		e.tokens[role] = tok
	}
	return e
}

func (e *env) sys() context.Context { return hiring.WithActor(e.t.Context(), hiring.SystemActor()) }

// addUser creates a user with an API token, as the system.
func (e *env) addUser(email, name string, role hiring.Role) (hiring.User, string) {
	e.t.Helper()
	u, err := e.db.CreateUser(e.sys(), hiring.NewUser{Email: email, Name: name, Role: role})
	if err != nil {
		e.t.Fatalf("create user %s: %v", email, err)
	}
	tok, _, err := e.auth.CreateAPIToken(e.sys(), u.ID, "test")
	if err != nil {
		e.t.Fatalf("create token for %s: %v", email, err)
	}
	return u, tok
}

type resp struct {
	t      testing.TB
	Status int
	Header http.Header
	Body   []byte
}

// call sends a JSON request as the holder of token; body may be a string
// (sent as is), nil, or a value to marshal. hdr is "Name: value" pairs.
func (e *env) call(token, method, path string, body any, hdr ...string) resp {
	e.t.Helper()
	return e.callAt(e.srv.URL, token, method, path, body, hdr...)
}

// callAt is call against another server of the same API (a replica).
func (e *env) callAt(base, token, method, path string, body any, hdr ...string) resp {
	e.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		r = bytes.NewReader(buf)
	}
	req, err := http.NewRequestWithContext(e.t.Context(), method, base+"/api/v1"+path, r)
	if err != nil {
		e.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for _, h := range hdr {
		k, v, _ := strings.Cut(h, ":")
		req.Header.Set(strings.TrimSpace(k), strings.TrimSpace(v))
	}
	res, err := e.srv.Client().Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return resp{t: e.t, Status: res.StatusCode, Header: res.Header, Body: b}
}

// as is call with the token of a role.
func (e *env) as(role hiring.Role, method, path string, body any, hdr ...string) resp {
	e.t.Helper()
	return e.call(e.tokens[role], method, path, body, hdr...)
}

// want fails unless the status is as expected; it returns the response for chaining.
func (r resp) want(status int) resp {
	r.t.Helper()
	if r.Status != status {
		r.t.Fatalf("status = %d, want %d; body: %s", r.Status, status, r.Body)
	}
	return r
}

// into decodes the body.
func (r resp) into(v any) {
	r.t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		r.t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// obj returns the body as a JSON object.
func (r resp) obj() map[string]any {
	r.t.Helper()
	var m map[string]any
	r.into(&m)
	return m
}

type problem struct {
	Status int                 `json:"status"`
	Code   string              `json:"code"`
	Detail string              `json:"detail"`
	Errors []hiring.FieldError `json:"errors"`
}

// problem checks a problem+json answer with the status and, when given,
// that the named fields are among its errors.
func (r resp) problem(status int, fields ...string) problem {
	r.t.Helper()
	r.want(status)
	if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
		r.t.Fatalf("content type %q, want application/problem+json", ct)
	}
	var p problem
	r.into(&p)
	for _, f := range fields {
		found := false
		for _, fe := range p.Errors {
			found = found || fe.Field == f
		}
		if !found {
			r.t.Errorf("problem errors %+v do not name %q", p.Errors, f)
		}
	}
	return p
}

// each runs fn on SQLite and, when configured, PostgreSQL; tests own their
// databases, so they run in parallel.
func each(t *testing.T, fn func(t *testing.T, e *env)) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) { fn(t, newEnv(t, db)) })
}
