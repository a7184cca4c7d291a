package auth

import (
	"context"
	"crypto/subtle"
	"fmt"

	"github.com/candor-ats/candor/internal/hiring"
)

// SetupToken issues the one-time first-run token when the installation has no
// users. The token is returned only when it is first made (the app prints it
// in the log); later calls return "" with needed still true. Only its hash
// stays in this process's memory, so on several replicas each prints its own
// and each accepts only its own.
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
	if a.setupHash != nil {
		return "", true, nil
	}
	token := randomToken(32)
	h := HashToken(token)
	a.setupHash = []byte(h)
	return token, true, nil
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
// token. It is serialized in this process so two racing forms cannot both
// create a "first" admin.
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
	if a.setupHash == nil || subtle.ConstantTimeCompare([]byte(HashToken(token)), a.setupHash) != 1 {
		return hiring.User{}, &hiring.Error{Code: hiring.EForbidden, Message: "The setup token is not valid. Use the one printed in the server log.",
			Fields: []hiring.FieldError{{Field: "token", Message: "is not the setup token"}}}
	}
	in.Role = hiring.RoleAdmin
	u, err := a.CreateUser(system(ctx), in, password)
	if err != nil {
		return hiring.User{}, err
	}
	a.setupHash = nil
	return u, nil
}
