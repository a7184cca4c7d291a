package auth_test

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"testing"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

func TestClientAddr(t *testing.T) {
	t.Parallel()
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("fd00::/8")}
	tests := []struct {
		name    string
		trusted []netip.Prefix
		remote  string
		xff     []string
		want    string
	}{
		{"nobody trusted: the header is ignored", nil, "10.0.0.1:5000", []string{"198.51.100.9"}, "10.0.0.1"},
		{"untrusted peer: the header is ignored", proxies, "192.0.2.1:5000", []string{"198.51.100.9"}, "192.0.2.1"},
		{"trusted peer, one hop", proxies, "10.0.0.1:5000", []string{"198.51.100.9"}, "198.51.100.9"},
		{"client-written entries left of the real one are ignored", proxies, "10.0.0.1:5000", []string{"6.6.6.6, 198.51.100.9"}, "198.51.100.9"},
		{"a chain of trusted proxies", proxies, "10.0.0.1:5000", []string{"203.0.113.5, 10.1.1.1", "10.2.2.2"}, "203.0.113.5"},
		{"trusted peer without the header", proxies, "10.0.0.1:5000", nil, "10.0.0.1"},
		{"only trusted hops", proxies, "10.0.0.1:5000", []string{"10.9.9.9"}, "10.9.9.9"},
		{"garbage from the right stops at the last trusted hop", proxies, "10.0.0.1:5000", []string{"198.51.100.9, nonsense"}, "10.0.0.1"},
		{"ports and IPv6", proxies, "[fd00::1]:5000", []string{"[2001:db8::7]:4711"}, "2001:db8::7"},
		{"IPv4-mapped peer", proxies, "[::ffff:10.0.0.1]:5000", []string{"198.51.100.9:80"}, "198.51.100.9"},
	}
	for _, tt := range tests {
		a := auth.New(nil, auth.Options{TrustedProxies: tt.trusted})
		var got string
		h := a.ClientAddr(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = auth.ClientIP(r) }))
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tt.remote
		for _, v := range tt.xff {
			r.Header.Add("X-Forwarded-For", v)
		}
		h.ServeHTTP(httptest.NewRecorder(), r)
		if got != tt.want {
			t.Errorf("%s: ClientIP = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestThrottleBehindProxy: behind a trusted proxy, login throttling counts
// each client apart; a client cannot escape its own budget by writing
// X-Forwarded-For, nor can an untrusted peer borrow another's address.
func TestThrottleBehindProxy(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		h := newHarnessWith(t, db, auth.Options{BaseURL: "http://candor.test",
			TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}})
		h.user("ada@example.com", hiring.RoleRecruiter)
		login := func(b *browser, client, password string) int {
			t.Helper()
			form := url.Values{"email": {"ada@example.com"}, "password": {password}, "csrf_token": {b.token()}}
			return b.do("POST", "/login", form, http.Header{"X-Forwarded-For": {client}}).Code
		}
		proxy := h.browser("10.0.0.1")
		for range 5 {
			if code := login(proxy, "203.0.113.7", "wrong password!"); code != http.StatusUnauthorized {
				t.Fatalf("failed login: %d", code)
			}
		}
		if code := login(proxy, "203.0.113.7", goodPassword); code != http.StatusTooManyRequests {
			t.Fatalf("the guessing client is not throttled: %d", code)
		}
		// The same client writing a made-up address in front is still itself.
		if code := login(proxy, "192.0.2.99, 203.0.113.7", goodPassword); code != http.StatusTooManyRequests {
			t.Fatalf("a forged X-Forwarded-For escaped the throttle: %d", code)
		}
		// Another person behind the same proxy signs in.
		if code := login(h.browser("10.0.0.1"), "198.51.100.9", goodPassword); code != http.StatusNoContent {
			t.Fatalf("another client behind the proxy: %d", code)
		}
		// A direct, untrusted peer claiming the guesser's address is keyed by
		// its own address, so it is not throttled in the guesser's name.
		if code := login(h.browser("192.0.2.1"), "203.0.113.7", goodPassword); code != http.StatusNoContent {
			t.Fatalf("an untrusted peer: %d", code)
		}
	})
}
