package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// SessionCookie is the name of the session cookie; it holds a 256-bit random
// token whose SHA-256 is the only thing the database keeps.
const SessionCookie = "candor_session"

// touchEvery bounds how often a session's sliding expiry is written: once a
// minute per session keeps page views read-only in the common case.
const touchEvery = time.Minute

// startSession creates the session row and sets the cookie.
func (a *Auth) startSession(ctx context.Context, w http.ResponseWriter, r *http.Request, u hiring.User) (hiring.Session, error) {
	token := randomToken(32)
	expires := a.now().Add(a.opts.SessionTTL)
	s, err := a.svc.CreateSession(system(ctx), u.ID, HashToken(token), randomToken(32), ClientIP(r), truncate(r.UserAgent(), 200), expires)
	if err != nil {
		return hiring.Session{}, fmt.Errorf("auth: create session: %w", err)
	}
	a.setCookie(w, SessionCookie, token, expires)
	return s, nil
}

// Sessions resolves the session cookie into the request context (user,
// session, actor). Requests without a valid cookie continue anonymous: the
// handlers decide what needs a user.
func (a *Auth) Sessions(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := r.Cookie(SessionCookie)
		if err != nil || c.Value == "" {
			next.ServeHTTP(w, r)
			return
		}
		ctx := r.Context()
		s, u, err := a.svc.SessionByTokenHash(system(ctx), HashToken(c.Value))
		if err != nil {
			if hiring.ErrorCode(err) != hiring.ENotFound {
				a.logger.ErrorContext(ctx, "session lookup failed", "err", err)
			}
			// Ended, expired or the user disabled: forget the cookie.
			a.clearCookie(w, SessionCookie)
			next.ServeHTTP(w, r)
			return
		}
		now := a.now()
		if now.Sub(s.LastSeenAt) >= touchEvery {
			s.LastSeenAt, s.ExpiresAt = now, now.Add(a.opts.SessionTTL)
			if err := a.svc.TouchSession(system(ctx), s.ID, s.LastSeenAt, s.ExpiresAt); err != nil {
				a.logger.WarnContext(ctx, "session touch failed", "err", err)
			} else {
				a.setCookie(w, SessionCookie, c.Value, s.ExpiresAt)
			}
		}
		ctx = context.WithValue(ctx, sessionKey{}, s)
		ctx = withUser(ctx, u, ClientIP(r))
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// Logout ends the request's session and clears the cookie. Without a session
// it only clears the cookie.
func (a *Auth) Logout(w http.ResponseWriter, r *http.Request) error {
	defer a.clearCookie(w, SessionCookie)
	ctx := r.Context()
	s, ok := CurrentSession(ctx)
	if !ok {
		c, err := r.Cookie(SessionCookie)
		if err != nil {
			return nil
		}
		s, _, err = a.svc.SessionByTokenHash(system(ctx), HashToken(c.Value))
		if err != nil {
			if hiring.ErrorCode(err) == hiring.ENotFound {
				return nil
			}
			return fmt.Errorf("auth: logout: %w", err)
		}
	}
	if err := a.svc.DeleteSession(system(ctx), s.ID); err != nil && !errors.Is(err, context.Canceled) && hiring.ErrorCode(err) != hiring.ENotFound {
		return fmt.Errorf("auth: logout: %w", err)
	}
	if u, ok := CurrentUser(ctx); ok {
		a.recordActivity(ctx, ActorFor(u, ClientIP(r)), hiring.Activity{
			ActorID: u.ID, ActorName: u.Name, Action: "session.logout",
			SubjectType: "user", SubjectID: u.ID, Summary: u.Name + " signed out", IP: ClientIP(r),
		})
	}
	return nil
}

func (a *Auth) setCookie(w http.ResponseWriter, name, value string, expires time.Time) {
	http.SetCookie(w, &http.Cookie{
		Name: name, Value: value, Path: "/", Expires: expires, MaxAge: int(expires.Sub(a.now()).Seconds()),
		HttpOnly: true, Secure: a.opts.SecureCookies, SameSite: http.SameSiteLaxMode,
	})
}

func (a *Auth) clearCookie(w http.ResponseWriter, name string) {
	http.SetCookie(w, &http.Cookie{
		Name: name, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: a.opts.SecureCookies, SameSite: http.SameSiteLaxMode,
	})
}

// recordActivity writes an audit row; a failure is logged, not returned,
// because it must not turn a finished login or logout into an error.
func (a *Auth) recordActivity(ctx context.Context, actor hiring.Actor, act hiring.Activity) {
	if err := a.svc.RecordActivity(hiring.WithActor(context.WithoutCancel(ctx), actor), act); err != nil {
		a.logger.ErrorContext(ctx, "record activity failed", "action", act.Action, "err", err)
	}
}

func truncate(s string, n int) string {
	if len(s) > n {
		s = s[:n]
	}
	return strings.ToValidUTF8(s, "")
}
