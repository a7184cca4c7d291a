package httperr

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

func TestStatus(t *testing.T) {
	tests := []struct {
		err  error
		want int
	}{
		{hiring.Errorf(hiring.EInvalid, "bad"), 422},
		{hiring.ErrNotFound("job"), 404},
		{fmt.Errorf("wrapped: %w", hiring.Errorf(hiring.EConflict, "dup")), 409},
		{hiring.Errorf(hiring.EPrecondition, "stale"), 412},
		{hiring.Errorf(hiring.EUnauthorized, "who"), 401},
		{hiring.Errorf(hiring.EForbidden, "no"), 403},
		{hiring.Errorf(hiring.ERateLimited, "slow"), 429},
		{hiring.Errorf(hiring.EInternal, "oops"), 500},
		{errors.New("disk on fire"), 500},
	}
	for _, tt := range tests {
		if got := Status(tt.err); got != tt.want {
			t.Errorf("Status(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}

func TestProblemFieldErrors(t *testing.T) {
	var v hiring.Validation
	v.Add("salary.max", "must be at least the minimum")
	v.Add("hiring_team.0.user_id", "is not a user")
	rec := httptest.NewRecorder()
	r := httptest.NewRequest("POST", "/api/v1/jobs", nil)
	r = r.WithContext(WithRequestID(r.Context(), "req-1"))
	Problem(rec, r, v.Err())

	if rec.Code != 422 {
		t.Fatalf("status = %d", rec.Code)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("content type = %q", ct)
	}
	var p ProblemDoc
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	if p.Status != 422 || p.Code != "invalid" || p.Instance != "/api/v1/jobs" || p.RequestID != "req-1" || p.Title == "" {
		t.Fatalf("problem = %+v", p)
	}
	if len(p.Errors) != 2 || p.Errors[0].Field != "salary.max" || p.Errors[1].Field != "hiring_team.0.user_id" {
		t.Fatalf("errors = %+v", p.Errors)
	}
}

func TestProblemInternalHidesAndLogsCause(t *testing.T) {
	var logs bytes.Buffer
	rec := httptest.NewRecorder()
	r := httptest.NewRequest("GET", "/x", nil)
	r = r.WithContext(WithLogger(r.Context(), slog.New(slog.NewTextHandler(&logs, nil))))
	Problem(rec, r, fmt.Errorf("query: %w", errors.New("password=hunter2 connection refused")))

	if rec.Code != 500 {
		t.Fatalf("status = %d", rec.Code)
	}
	if strings.Contains(rec.Body.String(), "hunter2") {
		t.Fatalf("cause leaked to the client: %s", rec.Body)
	}
	if !strings.Contains(logs.String(), "connection refused") {
		t.Fatalf("cause not logged: %q", logs.String())
	}
}

type waitErr time.Duration

func (w waitErr) Error() string             { return "wait" }
func (w waitErr) RetryAfter() time.Duration { return time.Duration(w) }

func TestProblemRetryAfter(t *testing.T) {
	rec := httptest.NewRecorder()
	err := &hiring.Error{Code: hiring.ERateLimited, Message: "Too many attempts.", Err: waitErr(1500 * time.Millisecond)}
	Problem(rec, httptest.NewRequest("POST", "/login", nil), err)
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "2" {
		t.Fatalf("got %d Retry-After=%q", rec.Code, rec.Header().Get("Retry-After"))
	}
}
