package auth

import (
	"context"
	"fmt"
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

// errBadLogin is the one answer for a wrong email, a wrong password and a
// disabled account, so that the form does not reveal who has an account.
func errBadLogin() error {
	return &hiring.Error{
		Code:    hiring.EUnauthorized,
		Message: "The email or password is not correct.",
		Fields:  []hiring.FieldError{{Field: "password", Message: "email or password is not correct"}},
	}
}

// Login checks the credentials, starts a session and sets its cookie, and
// marks the browser with a device cookie. It is throttled (throttle.go) and
// records session.login / session.login_failed activity.
func (a *Auth) Login(ctx context.Context, w http.ResponseWriter, r *http.Request, email, password string) (hiring.User, error) {
	ip := ClientIP(r)
	norm, _ := hiring.NormalizeEmail(email)
	// The address becomes a throttle key stored per failure: bound it. No
	// valid address is longer, so no user is affected.
	norm = truncate(norm, 254)
	device := a.device(r, norm)
	c, err := a.claimAttempt(ctx, norm, ip, device)
	if err != nil {
		return hiring.User{}, err
	}
	u, hash, err := a.lookup(ctx, norm)
	if err != nil {
		a.forget(ctx, c)
		return hiring.User{}, err
	}
	if len(password) > 4*MaxPasswordLen {
		password = "" // never feed megabytes to argon2; such a password cannot match
	}
	ok := a.CheckPassword(hash, password)
	if !ok || u.ID == "" || u.Disabled {
		// The claimed rows stay: they are the failure.
		act := hiring.Activity{Action: "session.login_failed", SubjectType: "user", SubjectID: u.ID,
			Summary: "failed sign-in for " + norm, IP: ip}
		sys := hiring.SystemActor()
		sys.IP = ip
		a.recordActivity(ctx, sys, act)
		return hiring.User{}, errBadLogin()
	}
	s, err := a.startSession(ctx, w, r, u)
	if err != nil {
		a.forget(ctx, c)
		return hiring.User{}, err
	}
	a.forget(ctx, c)
	// The owner's own slips from this address or device are forgiven; the
	// account-wide count is not, or a successful sign-in would reset the
	// delays of someone guessing elsewhere.
	keys := []string{accountAddressBudget(norm, ip).key}
	if device != "" {
		keys = append(keys, deviceOnlyBudget(device).key)
	}
	for _, key := range keys {
		if err := a.svc.ClearLoginFailures(system(ctx), key); err != nil {
			a.logger.WarnContext(ctx, "clear login failures", "err", err)
		}
	}
	a.markDevice(w, norm)
	a.recordActivity(ctx, ActorFor(u, ip), hiring.Activity{
		ActorID: u.ID, ActorName: u.Name, Action: "session.login", SubjectType: "user", SubjectID: u.ID,
		Summary: u.Name + " signed in", IP: ip, After: map[string]any{"session_id": s.ID},
	})
	return u, nil
}

// lookup returns the user and hash for email, or a zero user with the dummy
// hash when there is none, so both paths cost one argon2 verification.
func (a *Auth) lookup(ctx context.Context, email string) (hiring.User, string, error) {
	u, err := a.svc.UserByEmail(system(ctx), email)
	if hiring.ErrorCode(err) == hiring.ENotFound {
		return hiring.User{}, a.dummyHash, nil
	}
	if err != nil {
		return hiring.User{}, "", fmt.Errorf("auth: login: %w", err)
	}
	hash, err := a.svc.PasswordHash(system(ctx), u.ID)
	if hiring.ErrorCode(err) == hiring.ENotFound {
		return u, a.dummyHash, nil
	}
	if err != nil {
		return hiring.User{}, "", fmt.Errorf("auth: login: %w", err)
	}
	return u, hash, nil
}
