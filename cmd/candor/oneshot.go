package main

import (
	"context"
	"log/slog"

	"github.com/candor-ats/candor/internal/app"
	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/config"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
)

// oneShot opens and migrates the store, runs fn acting as the system (the
// shell user is the operator), and closes the store.
func oneShot(ctx context.Context, cfg config.Config, logger *slog.Logger, fn func(ctx context.Context, db *store.DB, au *auth.Auth) error) error {
	db, err := app.OpenStore(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer db.Close()
	au := auth.New(db, auth.Options{SecureCookies: cfg.SecureCookies(), Logger: logger, BaseURL: cfg.BaseURL,
		SecretKey: cfg.SecretKey})
	return fn(hiring.WithActor(ctx, hiring.SystemActor()), db, au)
}
