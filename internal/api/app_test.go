package api_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/app/apptest"
	"github.com/candor-ats/candor/internal/hiring"
)

// TestThroughTheServer smoke-tests the API as the real server mounts it:
// behind auth.Tokens, request IDs and the server's middleware.
func TestThroughTheServer(t *testing.T) {
	for _, pg := range []bool{false, true} {
		name := map[bool]string{false: "sqlite", true: "postgres"}[pg]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			a := apptest.New(t, apptest.Options{Postgres: pg})
			tok := a.APIToken(a.CreateUser(hiring.RoleRecruiter))
			do := func(method, path, body string) (*http.Response, map[string]any) {
				t.Helper()
				var rd io.Reader
				if body != "" {
					rd = strings.NewReader(body)
				}
				res, err := a.Client().Do(a.APIRequest(method, path, tok, rd))
				if err != nil {
					t.Fatal(err)
				}
				defer res.Body.Close()
				var m map[string]any
				if err := json.NewDecoder(res.Body).Decode(&m); err != nil {
					t.Fatalf("%s %s: decode: %v", method, path, err)
				}
				return res, m
			}
			if res, m := do("GET", "/api/v1/me", ""); res.StatusCode != 200 || m["role"] != "recruiter" {
				t.Fatalf("me: %d %v", res.StatusCode, m)
			}
			res, job := do("POST", "/api/v1/jobs", `{"title":"Smoke","workplace_type":"on_site","employment_type":"full_time"}`)
			if res.StatusCode != 201 {
				t.Fatalf("create job: %d %v", res.StatusCode, job)
			}
			res, p := do("PATCH", "/api/v1/jobs/"+job["id"].(string), `{"openings":"two"}`)
			if res.StatusCode != 400 || p["request_id"] == "" || p["request_id"] == nil {
				t.Errorf("bad patch: %d %v", res.StatusCode, p)
			}
			if res, m := do("GET", "/api/v1/openapi.json", ""); res.StatusCode != 200 || m["openapi"] != "3.1.0" {
				t.Errorf("openapi: %d", res.StatusCode)
			}
		})
	}
}
