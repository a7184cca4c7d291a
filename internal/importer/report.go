package importer

import (
	"context"
	"encoding/csv"
	"io"
	"strconv"

	"github.com/candor-ats/candor/internal/export"
	"github.com/candor-ats/candor/internal/hiring"
)

// WriteReport streams an import's report as CSV: one line per failed row,
// warning or duplicate, with the row number and why. Values from the upload
// are neutralized like any export, since the report opens in a spreadsheet.
func WriteReport(ctx context.Context, w io.Writer, svc hiring.ImportService, id string) error {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write([]string{"row", "severity", "field", "message", "value"}); err != nil {
		return err
	}
	err := svc.ImportIssues(ctx, id, func(is hiring.ImportIssue) error {
		return cw.Write([]string{strconv.Itoa(is.Row), is.Severity, export.Neutralize(is.Field), export.Neutralize(is.Message),
			export.Neutralize(is.Value)})
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}
