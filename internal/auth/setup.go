package auth

import (
	"context"
	"crypto/subtle"
	"fmt"

	"github.com/candor-ats/candor/internal/hiring"
)

// SetupToken gives the first-run token when the installation has no users.
// It is returned once per process (the app prints it in the log); later
// calls return "" with needed still true. The token is derived from the
// secret key, so every replica prints and accepts the same one and it
// survives restarts; it stops working when the first user exists.
func (a *Auth) SetupToken(ctx context.Context) (string, bool, error) {
	n, err := a.svc.CountUsers(system(ctx))
	if err != nil {
		return "", false, fmt.Errorf("auth: setup: %w", err)
	}
	if n > 0 {
		return "", false, nil
	}
	a.setupMu.Lock()
	defer a.setupMu.Unlock()
	if a.setupAnnounced {
		return "", true, nil
	}
	a.setupAnnounced = true
	return a.keys.setupToken(), true, nil
}

// SetupNeeded reports whether the installation still has no users.
func (a *Auth) SetupNeeded(ctx context.Context) (bool, error) {
	n, err := a.svc.CountUsers(system(ctx))
	if err != nil {
		return false, fmt.Errorf("auth: setup: %w", err)
	}
	return n == 0, nil
}

// CompleteSetup creates the first user, an admin, when token is the setup
// token. The store makes "no user yet" and the insert one step, so of forms
// racing on any number of replicas exactly one succeeds.
func (a *Auth) CompleteSetup(ctx context.Context, token string, in hiring.NewUser, password string) (hiring.User, error) {
	a.setupMu.Lock()
	defer a.setupMu.Unlock()
	n, err := a.svc.CountUsers(system(ctx))
	if err != nil {
		return hiring.User{}, fmt.Errorf("auth: setup: %w", err)
	}
	if n > 0 {
		return hiring.User{}, hiring.Errorf(hiring.EConflict, "Candor is already set up. Sign in instead.")
	}
	if subtle.ConstantTimeCompare([]byte(token), []byte(a.keys.setupToken())) != 1 {
		return hiring.User{}, &hiring.Error{Code: hiring.EForbidden, Message: "The setup token is not valid. Use the one printed in the server log.",
			Fields: []hiring.FieldError{{Field: "token", Message: "is not the setup token"}}}
	}
	in.Role = hiring.RoleAdmin
	u, err := a.createUser(system(ctx), in, password, a.svc.CreateFirstUser)
	if err != nil {
		return hiring.User{}, err
	}
	return u, nil
}
