package importer

import (
	"context"
	"errors"
	"io"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
)

func (r *Runner) runCSV(ctx context.Context, im hiring.Import) error {
	rc, err := r.open(ctx, im)
	if err != nil {
		return err
	}
	defer rc.Close()
	c, err := OpenCSV(rc)
	if err != nil {
		return err
	}
	mapping := make([]hiring.ImportField, len(c.Header))
	copy(mapping, im.Settings.Mapping)
	m := Mapper{Header: c.Header, Mapping: mapping}
	bt := r.newBatcher(im)
	bt.b.NextRow = im.NextRow
	for {
		row, rec, err := c.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if row-1 <= im.NextRow {
			continue // committed by an earlier attempt
		}
		bt.b.NextRow = row - 1
		switch {
		case err != nil:
			bt.fail(row, "", err.Error(), "")
		case blankRecord(rec):
			bt.b.Read++
			bt.b.Issues = append(bt.b.Issues, hiring.ImportIssue{Row: row, Severity: "warning", Message: "is empty; skipped"})
		default:
			in, issues := m.Map(row, rec)
			bt.add(ctx, row, in, issues)
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

func blankRecord(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}
