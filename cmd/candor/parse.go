package main

import (
	"context"
	"fmt"

	"github.com/candor-ats/candor/internal/resume"
)

// cmdParse extracts each file in the resume sandbox (this same binary,
// re-executed with the hidden __resume-extract argument) and prints the
// parsed profiles.
func cmdParse(ctx context.Context, e env) error {
	if len(e.args) == 0 {
		return fmt.Errorf("%w: candor parse FILE…", errUsage)
	}
	if code := resume.RunParseCommand(ctx, &resume.Sandbox{}, e.args, e.stdout, e.stderr); code != 0 {
		return exitStatus(code)
	}
	return nil
}
