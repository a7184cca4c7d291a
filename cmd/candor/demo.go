package main

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/candor-ats/candor/internal/app"
	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/demo"
	"github.com/candor-ats/candor/internal/store"
)

func cmdDemo(ctx context.Context, e env) error {
	fs := flags(e, "demo")
	candidates := fs.Int("candidates", 500, "number of candidates")
	applications := fs.Int("applications", 0, "number of applications (default: twice the candidates)")
	cfg, logger, err := load(e, fs)
	if err != nil {
		return err
	}
	return oneShot(ctx, cfg, logger, func(ctx context.Context, db *store.DB, au *auth.Auth) error {
		blobs, err := blob.NewFS(filepath.Join(cfg.DataDir, "blobs"))
		if err != nil {
			return err
		}
		password := auth.GeneratePassword()
		hash, err := au.HashPassword(password)
		if err != nil {
			return err
		}
		start := time.Now()
		res, err := demo.Load(ctx, db, blobs, demo.Options{
			Candidates: *candidates, Applications: *applications, PasswordHash: hash, Logger: logger,
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "loaded %d jobs, %d candidates, %d applications in %s\n",
			res.Jobs, res.Candidates, res.Applications, time.Since(start).Round(time.Millisecond))
		// The loader writes documents in bulk, outside the job queue: attach
		// the queue (not started here) and schedule their parsing, which the
		// server's workers then do as for any upload.
		a, err := app.NewWithStore(ctx, cfg, logger, db)
		if err != nil {
			return err
		}
		defer a.Sandbox.Close()
		defer a.Queue.Stop(context.WithoutCancel(ctx)) // never started; closes its PostgreSQL pool
		n, err := db.QueueUnparsedResumes(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "queued %d resumes for parsing by the server's workers\n", n)
		fmt.Fprintf(e.stdout, "large job: %s (%d applications)\n", res.LargeJobID, res.LargeJobApps)
		fmt.Fprintf(e.stdout, "demo team (riley.recruiter@, harper.manager@, ivy.interviewer@, sam.sourcer@demo.candor.test) password: %s\n", password)
		return nil
	})
}
