package auth

import (
	"context"
	"net"
	"net/http"

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
	return hiring.Actor{UserID: u.ID, Name: u.Name, Role: u.Role, IP: ip}
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

// ClientIP is the address the request came from. Forwarding headers are not
// trusted: any client can set them, and throttling keyed on them could be
// dodged or turned against other users.
func ClientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
