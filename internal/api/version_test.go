package api

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestVersion(t *testing.T) {
	three, one := 3, 1
	tests := []struct {
		name     string
		ifMatch  string
		body     *int
		required bool
		want     int
		status   int // 0 = no error
	}{
		{"weak etag", `W/"3"`, nil, true, 3, 0},
		{"strong etag", `"3"`, nil, true, 3, 0},
		{"body version", "", &three, true, 3, 0},
		{"both agree", `W/"3"`, &three, true, 3, 0},
		{"both disagree", `W/"3"`, &one, true, 0, http.StatusBadRequest},
		{"missing but required", "", nil, true, 0, http.StatusPreconditionRequired},
		{"missing and optional", "", nil, false, 0, 0},
		{"garbage header", `W/"abc"`, nil, true, 0, http.StatusBadRequest},
		{"star is not a version", `*`, nil, true, 0, http.StatusBadRequest},
		{"two etags", `W/"3", W/"4"`, nil, true, 0, http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("PATCH", "/api/v1/jobs/x", nil)
			if tt.ifMatch != "" {
				r.Header.Set("If-Match", tt.ifMatch)
			}
			got, err := version(r, tt.body, tt.required)
			if tt.status != 0 {
				he, ok := err.(*httpError)
				if !ok || he.Status != tt.status {
					t.Fatalf("err = %v, want status %d", err, tt.status)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("version = %d, %v; want %d", got, err, tt.want)
			}
		})
	}
}
