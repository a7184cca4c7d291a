package importer

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/hiring"
)

// KindFromName guesses the kind from a file name when the user gave none.
func KindFromName(name string) hiring.ImportKind {
	n := strings.ToLower(name)
	switch {
	case strings.HasSuffix(n, ".zip"):
		return hiring.ImportZIP
	case strings.HasSuffix(n, ".json"):
		return hiring.ImportJSONResume
	}
	return hiring.ImportCSV
}

// Upload stores an import file (at most MaxUploadBytes) after checking that
// its first bytes fit the kind, and records the import. The blob is removed
// again when the record is refused.
func Upload(ctx context.Context, svc hiring.ImportService, blobs blob.Store, kind hiring.ImportKind, name string, r io.Reader) (hiring.Import, error) {
	if kind == "" {
		kind = KindFromName(name)
	}
	if !kind.Valid() {
		return hiring.Import{}, &hiring.Error{Code: hiring.EInvalid, Message: "Choose what kind of file this is.",
			Fields: []hiring.FieldError{{Field: "kind", Message: "must be one of csv, zip, jsonresume"}}}
	}
	br := bufio.NewReaderSize(r, 512)
	head, _ := br.Peek(512)
	if err := checkHead(kind, head); err != nil {
		return hiring.Import{}, err
	}
	key, n, _, err := blobs.Put(ctx, br, MaxUploadBytes)
	if err != nil {
		return hiring.Import{}, err
	}
	im, err := svc.CreateImport(ctx, hiring.NewImport{Kind: kind, FileName: blob.CleanName(name), FileKey: key, FileSize: n})
	if err != nil {
		_ = blobs.Delete(context.WithoutCancel(ctx), key)
		return hiring.Import{}, err
	}
	return im, nil
}

// Discard deletes an import that has added no candidates, then its file.
// The record goes first: a file left behind by a failed delete is only
// unused bytes, while a record without its file would be a broken import.
func Discard(ctx context.Context, svc hiring.ImportService, blobs blob.Store, id string) error {
	im, err := svc.DiscardImport(ctx, id)
	if err != nil {
		return err
	}
	if err := blobs.Delete(context.WithoutCancel(ctx), im.FileKey); err != nil {
		return fmt.Errorf("importer: delete the file of discarded import %s: %w", id, err)
	}
	return nil
}

// checkHead refuses a file whose first bytes contradict its kind, so the
// user hears at once that a PDF is not a spreadsheet.
func checkHead(kind hiring.ImportKind, head []byte) error {
	if len(head) == 0 {
		return invalidFile("is empty")
	}
	isZip := bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte("PK\x05\x06"))
	switch kind {
	case hiring.ImportZIP:
		if !isZip {
			return invalidFile("is not a ZIP archive")
		}
	case hiring.ImportJSONResume:
		t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n")
		if len(t) > 0 && t[0] != '{' && t[0] != '[' {
			return invalidFile("is not JSON (it must start with { or [)")
		}
	case hiring.ImportCSV:
		if isZip {
			return invalidFile("is a ZIP archive or an Excel workbook, not CSV; save the sheet as CSV UTF-8, or import it as a ZIP of resumes")
		}
		if bytes.HasPrefix(head, []byte("%PDF")) {
			return invalidFile("is a PDF, not CSV")
		}
		if _, _, err := Decode(bytes.NewReader(head)); err != nil {
			return err
		}
	}
	return nil
}

// Preview is what the mapping step shows: the header, the first rows and
// a guessed mapping.
type Preview struct {
	Encoding string
	Comma    string
	Header   []string
	Rows     [][]string
	Guess    []hiring.ImportField
}

// PreviewCSV reads the header and up to n rows of a CSV import.
func PreviewCSV(ctx context.Context, blobs blob.Store, im hiring.Import, n int) (Preview, error) {
	rc, err := blobs.Open(ctx, im.FileKey)
	if err != nil {
		return Preview{}, err
	}
	defer rc.Close()
	c, err := OpenCSV(rc)
	if err != nil {
		return Preview{}, err
	}
	p := Preview{Encoding: c.Encoding, Comma: map[rune]string{',': "comma", ';': "semicolon", '\t': "tab"}[c.Comma],
		Header: c.Header, Guess: GuessMapping(c.Header)}
	for len(p.Rows) < n {
		_, rec, err := c.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			continue
		}
		row := make([]string, len(c.Header))
		for i := range row {
			if i < len(rec) {
				row[i] = clipCell(rec[i])
			}
		}
		p.Rows = append(p.Rows, row)
	}
	return p, nil
}

func clipCell(s string) string {
	if r := []rune(s); len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return s
}
