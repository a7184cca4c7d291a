package main

import (
	"context"
	"fmt"

	"github.com/candor-ats/candor/internal/config"
	"github.com/candor-ats/candor/internal/resume"
)

// cmdParse extracts each file in the resume sandbox (this same binary,
// re-executed with the hidden __resume-extract argument) and prints the
// parsed profiles.
// The document size cap is the server's (--max-document-mb,
// CANDOR_MAX_DOCUMENT_MB), read without touching the data folder.
func cmdParse(ctx context.Context, e env) error {
	fs := flags(e, "parse")
	files, err := parseInterspersed(fs, e.args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return fmt.Errorf("%w: candor parse FILE…", errUsage)
	}
	cfg, err := config.Read(fs, e.getenv)
	if err != nil {
		return fmt.Errorf("configuration:\n%w", err)
	}
	sb := &resume.Sandbox{Limits: resume.Limits{MaxBytes: cfg.MaxDocumentBytes}}
	defer sb.Close()
	if code := resume.RunParseCommand(ctx, sb, files, e.stdout, e.stderr); code != 0 {
		return exitStatus(code)
	}
	return nil
}
