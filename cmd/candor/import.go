package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/candor-ats/candor/internal/app"
	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/importer"
	"github.com/candor-ats/candor/internal/resume"
	"github.com/candor-ats/candor/internal/store"
)

const importUsage = "usage: candor import FILE|FOLDER [--kind csv|zip|jsonresume] [--mapping 'column=field,…'] [--dry-run] --as EMAIL"

// cmdImport runs an import synchronously in this process, as the user
// named by --as (an admin or recruiter: the import can do nothing that user
// could not), printing progress and the summary on stdout. A
// file the importer refuses, or an import that fails, exits non-zero with
// a one-line reason.
func cmdImport(ctx context.Context, e env) error {
	fs := flags(e, "import")
	kind := fs.String("kind", "", "csv, zip or jsonresume (default: from the file name)")
	mapping := fs.String("mapping", "", "CSV columns to fields, e.g. 'Name=full_name,E-mail=email,3=phone' (a column by header or 1-based number; unnamed columns are guessed; field 'ignore' skips one)")
	dryRun := fs.Bool("dry-run", false, "check the file and report errors and duplicates without writing candidates")
	as := fs.String("as", "", "email of the admin or recruiter the import runs as (required)")
	args, err := parseInterspersed(fs, e.args)
	if err != nil {
		return err
	}
	if len(args) != 1 {
		return fmt.Errorf("%w\n%s", errUsage, importUsage)
	}
	if strings.TrimSpace(*as) == "" {
		return fmt.Errorf("%w: --as EMAIL is required (the user the import runs as)\n%s", errUsage, importUsage)
	}
	e.args = nil
	cfg, logger, err := load(e, fs)
	if err != nil {
		return err
	}
	path := args[0]
	// A folder of resumes imports like a ZIP of them; anything else is one file.
	var folder []importer.FileEntry
	var f *os.File
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		if *kind != "" && hiring.ImportKind(*kind) != hiring.ImportZIP {
			return fmt.Errorf("%w: a folder imports as resumes (--kind zip)\n%s", errUsage, importUsage)
		}
		if folder, err = folderEntries(path); err != nil {
			return err
		}
	} else {
		f, err = os.Open(path)
		if err != nil {
			return fmt.Errorf("%s: %w", path, errors.Unwrap(err))
		}
		defer f.Close()
	}
	return oneShot(ctx, cfg, logger, func(sys context.Context, db *store.DB, _ *auth.Auth) error {
		u, err := activeUser(sys, db, "as", *as)
		if err != nil {
			return err
		}
		uctx := hiring.WithActor(ctx, auth.ActorFor(u, ""))
		blobs, err := blob.NewFS(filepath.Join(cfg.DataDir, "blobs"))
		if err != nil {
			return err
		}
		var im hiring.Import
		if folder != nil {
			im, err = importer.UploadFiles(uctx, db, blobs, filepath.Base(filepath.Clean(path))+".zip", folder)
		} else {
			im, err = importer.Upload(uctx, db, blobs, hiring.ImportKind(*kind), filepath.Base(path), f)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, oneLine(err))
		}
		// Until it starts, a mistake in the command line (a bad mapping,
		// --mapping on a ZIP) discards the upload rather than leaving it.
		started := false
		defer func() {
			if !started {
				if err := importer.Discard(context.WithoutCancel(uctx), db, blobs, im.ID); err != nil {
					logger.WarnContext(ctx, "discard the unstarted import", "import", im.ID, "err", err)
				}
			}
		}()
		s := hiring.ImportSettings{DryRun: *dryRun}
		if im.Kind == hiring.ImportCSV {
			p, err := importer.PreviewCSV(uctx, blobs, im, 0)
			if err != nil {
				return fmt.Errorf("%s: %w", path, oneLine(err))
			}
			if s.Mapping, err = parseMapping(p.Header, p.Guess, *mapping); err != nil {
				return err
			}
		} else if *mapping != "" {
			return fmt.Errorf("%w: --mapping applies to CSV imports only", errUsage)
		}
		if _, err := db.StartImport(uctx, im.ID, s); err != nil {
			return oneLine(err)
		}
		started = true
		sandbox := &resume.Sandbox{Limits: resume.Limits{MaxBytes: cfg.MaxDocumentBytes}}
		if !s.DryRun {
			// Attach the job queue (not started here) now that the import
			// itself is marked queued without a job: the background work
			// the import causes, such as parsing each imported resume in
			// full, is scheduled for the server's workers.
			a, err := app.NewWithStore(ctx, cfg, logger, db)
			if err != nil {
				return err
			}
			defer a.Queue.Stop(context.WithoutCancel(ctx)) // never started; closes its PostgreSQL pool
			sandbox, blobs = a.Sandbox, a.Blobs
		}
		defer sandbox.Close()
		runner := importer.New(importer.Options{Svc: db, Blobs: blobs, Sandbox: sandbox, Logger: logger,
			MaxDocumentBytes: cfg.MaxDocumentBytes})
		stop := watchImport(uctx, db, im.ID, e.stdout) // stdout: the logger writes to stderr meanwhile
		err = runner.Run(ctx, im.ID)
		stop()
		if err != nil {
			_ = runner.Fail(context.WithoutCancel(ctx), im.ID, "The import stopped on an internal error: "+err.Error())
			return err
		}
		im, err = db.Import(uctx, im.ID)
		if err != nil {
			return err
		}
		printImportSummary(e.stdout, im)
		if err := printIssues(uctx, e.stdout, db, im.ID, 50); err != nil {
			return err
		}
		if im.Status == hiring.ImportFailed {
			return fmt.Errorf("%s: %s", path, im.Error)
		}
		return nil
	})
}

// folderEntries lists the regular files under dir, hidden ones and
// symbolic links left out, in a stable order.
func folderEntries(dir string) ([]importer.FileEntry, error) {
	var out []importer.FileEntry
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		out = append(out, importer.FileEntry{Name: d.Name(), Open: func() (io.ReadCloser, error) { return os.Open(p) }})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: the folder holds no files", dir)
	}
	return out, nil
}

// parseInterspersed parses flags that may come before or after the
// positional arguments (candor import FILE --dry-run).
func parseInterspersed(fs interface {
	Parse([]string) error
	Args() []string
}, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// parseMapping starts from the guessed mapping and applies the user's
// "column=field" pairs; a column is a header (case-insensitive) or a
// 1-based column number.
func parseMapping(header []string, guess []hiring.ImportField, spec string) ([]hiring.ImportField, error) {
	out := append([]hiring.ImportField(nil), guess...)
	for len(out) < len(header) {
		out = append(out, hiring.FieldIgnore)
	}
	if strings.TrimSpace(spec) == "" {
		return out, nil
	}
	for _, pair := range strings.Split(spec, ",") {
		col, field, ok := strings.Cut(pair, "=")
		col, field = strings.TrimSpace(col), strings.ToLower(strings.TrimSpace(field))
		if !ok || col == "" {
			return nil, fmt.Errorf("%w: --mapping: %q is not column=field", errUsage, pair)
		}
		i := -1
		if n, err := strconv.Atoi(col); err == nil && n >= 1 && n <= len(header) {
			i = n - 1
		} else {
			for j, h := range header {
				if strings.EqualFold(strings.TrimSpace(h), col) {
					i = j
					break
				}
			}
		}
		if i < 0 {
			return nil, fmt.Errorf("%w: --mapping: the file has no column %q (columns: %s)", errUsage, col, strings.Join(header, ", "))
		}
		f := hiring.ImportField(field)
		if field == "ignore" || field == "-" {
			f = hiring.FieldIgnore
		}
		if f != hiring.FieldIgnore && !f.Valid() {
			names := make([]string, len(hiring.ImportFields))
			for k, x := range hiring.ImportFields {
				names[k] = string(x)
			}
			return nil, fmt.Errorf("%w: --mapping: unknown field %q (fields: %s, ignore)", errUsage, field, strings.Join(names, ", "))
		}
		out[i] = f
	}
	return out, nil
}

// watchImport prints the progress to w whenever it changes until stopped.
func watchImport(ctx context.Context, db *store.DB, id string, w io.Writer) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		last := -1
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			im, err := db.Import(ctx, id)
			if err != nil || im.Done == last {
				continue
			}
			last = im.Done
			if im.Total > 0 {
				fmt.Fprintf(w, "progress: %d of %d (%d%%)\n", im.Done, im.Total, im.Percent())
			} else {
				fmt.Fprintf(w, "progress: %d\n", im.Done)
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

func printImportSummary(w io.Writer, im hiring.Import) {
	what := "import"
	if im.Settings.DryRun {
		what = "dry run (nothing written)"
	}
	fmt.Fprintf(w, "import %s: %s %s\n", im.ID, what, im.Status)
	fmt.Fprintf(w, "rows read: %d of %d, failed: %d\n", im.Done, im.Total, im.Failed)
	r := im.Report
	if im.Settings.DryRun {
		fmt.Fprintf(w, "would merge (same email): %d\n", r.Duplicates)
	} else {
		fmt.Fprintf(w, "created: %d, merged (same email): %d\n", r.Created, r.Merged)
	}
	fmt.Fprintf(w, "possible duplicates (reported, not merged): %d, warnings: %d\n", r.Possible, r.Warnings)
}

// printIssues prints the first max lines of the report, then how many more
// there are (the whole report is at /imports/{id}/report.csv).
func printIssues(ctx context.Context, w io.Writer, db *store.DB, id string, max int) error {
	n := 0
	err := db.ImportIssues(ctx, id, func(is hiring.ImportIssue) error {
		n++
		if n > max {
			return nil
		}
		line := fmt.Sprintf("row %d: %s", is.Row, is.Severity)
		if is.Field != "" {
			line += " " + is.Field
		}
		line += ": " + is.Message
		if is.Value != "" {
			line += fmt.Sprintf(" (%q)", is.Value)
		}
		fmt.Fprintln(w, strings.ReplaceAll(line, "\n", " "))
		return nil
	})
	if n > max {
		fmt.Fprintf(w, "… and %d more lines: see /imports/%s/report.csv\n", n-max, id)
	}
	return err
}

// oneLine words a domain error on one line: the message and the first
// field's complaint.
func oneLine(err error) error {
	if hiring.ErrorCode(err) == hiring.EInternal {
		return err
	}
	msg := hiring.ErrorMessage(err)
	if fields := hiring.ErrorFields(err); len(fields) > 0 && !strings.Contains(msg, fields[0].Message) {
		msg = strings.TrimSuffix(msg, ".") + ": " + fields[0].Field + " " + fields[0].Message
	}
	return errors.New(strings.ReplaceAll(msg, "\n", " "))
}
