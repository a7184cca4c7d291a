package resume

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// RunParseCommand implements "candor parse FILE…": each file's profile is
// printed as JSON Resume with the extracted text under meta. A file that
// cannot be read gets one line on stderr and the exit status becomes 1;
// the other files are still printed.
func RunParseCommand(ctx context.Context, sb *Sandbox, files []string, stdout, stderr io.Writer) int {
	if len(files) == 0 {
		fmt.Fprintln(stderr, "usage: candor parse FILE…")
		return 2
	}
	if sb == nil {
		sb = &Sandbox{}
		defer sb.Close()
	}
	limits := sb.Limits.withDefaults()
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	status := 0
	for _, name := range files {
		p, err := parseFile(ctx, sb, name, limits)
		if err != nil {
			fmt.Fprintf(stderr, "candor parse: %s: %s\n", name, oneLine(err.Error()))
			status = 1
			continue
		}
		if err := enc.Encode(p); err != nil {
			fmt.Fprintf(stderr, "candor parse: %v\n", err)
			return 1
		}
	}
	return status
}

func parseFile(ctx context.Context, sb *Sandbox, name string, limits Limits) (Profile, error) {
	f, err := os.Open(name)
	if err != nil {
		return Profile{}, err
	}
	defer f.Close()
	// Read one byte past the limit so an oversized file is refused without
	// loading all of it.
	data, err := io.ReadAll(io.LimitReader(f, limits.MaxBytes+1))
	if err != nil {
		return Profile{}, err
	}
	if int64(len(data)) > limits.MaxBytes {
		return Profile{}, fmt.Errorf("%w: larger than %d MB", ErrTooLarge, limits.MaxBytes>>20)
	}
	doc, err := sb.Extract(ctx, data)
	if err != nil {
		return Profile{}, err
	}
	p := Parse(doc.Text, ParseOptions{})
	p.Meta.Format, p.Meta.Pages, p.Meta.Text = doc.Format, doc.Pages, doc.Text
	return p, nil
}
