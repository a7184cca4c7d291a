package auth

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
)

type userKey struct{}
type sessionKey struct{}

func withUser(ctx context.Context, u hiring.User, ip string) context.Context {
	ctx = context.WithValue(ctx, userKey{}, u)
	return hiring.WithActor(ctx, ActorFor(u, ip))
}

// ActorFor is the actor a signed-in user acts as.
func ActorFor(u hiring.User, ip string) hiring.Actor {
	return hiring.Actor{UserID: u.ID, Name: u.Name, Role: u.Role, IP: ip, EEOAccess: u.EEOAccess}
}

// CurrentUser returns the signed-in user (session or API token).
func CurrentUser(ctx context.Context) (hiring.User, bool) {
	u, ok := ctx.Value(userKey{}).(hiring.User)
	return u, ok
}

// CurrentSession returns the browser session of the request, if any.
func CurrentSession(ctx context.Context) (hiring.Session, bool) {
	s, ok := ctx.Value(sessionKey{}).(hiring.Session)
	return s, ok
}

type clientIPKey struct{}

// ClientIP is the address the request came from: the one ClientAddr found,
// else the connecting address. It keys login throttling and is recorded on
// sessions and activity.
func ClientIP(r *http.Request) string {
	if ip, ok := r.Context().Value(clientIPKey{}).(string); ok {
		return ip
	}
	return peerHost(r)
}

func peerHost(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// ClientAddr finds the client's address for ClientIP. Without trusted
// proxies it is the connecting address: anyone can write X-Forwarded-For,
// and throttling keyed on it could be dodged or turned against others. When
// the connecting peer is a trusted proxy, X-Forwarded-For is read from the
// right (each proxy appends the address it saw) and the first address that
// is not itself a trusted proxy is the client; what lies left of it was
// written by the client and is ignored.
func (a *Auth) ClientAddr(next http.Handler) http.Handler {
	if len(a.opts.TrustedProxies) == 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ip := a.clientAddr(r)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), clientIPKey{}, ip)))
	})
}

func (a *Auth) clientAddr(r *http.Request) string {
	peer := peerHost(r)
	hop, err := netip.ParseAddr(peer)
	if err != nil || !a.trusted(hop) {
		return peer
	}
	hop = hop.Unmap()
	hops := r.Header.Values("X-Forwarded-For")
	for i := len(hops) - 1; i >= 0; i-- {
		parts := strings.Split(hops[i], ",")
		for j := len(parts) - 1; j >= 0; j-- {
			addr, ok := parseHop(parts[j])
			if !ok {
				// A trusted proxy would not write this: the chain is
				// broken here, so the last address we could vouch for
				// is the client.
				return hop.String()
			}
			if !a.trusted(addr) {
				return addr.String()
			}
			hop = addr
		}
	}
	// Every hop is a trusted proxy (or there is no header): the left-most
	// one is the best we know.
	return hop.String()
}

func (a *Auth) trusted(addr netip.Addr) bool {
	addr = addr.Unmap()
	for _, p := range a.opts.TrustedProxies {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// parseHop reads one X-Forwarded-For element: an address, possibly with a
// port ("192.0.2.1:4711", "[2001:db8::1]:4711") as some proxies write.
func parseHop(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	if a, err := netip.ParseAddr(s); err == nil {
		return a.Unmap(), true
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap(), true
	}
	return netip.Addr{}, false
}
