package auth

import (
	"context"
	"fmt"

	"github.com/candor-ats/candor/internal/hiring"
)

// CreateUser validates the user and password, hashes the password and
// creates the account as the actor in ctx (admins; anyone for the first user).
func (a *Auth) CreateUser(ctx context.Context, in hiring.NewUser, password string) (hiring.User, error) {
	return a.createUser(ctx, in, password, a.svc.CreateUser)
}

// createUser checks the input and the password policy, hashes the password
// and stores the user with create.
func (a *Auth) createUser(ctx context.Context, in hiring.NewUser, password string,
	create func(context.Context, hiring.NewUser) (hiring.User, error)) (hiring.User, error) {
	verr := in.Validate()
	perr := CheckPasswordPolicy(password, in.Email, in.Name)
	if verr != nil || perr != nil {
		var v hiring.Validation
		v.Fields = append(hiring.ErrorFields(verr), hiring.ErrorFields(perr)...)
		return hiring.User{}, v.Err()
	}
	hash, err := a.HashPassword(password)
	if err != nil {
		return hiring.User{}, err
	}
	in.PasswordHash = hash
	u, err := create(ctx, in)
	if err != nil {
		return hiring.User{}, fmt.Errorf("auth: create user: %w", err)
	}
	return u, nil
}

// ChangePassword replaces the user's password after checking the current
// one. Every session of the user ends (the store deletes them), including
// the caller's: the caller signs in again.
func (a *Auth) ChangePassword(ctx context.Context, userID, current, next string) error {
	actor, ok := hiring.ActorFrom(ctx)
	if !ok {
		return hiring.Errorf(hiring.EUnauthorized, "Please sign in.")
	}
	if !actor.System && actor.UserID != userID {
		return hiring.Errorf(hiring.EForbidden, "You can only change your own password.")
	}
	u, err := a.svc.User(ctx, userID)
	if err != nil {
		return fmt.Errorf("auth: change password: %w", err)
	}
	hash, err := a.svc.PasswordHash(system(ctx), userID)
	if err != nil {
		return fmt.Errorf("auth: change password: %w", err)
	}
	if len(current) > 4*MaxPasswordLen || !a.CheckPassword(hash, current) {
		return &hiring.Error{Code: hiring.EInvalid, Message: "The current password is not correct.",
			Fields: []hiring.FieldError{{Field: "current_password", Message: "is not correct"}}}
	}
	return a.setPassword(ctx, u, next)
}

// SetPassword sets a new password without knowing the old one (admin reset,
// CLI). The actor in ctx must be allowed to; sessions end as with ChangePassword.
func (a *Auth) SetPassword(ctx context.Context, userID, password string) error {
	u, err := a.svc.User(ctx, userID)
	if err != nil {
		return fmt.Errorf("auth: set password: %w", err)
	}
	return a.setPassword(ctx, u, password)
}

func (a *Auth) setPassword(ctx context.Context, u hiring.User, password string) error {
	if err := CheckPasswordPolicy(password, u.Email, u.Name); err != nil {
		return err
	}
	hash, err := a.HashPassword(password)
	if err != nil {
		return err
	}
	if err := a.svc.SetPasswordHash(ctx, u.ID, hash); err != nil {
		return fmt.Errorf("auth: set password: %w", err)
	}
	return nil
}

// GeneratePassword returns a random password that passes the policy, for
// accounts made from the command line without --password-stdin.
func GeneratePassword() string {
	return randomToken(15) // 120 bits, 20 characters
}
