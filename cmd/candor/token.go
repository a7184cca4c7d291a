package main

import (
	"context"
	"fmt"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/store"
)

const tokenUsage = `usage:
  candor token create --user EMAIL [--name NAME]   prints only the new token`

func cmdToken(ctx context.Context, e env) error {
	if len(e.args) == 0 || e.args[0] != "create" {
		return fmt.Errorf("%w\n%s", errUsage, tokenUsage)
	}
	e.args = e.args[1:]
	fs := flags(e, "token create")
	email := fs.String("user", "", "email address of the token's user (required)")
	name := fs.String("name", "cli", "a name to recognise the token by")
	cfg, logger, err := load(e, fs)
	if err != nil {
		return err
	}
	return oneShot(ctx, cfg, logger, func(ctx context.Context, db *store.DB, au *auth.Auth) error {
		u, err := activeUser(ctx, db, "user", *email)
		if err != nil {
			return err
		}
		secret, _, err := au.CreateAPIToken(ctx, u.ID, *name)
		if err != nil {
			return describe(err)
		}
		// Only the token on stdout, so that scripts can capture it.
		fmt.Fprintln(e.stdout, secret)
		return nil
	})
}
