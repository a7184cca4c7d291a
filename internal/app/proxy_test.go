package app_test

import (
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/app/apptest"
	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/config"
	"github.com/candor-ats/candor/internal/hiring"
)

// TestTrustedProxies: with the test client's address configured as a trusted
// proxy, the address in X-Forwarded-For is the one sign-ins are recorded
// (and throttled) under; without the setting the header is ignored.
func TestTrustedProxies(t *testing.T) {
	for _, tt := range []struct {
		name    string
		proxies []netip.Prefix
		want    string
	}{
		{"trusted", []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}, "203.0.113.7"},
		{"not configured", nil, "127.0.0.1"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			a := apptest.New(t, apptest.Options{Configure: func(c *config.Config) { c.TrustedProxies = tt.proxies }})
			u := a.CreateUser(hiring.RoleRecruiter)
			c := a.Client()
			form := url.Values{"email": {u.Email}, "password": {"not the password"}, auth.CSRFField: {a.CSRFToken(c)}}
			req, _ := http.NewRequest("POST", a.URL+"/login", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("X-Forwarded-For", "203.0.113.7")
			res, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			log, err := a.DB.AuditLog(a.System(), hiring.ActivityFilter{Action: "session.login_failed"}, hiring.PageRequest{})
			if err != nil || len(log.Items) != 1 {
				t.Fatalf("audit log: %+v %v", log.Items, err)
			}
			if got := log.Items[0].IP; got != tt.want {
				t.Errorf("failed sign-in recorded from %q, want %q", got, tt.want)
			}
		})
	}
}
