package web_test

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/web"
)

func TestStaticFingerprintsAndCaches(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	page := f.get(f.as(f.recruiter), "/jobs").body
	m := regexp.MustCompile(`href="(/static/app\.css\?v=[0-9a-f]{12})"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("layout does not link a fingerprinted app.css")
	}
	for _, js := range []string{"/static/vendor/htmx.min.js?v=", "/static/vendor/Sortable.min.js?v=", "/static/app.js?v="} {
		if !strings.Contains(page, js) {
			t.Errorf("layout lacks %s", js)
		}
	}
	if strings.Contains(page, "<style") || regexp.MustCompile(`<script>`).MatchString(page) || strings.Contains(page, " style=") {
		t.Error("inline script or style breaks the CSP")
	}

	h := web.Static()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, m[1], nil))
	if rec.Code != 200 || !strings.Contains(rec.Header().Get("Cache-Control"), "immutable") || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/css") {
		t.Fatalf("fingerprinted: %d %v", rec.Code, rec.Header())
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/static/app.css?v=old", nil))
	if rec.Header().Get("Cache-Control") != "no-cache" {
		t.Fatalf("stale fingerprint cached: %v", rec.Header())
	}
	etag := rec.Header().Get("ETag")
	req := httptest.NewRequest(http.MethodGet, "/static/app.css", nil)
	req.Header.Set("If-None-Match", etag)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotModified {
		t.Fatalf("If-None-Match: %d", rec.Code)
	}
	for _, p := range []string{"/static/nope.js", "/static/../web.go", "/static/vendor/"} {
		rec = httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		if rec.Code != http.StatusNotFound {
			t.Errorf("%s: %d", p, rec.Code)
		}
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/static/vendor/htmx.LICENSE", nil))
	if rec.Code != 200 {
		t.Error("licence not served")
	}
}

func TestRoutesListed(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	h, ok := web.New(web.Deps{Svc: f.app.DB, Auth: f.app.Auth, Blobs: f.app.Blobs}).(*web.Handler)
	if !ok {
		t.Fatal("web.New does not return *web.Handler")
	}
	seen := map[string]bool{}
	for _, r := range h.Routes() {
		key := r.Method + " " + r.Pattern
		if seen[key] {
			t.Errorf("duplicate route %s", key)
		}
		seen[key] = true
		if r.Access != web.Public && r.Access != web.Member && r.Access != web.Admin && r.Access != web.Manager {
			t.Errorf("%s has no access rule", key)
		}
		// Departments and locations are shared with recruiters; the rest of /admin is admins'.
		shared := strings.HasPrefix(r.Pattern, "/admin/departments") || strings.HasPrefix(r.Pattern, "/admin/locations")
		if strings.HasPrefix(r.Pattern, "/admin") && !shared && r.Access != web.Admin {
			t.Errorf("%s is not admin-only", key)
		}
		if shared && r.Access != web.Manager {
			t.Errorf("%s is not for admins and recruiters", key)
		}
	}
	for _, want := range []string{"GET /login", "POST /login", "GET /jobs", "GET /jobs/{id}", "GET /candidates", "GET /candidates/{id}"} {
		if !seen[want] {
			t.Errorf("missing route %s", want)
		}
	}
}

func TestLocalPath(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"/jobs/1": "/jobs/1", "//evil.example": "/x", "/\\evil": "/x", "https://evil.example": "/x", "": "/x", "/a\nb": "/x",
	} {
		if got := web.LocalPath(in, "/x"); got != want {
			t.Errorf("localPath(%q) = %q, want %q", in, got, want)
		}
	}
}

// Browsers fetch /favicon.ico on every site; it was a 404 (issue 7, bug 5).
func TestFaviconAndIconSprite(t *testing.T) {
	t.Parallel()
	h := web.Static()
	for path, ct := range map[string]string{"/favicon.ico": "image/x-icon", "/static/favicon.svg": "image/svg+xml", "/static/icons.svg": "image/svg+xml"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != 200 || rec.Header().Get("Content-Type") != ct || rec.Body.Len() == 0 {
			t.Errorf("%s: %d %q", path, rec.Code, rec.Header().Get("Content-Type"))
		}
	}
	f := newFixture(t)
	page := f.get(f.as(f.recruiter), "/jobs").body
	for _, want := range []string{`rel="icon" href="/static/favicon.svg?v=`, `<use href="/static/icons.svg?v=`, `class="avatar av-`} {
		if !strings.Contains(page, want) {
			t.Errorf("the layout lacks %s", want)
		}
	}
}
