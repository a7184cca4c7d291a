package importer

import (
	"context"
	"errors"
	"io"

	"github.com/candor-ats/candor/internal/hiring"
)

func (r *Runner) runJSON(ctx context.Context, im hiring.Import) error {
	rc, err := r.open(ctx, im)
	if err != nil {
		return err
	}
	defer rc.Close()
	js, err := OpenJSONResumes(rc)
	if err != nil {
		return err
	}
	bt := r.newBatcher(im)
	bt.b.NextRow = im.NextRow
	for {
		n, raw, err := js.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if n <= im.NextRow && err == nil {
			continue
		}
		bt.b.NextRow = n
		if err != nil {
			// The rest of a broken JSON text cannot be trusted: report and stop.
			bt.fail(n, "", "document "+err.Error(), "")
			break
		}
		p, err := ParseJSONResume(raw)
		if err != nil {
			bt.fail(n, "", "document "+err.Error(), p.Basics.Name)
		} else {
			in := p.Candidate()
			bt.add(ctx, n, in, inputIssues(n, in))
		}
		if bt.full() {
			if _, err := bt.flush(ctx); err != nil {
				return err
			}
		}
	}
	_, err = bt.flush(ctx)
	return err
}
