package server

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/store/storetest"
)

func newHandler(t *testing.T, logs *bytes.Buffer, ready func(context.Context) error, https bool) http.Handler {
	db := storetest.SQLite(t)
	a := auth.New(db, auth.Options{})
	web := http.NewServeMux()
	web.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("page")) })
	web.HandleFunc("GET /boom", func(w http.ResponseWriter, r *http.Request) { panic("secret-panic-value") })
	web.HandleFunc("POST /form", func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("posted")) })
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v1/boom" {
			panic("api panic")
		}
		_, _ = w.Write([]byte("api " + r.URL.Path))
	})
	static := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("static")) })
	return New(Deps{Auth: a, Web: web, API: api, Static: static, Ready: ready,
		Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})), HTTPS: https})
}

func get(h http.Handler, path string, hdr ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest("GET", path, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		r.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	return rec
}

func TestRoutesAndHeaders(t *testing.T) {
	var logs bytes.Buffer
	h := newHandler(t, &logs, nil, false)
	tests := []struct{ path, body string }{
		{"/healthz", "ok\n"}, {"/readyz", "ready\n"}, {"/static/app.css", "static"}, {"/favicon.ico", "static"},
		{"/api/v1/jobs", "api /api/v1/jobs"}, {"/jobs", "page"},
	}
	for _, tt := range tests {
		rec := get(h, tt.path)
		if rec.Code != 200 || rec.Body.String() != tt.body {
			t.Errorf("GET %s = %d %q, want %q", tt.path, rec.Code, rec.Body, tt.body)
		}
		hd := rec.Header()
		if !strings.Contains(hd.Get("Content-Security-Policy"), "frame-ancestors 'none'") ||
			!strings.Contains(hd.Get("Content-Security-Policy"), "script-src 'self'") ||
			hd.Get("X-Content-Type-Options") != "nosniff" || hd.Get("Referrer-Policy") != "same-origin" {
			t.Errorf("GET %s: security headers missing: %v", tt.path, hd)
		}
		if hd.Get("Strict-Transport-Security") != "" {
			t.Errorf("HSTS sent over plain HTTP")
		}
		if len(hd.Get("X-Request-ID")) < 16 {
			t.Errorf("GET %s: no request ID", tt.path)
		}
	}
	if !strings.Contains(logs.String(), "path=/jobs") || !strings.Contains(logs.String(), "request_id=") {
		t.Errorf("request not logged with its ID: %s", logs.String())
	}
	if rec := get(newHandler(t, &logs, nil, true), "/jobs"); !strings.Contains(rec.Header().Get("Strict-Transport-Security"), "max-age=") {
		t.Error("HSTS missing over HTTPS")
	}
}

func TestRequestIDPropagates(t *testing.T) {
	var logs bytes.Buffer
	h := newHandler(t, &logs, nil, false)
	if got := get(h, "/healthz", "X-Request-ID", "abc-123").Header().Get("X-Request-ID"); got != "abc-123" {
		t.Errorf("plain client ID not kept: %q", got)
	}
	if got := get(h, "/healthz", "X-Request-ID", "<script>").Header().Get("X-Request-ID"); got == "<script>" || got == "" {
		t.Errorf("unsafe client ID kept: %q", got)
	}
}

func TestReadyz(t *testing.T) {
	var logs bytes.Buffer
	h := newHandler(t, &logs, func(context.Context) error { return errors.New("db down") }, false)
	if rec := get(h, "/readyz"); rec.Code != http.StatusServiceUnavailable {
		t.Fatalf("readyz with a failing check = %d", rec.Code)
	}
	if rec := get(h, "/healthz"); rec.Code != 200 {
		t.Fatalf("healthz must not depend on the database: %d", rec.Code)
	}
}

func TestPanicRecovery(t *testing.T) {
	var logs bytes.Buffer
	h := newHandler(t, &logs, nil, false)
	rec := get(h, "/boom", "Accept", "text/html")
	if rec.Code != 500 || strings.Contains(rec.Body.String(), "secret-panic-value") || strings.Contains(rec.Body.String(), "goroutine") {
		t.Fatalf("html panic answer: %d %s", rec.Code, rec.Body)
	}
	if !strings.Contains(rec.Body.String(), rec.Header().Get("X-Request-ID")) {
		t.Errorf("error page should name the request ID")
	}
	if !strings.Contains(logs.String(), "secret-panic-value") || !strings.Contains(logs.String(), "status=500") {
		t.Errorf("panic not logged: %s", logs.String())
	}
	rec = get(h, "/api/v1/boom")
	if rec.Code != 500 || rec.Header().Get("Content-Type") != "application/problem+json" || strings.Contains(rec.Body.String(), "api panic") {
		t.Fatalf("api panic answer: %d %s %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
}

func TestWebIsBehindCSRF(t *testing.T) {
	var logs bytes.Buffer
	h := newHandler(t, &logs, nil, false)
	r := httptest.NewRequest("POST", "/form", strings.NewReader("a=b"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	if rec.Code != http.StatusForbidden {
		t.Fatalf("POST without CSRF token = %d", rec.Code)
	}
}

type countingActivity struct{ begun, ended, running, maxRunning int }

func (c *countingActivity) Begin() {
	c.begun++
	c.running++
	c.maxRunning = max(c.maxRunning, c.running)
}
func (c *countingActivity) End() { c.ended++; c.running-- }

// Every request, a panicking one included, begins and ends one unit of
// activity, so the idle memory release never mistakes a busy server for a
// quiet one or the reverse.
func TestRequestsCountAsActivity(t *testing.T) {
	act := &countingActivity{}
	h := New(Deps{Web: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if act.running != 1 {
			t.Errorf("handler ran outside a unit of activity (%d running)", act.running)
		}
		if r.URL.Path == "/boom" {
			panic("boom")
		}
	}), Auth: auth.New(storetest.SQLite(t), auth.Options{}), Activity: act})
	for _, p := range []string{"/", "/boom", "/healthz"} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", p, nil))
	}
	if act.begun != 3 || act.ended != 3 || act.running != 0 || act.maxRunning != 1 {
		t.Fatalf("activity %+v", *act)
	}
}
