package auth

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

// TokenPrefix starts every personal API token, so that secret scanners and
// people can recognise one.
const TokenPrefix = "cnd_"

// CreateAPIToken makes a new token for the user; the secret is returned once
// and only its SHA-256 is stored. The actor in ctx must be allowed to (the
// user themself, or an admin; the store decides).
func (a *Auth) CreateAPIToken(ctx context.Context, userID, name string) (string, hiring.APIToken, error) {
	secret := TokenPrefix + randomToken(32)
	tok, err := a.svc.CreateAPIToken(ctx, userID, strings.TrimSpace(name), secret[:len(TokenPrefix)+6], HashToken(secret))
	if err != nil {
		return "", hiring.APIToken{}, fmt.Errorf("auth: create token: %w", err)
	}
	return secret, tok, nil
}

// Tokens resolves "Authorization: Bearer cnd_…" into the request context.
// Requests without the header continue anonymous (the services answer
// EUnauthorized where a user is needed); a malformed, unknown or revoked
// token, or one of a disabled user, is answered 401 here.
func (a *Auth) Tokens(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := r.Header.Get("Authorization")
		if h == "" {
			next.ServeHTTP(w, r)
			return
		}
		scheme, secret, _ := strings.Cut(h, " ")
		secret = strings.TrimSpace(secret)
		if !strings.EqualFold(scheme, "Bearer") || !strings.HasPrefix(secret, TokenPrefix) || len(secret) > 200 {
			unauthorized(w, r)
			return
		}
		u, err := a.svc.UserByAPITokenHash(system(r.Context()), HashToken(secret))
		if err != nil {
			if hiring.ErrorCode(err) != hiring.ENotFound {
				httperr.Problem(w, r, err)
				return
			}
			unauthorized(w, r)
			return
		}
		if u.Disabled {
			unauthorized(w, r)
			return
		}
		next.ServeHTTP(w, r.WithContext(withUser(r.Context(), u, ClientIP(r))))
	})
}

func unauthorized(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="candor", error="invalid_token"`)
	httperr.Problem(w, r, hiring.Errorf(hiring.EUnauthorized, "The API token is missing, malformed, revoked or belongs to a disabled user."))
}
