package main

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"

	"github.com/candor-ats/candor/internal/app"
	"github.com/candor-ats/candor/internal/work"
)

func cmdServe(ctx context.Context, e env) error {
	cfg, logger, err := load(e, flags(e, "serve"))
	if err != nil {
		return err
	}
	tuneGC(e)
	a, err := app.New(ctx, cfg, logger)
	if err != nil {
		return err
	}
	return a.Serve(ctx)
}

// tuneGC lets the server's small heap (tens of MB) grow to five times its live
// size between collections unless GOGC is set: request handling allocates
// briskly and short-lived, and at the default the collector took about a
// fifth of the CPU of a list page. A soft limit keeps a busy process bounded.
func tuneGC(e env) {
	if e.getenv("GOGC") != "" {
		return
	}
	debug.SetGCPercent(400)
	if e.getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(512 << 20)
	}
}

// cmdWorker works background jobs without serving HTTP, for deployments that
// scale web and workers apart. It uses the server's wiring so that every job
// kind the store enqueues (parse_document, imports…) has its worker here too.
func cmdWorker(ctx context.Context, e env) error {
	cfg, logger, err := load(e, flags(e, "worker"))
	if err != nil {
		return err
	}
	a, err := app.New(ctx, cfg, logger)
	if err != nil {
		return err
	}
	if err := a.Queue.Start(context.WithoutCancel(ctx)); err != nil {
		return errors.Join(err, a.Close())
	}
	go a.Idle.Run(ctx)
	logger.InfoContext(ctx, "candor worker is running", "database", a.DB.Dialect())
	<-ctx.Done()
	logger.InfoContext(ctx, "shutting down")
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), app.ShutdownGrace)
	defer cancel()
	return errors.Join(a.Queue.Stop(sctx), a.Sandbox.Close(), a.DB.Close())
}

func cmdMigrate(ctx context.Context, e env) error {
	cfg, logger, err := load(e, flags(e, "migrate"))
	if err != nil {
		return err
	}
	db, err := app.OpenStore(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer db.Close()
	// work.New applies River's own migrations.
	q, err := work.New(ctx, db, logger)
	if err != nil {
		return err
	}
	if err := q.Stop(ctx); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "migrated the %s database\n", db.Dialect())
	return nil
}
