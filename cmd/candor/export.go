package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/export"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
)

const exportUsage = "usage: candor export --format csv|jsonresume [--as EMAIL] [--out FILE]"

// cmdExport writes every candidate the actor may see: as the user named
// by --as (their access rules apply), else as the operator (everyone). The
// export is recorded in the activity log like one from the UI. Without
// --out it goes to stdout; with it, to a file written in full or not at
// all (a temporary file renamed into place).
func cmdExport(ctx context.Context, e env) error {
	fs := flags(e, "export")
	format := fs.String("format", "", "csv or jsonresume (required)")
	as := fs.String("as", "", "email of the user whose access rules apply (default: the operator, who sees everyone)")
	out := fs.String("out", "", "file to write (default: stdout)")
	cfg, logger, err := load(e, fs)
	if err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q\n%s", errUsage, fs.Arg(0), exportUsage)
	}
	write := map[string]func(context.Context, io.Writer, hiring.Services, hiring.CandidateFilter) (int, error){
		"csv": export.CSV, "jsonresume": export.Resumes,
	}[strings.ToLower(*format)]
	if write == nil {
		return fmt.Errorf("%w: --format must be csv or jsonresume\n%s", errUsage, exportUsage)
	}
	return oneShot(ctx, cfg, logger, func(sys context.Context, db *store.DB, _ *auth.Auth) error {
		actx := sys
		if strings.TrimSpace(*as) != "" {
			u, err := activeUser(sys, db, "as", *as)
			if err != nil {
				return err
			}
			actx = hiring.WithActor(ctx, auth.ActorFor(u, ""))
		}
		if *out == "" {
			n, err := write(actx, e.stdout, db, hiring.CandidateFilter{})
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "exported %d candidates\n", n)
			return nil
		}
		tmp, err := os.CreateTemp(filepath.Dir(*out), ".candor-export-*")
		if err != nil {
			return err
		}
		defer os.Remove(tmp.Name())
		n, err := write(actx, tmp, db, hiring.CandidateFilter{})
		if err == nil {
			err = tmp.Sync()
		}
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(tmp.Name(), *out)
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stderr, "exported %d candidates to %s\n", n, *out)
		return nil
	})
}
