package e2e

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/app/apptest"
	"github.com/candor-ats/candor/internal/hiring"
)

// The adverse-impact report through the web and the API: the EEO permission
// opens the page, its CSV and its JSON; an admin without it gets 403 on
// each; the figures carry no application or candidate.
func TestAdverseImpactPermission(t *testing.T) {
	a := apptest.New(t)
	admin := a.CreateUser(hiring.RoleAdmin)
	holder := a.CreateUser(hiring.RoleRecruiter)
	yes := true
	if _, err := a.DB.UpdateUser(a.System(), holder.ID, hiring.UserUpdate{EEOAccess: &yes}); err != nil {
		t.Fatal(err)
	}
	get := func(c *http.Client, token, path string) (int, string, string) {
		t.Helper()
		var res *http.Response
		var err error
		if token != "" {
			res, err = http.DefaultClient.Do(a.APIRequest("GET", path, token, nil))
		} else {
			res, err = c.Get(a.URL + path)
		}
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, res.Header.Get("Content-Type"), string(b)
	}
	for _, u := range []hiring.User{admin, holder} {
		c := a.Client()
		a.Login(c, u.Email, apptest.Password)
		tok := a.APIToken(u)
		want := http.StatusForbidden
		if u.ID == holder.ID {
			want = http.StatusOK
		}
		for _, p := range []struct{ via, path, token string }{
			{"page", "/eeo/adverse-impact?from=2025-01-01", ""},
			{"csv", "/eeo/adverse-impact?from=2025-01-01&format=csv", ""},
			{"api", "/api/v1/eeo/adverse-impact?from=2025-01-01", tok},
			{"api csv", "/api/v1/eeo/adverse-impact?from=2025-01-01&format=csv", tok},
		} {
			code, ct, body := get(c, p.token, p.path)
			if code != want {
				t.Fatalf("%s %s as %s: %d, want %d: %.300s", p.via, p.path, u.Role, code, want, body)
			}
			if code != http.StatusOK {
				continue
			}
			switch p.via {
			case "page":
				if !strings.Contains(body, "Race / ethnicity") || !strings.Contains(body, "four-fifths") {
					t.Errorf("the page lacks its sections or notes: %.500s", body)
				}
			case "csv", "api csv":
				if !strings.HasPrefix(ct, "text/csv") {
					t.Errorf("%s: content type %q", p.via, ct)
				}
				if _, err := csv.NewReader(strings.NewReader(body)).ReadAll(); err != nil {
					t.Errorf("%s: not CSV: %v", p.via, err)
				}
			case "api":
				var x map[string]any
				if err := json.Unmarshal([]byte(body), &x); err != nil || x["report"] != "adverse_impact" {
					t.Errorf("api answer %v (%v): %.300s", x["report"], err, body)
				}
			}
			for _, m := range []string{"candidate_id", "application_id", "/candidates/", "/applications/"} {
				if strings.Contains(body, m) {
					t.Errorf("%s names an individual (%q)", p.via, m)
				}
			}
		}
	}
	// A bad period is a clear 422, never a 500.
	c := a.Client()
	a.Login(c, holder.Email, apptest.Password)
	for _, q := range []string{"from=2026-05-01&to=2026-01-01", "from=1990-01-01&to=2026-01-01", "from=nope"} {
		if code, _, body := get(c, "", "/eeo/adverse-impact?"+q); code != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d %.200s", q, code, body)
		}
	}
}
