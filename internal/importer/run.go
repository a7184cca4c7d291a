// Package importer brings candidates in from files: spreadsheets (CSV with
// a column mapping), ZIP archives of resumes and JSON Resume documents. It
// reads uploads as hostile input (encoding detection, size and shape
// limits, zip-slip and zip-bomb checks) and streams them in batches through
// hiring.ImportService, which writes each batch in one transaction. The
// River worker (worker.go) runs an import in the background as the user
// who started it, so the import can do nothing that user could not.
package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/resume"
)

// MaxUploadBytes caps an import file.
const MaxUploadBytes = 50 << 20

// DefaultBatchSize is the rows written per transaction: large enough that
// commit cost vanishes, small enough that the writer is never held long.
const DefaultBatchSize = 500

// Options are what a Runner needs.
type Options struct {
	Svc   hiring.Services
	Blobs blob.Store
	// Sandbox extracts text from resume files in a child process; nil means
	// only plain-text resumes are read at import time (the document parse
	// job fills the rest in later).
	Sandbox   *resume.Sandbox
	Logger    *slog.Logger
	BatchSize int
	// MaxDocumentBytes caps each resume in a ZIP import, like an upload;
	// 0 means blob.DefaultMaxDocumentBytes.
	MaxDocumentBytes int64
}

// Runner runs imports.
type Runner struct {
	svc     hiring.Services
	blobs   blob.Store
	sandbox *resume.Sandbox
	log     *slog.Logger
	batch   int
	maxDoc  int64
}

// New returns a Runner.
func New(o Options) *Runner {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.BatchSize <= 0 {
		o.BatchSize = DefaultBatchSize
	}
	if o.MaxDocumentBytes <= 0 {
		o.MaxDocumentBytes = blob.DefaultMaxDocumentBytes
	}
	return &Runner{svc: o.Svc, blobs: o.Blobs, sandbox: o.Sandbox, log: o.Logger, batch: o.BatchSize, maxDoc: o.MaxDocumentBytes}
}

// Run works one import to its end. It is idempotent: a finished import is
// left alone and a retried one resumes after its last committed batch. An
// error means "retry later" (a database or storage fault); a bad file ends
// the import as failed with the reason and returns nil.
func (r *Runner) Run(ctx context.Context, id string) error {
	sys := hiring.WithActor(ctx, hiring.SystemActor())
	im, err := r.svc.Import(sys, id)
	if hiring.ErrorCode(err) == hiring.ENotFound {
		return nil // deleted since it was queued
	}
	if err != nil {
		return err
	}
	if im.Status != hiring.ImportQueued && im.Status != hiring.ImportRunning {
		return nil
	}
	u, err := r.svc.User(sys, im.CreatedByID)
	if err != nil && hiring.ErrorCode(err) != hiring.ENotFound {
		return err // a passing fault: the job is retried
	}
	if err != nil || u.Disabled {
		_, ferr := r.svc.FinishImport(sys, id, "The user who started this import can no longer sign in.")
		return ferr
	}
	actx := hiring.WithActor(ctx, hiring.Actor{UserID: u.ID, Name: u.Name, Role: u.Role})
	total, err := r.count(ctx, im)
	if err != nil {
		return r.fail(actx, id, err)
	}
	if im, err = r.svc.BeginImportRun(actx, id, total); err != nil {
		return err
	}
	switch im.Kind {
	case hiring.ImportCSV:
		err = r.runCSV(actx, im)
	case hiring.ImportZIP:
		err = r.runZIP(actx, im)
	case hiring.ImportJSONResume:
		err = r.runJSON(actx, im)
	default:
		err = invalidFile("has an unknown import kind")
	}
	if err != nil {
		return r.fail(actx, id, err)
	}
	_, err = r.svc.FinishImport(actx, id, "")
	return err
}

// fail ends the import when err is the file's fault; other errors go back
// to the queue for a retry.
func (r *Runner) fail(ctx context.Context, id string, err error) error {
	if hiring.ErrorCode(err) != hiring.EInvalid {
		return err
	}
	_, ferr := r.svc.FinishImport(ctx, id, hiring.ErrorMessage(err))
	return ferr
}

// Fail ends an import that cannot be completed (the worker's last attempt).
func (r *Runner) Fail(ctx context.Context, id string, reason string) error {
	sys := hiring.WithActor(ctx, hiring.SystemActor())
	_, err := r.svc.FinishImport(sys, id, reason)
	return err
}

func (r *Runner) open(ctx context.Context, im hiring.Import) (io.ReadCloser, error) {
	rc, err := r.blobs.Open(ctx, im.FileKey)
	if err != nil {
		return nil, fmt.Errorf("importer: open upload: %w", err)
	}
	return rc, nil
}

// count sizes the upload for the progress bar by a quick pass.
func (r *Runner) count(ctx context.Context, im hiring.Import) (int, error) {
	switch im.Kind {
	case hiring.ImportZIP:
		return 0, nil // counted when the archive is opened
	case hiring.ImportJSONResume:
		rc, err := r.open(ctx, im)
		if err != nil {
			return 0, err
		}
		defer rc.Close()
		js, err := OpenJSONResumes(rc)
		if err != nil {
			return 0, err
		}
		n := 0
		for {
			_, _, err := js.Next()
			if err != nil {
				break
			}
			n++
		}
		return n, nil
	}
	rc, err := r.open(ctx, im)
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	c, err := OpenCSV(rc)
	if err != nil {
		return 0, err
	}
	n := 0
	for {
		_, _, err := c.Next()
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		n++
		if err := ctx.Err(); err != nil {
			return 0, err
		}
	}
}

// batcher accumulates rows and flushes them through the service.
type batcher struct {
	r      *Runner
	id     string
	b      hiring.ImportBatch
	dryRun bool
	// seen finds repeats inside the file on a dry run (a real run merges
	// them through the database); bounded so memory stays flat.
	seen map[string]seenRow
}

// seenRow is the first row of the file with an address.
type seenRow struct {
	row  int
	name string
}

const maxSeen = 200_000

func (r *Runner) newBatcher(im hiring.Import) *batcher {
	return &batcher{r: r, id: im.ID, dryRun: im.Settings.DryRun, seen: map[string]seenRow{}}
}

func (bt *batcher) add(ctx context.Context, row int, in hiring.CandidateInput, issues []hiring.ImportIssue) {
	bt.b.Read++
	bt.b.Issues = append(bt.b.Issues, issues...)
	if HasErrors(issues) {
		return
	}
	bt.b.Issues = append(bt.b.Issues, bt.r.possibleDuplicates(ctx, row, in)...)
	if bt.dryRun {
		// The store's rules: placeholders match nobody, and an address
		// shared under another name is reported, not merged.
		name := in.FirstName + " " + in.LastName
		for _, e := range in.Emails {
			if hiring.PlaceholderEmail(e) {
				continue
			}
			if first, ok := bt.seen[e]; ok {
				if hiring.SameName(name, first.name) {
					bt.b.Issues = append(bt.b.Issues, hiring.ImportIssue{Row: row, Severity: "duplicate", Field: "emails",
						Message: fmt.Sprintf("has the same email as row %d; the rows would be merged", first.row), Value: e})
				} else {
					bt.b.Issues = append(bt.b.Issues, hiring.ImportIssue{Row: row, Severity: SeverityPossibleDuplicate, Field: "emails",
						Message: fmt.Sprintf("has the same email as row %d under another name; the rows would not be merged", first.row), Value: e})
				}
				break
			}
			if len(bt.seen) < maxSeen {
				bt.seen[e] = seenRow{row, name}
			}
		}
	}
	bt.b.Rows = append(bt.b.Rows, hiring.ImportRow{Row: row, Input: in})
}

func (bt *batcher) fail(row int, field, msg, value string) {
	bt.b.Read++
	bt.b.Issues = append(bt.b.Issues, hiring.ImportIssue{Row: row, Severity: "error", Field: field, Message: msg, Value: value})
}

func (bt *batcher) full() bool {
	return len(bt.b.Rows) >= bt.r.batch || bt.b.Read >= 4*bt.r.batch
}

func (bt *batcher) flush(ctx context.Context) (hiring.ImportBatchResult, error) {
	if bt.b.Read == 0 && len(bt.b.Issues) == 0 {
		return hiring.ImportBatchResult{}, nil
	}
	res, err := bt.r.svc.WriteImportBatch(ctx, bt.id, bt.b)
	if err != nil {
		return res, err
	}
	bt.b = hiring.ImportBatch{NextRow: bt.b.NextRow, Rows: bt.b.Rows[:0], Issues: bt.b.Issues[:0]}
	return res, nil
}
