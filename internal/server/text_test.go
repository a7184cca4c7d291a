package server

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestURLIsTextBeforeRouting: handlers see NUL bytes and invalid UTF-8 in
// the path and query as U+FFFD, and an over-long URL is refused first.
func TestURLIsTextBeforeRouting(t *testing.T) {
	var path, q string
	h := scrubURL(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path, q = r.URL.Path, r.URL.Query().Get("q")
	}))
	r := httptest.NewRequest("GET", "/jobs/a%00b?q=x%FFy&ok=1", nil)
	h.ServeHTTP(httptest.NewRecorder(), r)
	if path != "/jobs/a\uFFFDb" || q != "x\uFFFDy" {
		t.Errorf("handler saw path %q, q %q", path, q)
	}
	if r.URL.Path != "/jobs/a\x00b" {
		t.Errorf("the caller's request was changed: %q", r.URL.Path)
	}

	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/jobs/plain?q=fine", nil))
	if path != "/jobs/plain" || q != "fine" {
		t.Errorf("a clean URL came through as %q, %q", path, q)
	}

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/candidates?q="+strings.Repeat("x", MaxURLBytes), nil))
	if rec.Code != http.StatusRequestURITooLong || rec.Header().Get("Content-Type") != "application/problem+json" ||
		rec.Body.Len() > 1000 {
		t.Errorf("a long API URL: %d %s, %d bytes", rec.Code, rec.Header().Get("Content-Type"), rec.Body.Len())
	}
}
