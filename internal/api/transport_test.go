package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

// These requests fail before any service call, so no store is needed: the
// handler has nil services and would panic if it reached them.
func TestTransportProblems(t *testing.T) {
	h := New(Deps{})
	ctx := hiring.WithActor(t.Context(), hiring.Actor{UserID: "u1", Role: hiring.RoleAdmin})
	big := `{"title":"` + strings.Repeat("x", MaxBodyBytes) + `"}`
	tests := []struct {
		name, method, path, ctype, body string
		status                          int
		field                           string
	}{
		{"wrong content type", "POST", "/api/v1/jobs", "text/plain", `{"title":"x"}`, 415, ""},
		{"form content type", "POST", "/api/v1/candidates", "application/x-www-form-urlencoded", `first_name=x`, 415, ""},
		{"body over 1 MB", "POST", "/api/v1/jobs", "application/json", big, 413, ""},
		{"unknown field", "POST", "/api/v1/jobs", "application/json", `{"title":"x","salry":{}}`, 400, "salry"},
		{"invalid json", "POST", "/api/v1/candidates", "application/json", `{"first_name":`, 400, ""},
		{"missing body", "POST", "/api/v1/applications", "application/json", ``, 400, ""},
		{"unknown query parameter", "GET", "/api/v1/jobs?stauts=open", "", "", 400, "stauts"},
		{"bad limit", "GET", "/api/v1/candidates?limit=0", "", "", 400, "limit"},
		{"limit too big", "GET", "/api/v1/applications?limit=201", "", "", 400, "limit"},
		{"bad status filter", "GET", "/api/v1/applications?status=maybe", "", "", 400, "status"},
		{"bad job status filter", "GET", "/api/v1/jobs?status=open,nope", "", "", 400, "status"},
		{"bad since", "GET", "/api/v1/activity?since=monday", "", "", 400, "since"},
		{"no such route", "GET", "/api/v1/nope", "", "", 404, ""},
		{"method not allowed", "DELETE", "/api/v1/jobs", "", "", 405, ""},
		{"patch without version", "PATCH", "/api/v1/stages/x", "application/json", `{"name":"x","kind":"screen","extra":1}`, 400, "extra"},
		{"idempotency key too long", "POST", "/api/v1/jobs", "application/json", `{}`, 400, "Idempotency-Key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequestWithContext(ctx, tt.method, tt.path, strings.NewReader(tt.body))
			if tt.ctype != "" {
				r.Header.Set("Content-Type", tt.ctype)
			}
			if tt.field == "Idempotency-Key" {
				r.Header.Set("Idempotency-Key", strings.Repeat("k", 256))
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			if w.Code != tt.status {
				t.Fatalf("status = %d, want %d; body %s", w.Code, tt.status, w.Body)
			}
			if ct := w.Header().Get("Content-Type"); ct != "application/problem+json" {
				t.Fatalf("content type = %q, want application/problem+json", ct)
			}
			var p struct {
				Status int                 `json:"status"`
				Code   string              `json:"code"`
				Errors []hiring.FieldError `json:"errors"`
			}
			if err := json.Unmarshal(w.Body.Bytes(), &p); err != nil {
				t.Fatalf("problem body %q: %v", w.Body, err)
			}
			if p.Status != tt.status || p.Code == "" {
				t.Errorf("problem = %+v", p)
			}
			if tt.field != "" && (len(p.Errors) == 0 || p.Errors[0].Field != tt.field) {
				t.Errorf("errors = %+v, want field %q", p.Errors, tt.field)
			}
		})
	}
}

// TestMountedWithoutPrefix checks the handler also works behind StripPrefix.
func TestMountedWithoutPrefix(t *testing.T) {
	h := http.StripPrefix("/api/v1", New(Deps{}))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/api/v1/openapi.json", nil))
	if w.Code != 200 || !json.Valid(w.Body.Bytes()) {
		t.Fatalf("status %d, body valid JSON: %v", w.Code, json.Valid(w.Body.Bytes()))
	}
}
