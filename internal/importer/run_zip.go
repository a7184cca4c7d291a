package importer

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/resume"
)

func (r *Runner) runZIP(ctx context.Context, im hiring.Import) error {
	f, size, err := r.spool(ctx, im)
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	zs, err := OpenZip(f, size, r.maxDoc)
	if err != nil {
		return err
	}
	total := len(zs.Entries) + len(zs.Skipped)
	if _, err := r.svc.BeginImportRun(ctx, im.ID, total); err != nil {
		return err
	}
	bt := r.newBatcher(im)
	bt.b.NextRow = im.NextRow
	for i, e := range zs.Entries {
		row := i + 1
		if row <= im.NextRow {
			continue
		}
		bt.b.NextRow = row
		if err := r.zipEntry(ctx, bt, row, e); err != nil {
			return err
		}
	}
	for k, s := range zs.Skipped {
		row := len(zs.Entries) + k + 1
		if row <= im.NextRow {
			continue
		}
		bt.b.NextRow = row
		name, why, _ := strings.Cut(s, ": ")
		bt.fail(row, "file", "skipped: "+why, name)
	}
	_, err = bt.flush(ctx)
	return err
}

// zipEntry imports one file as one candidate. On a real run the file is
// stored first, the candidate written, then the document recorded (which
// queues its full parse); a file whose row fails is deleted again.
func (r *Runner) zipEntry(ctx context.Context, bt *batcher, row int, e ZipEntry) error {
	data, err := e.Read()
	if err != nil {
		bt.fail(row, "file", e.Name+" "+err.Error(), e.Name)
		return nil
	}
	ct, err := sniffResume(data)
	if err != nil {
		bt.fail(row, "file", e.Name+" "+err.Error(), e.Name)
		return nil
	}
	in := r.readResume(ctx, data, ct, e.Name)
	issues := inputIssues(row, in)
	if bt.dryRun {
		bt.add(ctx, row, in, issues)
		if bt.full() {
			_, err := bt.flush(ctx)
			return err
		}
		return nil
	}
	if HasErrors(issues) {
		bt.add(ctx, row, in, issues)
		_, err := bt.flush(ctx)
		return err
	}
	f, err := blob.Save(ctx, r.blobs, bytes.NewReader(data), e.Name, r.maxDoc)
	if err != nil {
		return fmt.Errorf("importer: store %s: %w", e.Name, err)
	}
	key := f.Key
	bt.add(ctx, row, in, nil)
	res, err := bt.flush(ctx)
	if err != nil {
		_ = r.blobs.Delete(ctx, key)
		return err
	}
	if len(res.IDs) == 0 || res.IDs[0] == "" {
		_ = r.blobs.Delete(ctx, key)
		return nil
	}
	_, err = r.svc.AddDocument(ctx, hiring.NewDocument{CandidateID: res.IDs[0], Kind: "resume", FileName: f.FileName,
		ContentType: f.ContentType, Size: f.Size, SHA256: f.SHA256, BlobKey: key})
	if err != nil {
		_ = r.blobs.Delete(ctx, key)
		if hiring.ErrorCode(err) == hiring.EInternal {
			return err
		}
		bt.b.Issues = append(bt.b.Issues, hiring.ImportIssue{Row: row, Severity: "warning", Field: "file",
			Message: "the candidate was imported but the file could not be attached: " + hiring.ErrorMessage(err), Value: e.Name})
		_, err = bt.flush(ctx)
		return err
	}
	return nil
}

// readResume fills what it can from the file: plain text is decoded and
// parsed here (pure and cheap); other formats need the sandbox, and
// without one only the file name gives a name. Either way the document's
// parse job fills the profile in later.
func (r *Runner) readResume(ctx context.Context, data []byte, ct, name string) hiring.CandidateInput {
	var text string
	switch {
	case ct == blob.TypeText:
		// Decoding text is pure and bounded (BOM, charset, the text cap):
		// the extractor's own code, in process.
		doc, err := resume.Extract(ctx, data, resume.Limits{MaxBytes: r.maxDoc})
		if err != nil {
			r.log.InfoContext(ctx, "import: resume not readable; using the file name", "file", name, "err", err)
		} else {
			text = doc.Text
		}
	case r.sandbox != nil:
		doc, err := r.sandbox.Extract(ctx, data)
		if err != nil {
			r.log.InfoContext(ctx, "import: resume not readable; using the file name", "file", name, "err", err)
		} else {
			text = doc.Text
		}
	}
	var in hiring.CandidateInput
	if text != "" {
		in = FromProfile(resume.Parse(text, resume.ParseOptions{}))
		in.Tags = nil // skills belong to the parsed profile, not to tags
	}
	in.Source = "resume import"
	if in.FirstName == "" && in.LastName == "" {
		in.FirstName, in.LastName = nameFromFile(name)
	}
	in.Normalize()
	return in
}

// nameFromFile guesses a name from "jane_doe-resume.pdf" → "Jane", "Doe".
func nameFromFile(name string) (string, string) {
	stem := strings.TrimSuffix(name, path.Ext(name))
	var words []string
	for _, w := range strings.FieldsFunc(stem, func(r rune) bool { return strings.ContainsRune(" _-.,()[]0123456789", r) }) {
		switch strings.ToLower(w) {
		case "resume", "cv", "curriculum", "vitae", "final", "copy", "updated", "new", "lebenslauf":
			continue
		}
		rs := []rune(w)
		words = append(words, strings.ToUpper(string(rs[:1]))+string(rs[1:]))
	}
	if len(words) == 0 {
		return "Unnamed", "candidate"
	}
	return SplitName(strings.Join(words, " "))
}

// spool copies the upload to a temporary file: archive/zip needs random
// access, and the upload may live in object storage.
func (r *Runner) spool(ctx context.Context, im hiring.Import) (*os.File, int64, error) {
	rc, err := r.open(ctx, im)
	if err != nil {
		return nil, 0, err
	}
	defer rc.Close()
	f, err := os.CreateTemp("", "candor-import-*.zip")
	if err != nil {
		return nil, 0, fmt.Errorf("importer: spool: %w", err)
	}
	n, err := io.Copy(f, io.LimitReader(rc, MaxUploadBytes+1))
	if err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, 0, fmt.Errorf("importer: spool: %w", err)
	}
	return f, n, nil
}
