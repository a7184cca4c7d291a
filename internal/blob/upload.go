package blob

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/candor-ats/candor/internal/hiring"
)

// File is an upload once Save has stored it: what the document record needs.
type File struct {
	Key         string
	FileName    string // cleaned for display (CleanName)
	ContentType string // from the bytes (Sniff), never from the name
	Size        int64
	SHA256      string
}

// ReadError is a failure to read the upload itself (a broken or truncated
// body), as opposed to a failure to store it: callers answer it as bad
// input rather than as their own fault.
type ReadError struct{ Err error }

func (e *ReadError) Error() string { return "blob: reading the upload: " + e.Err.Error() }
func (e *ReadError) Unwrap() error { return e.Err }

// Save is how every uploaded document enters the store, whichever door it
// came through (UI, API, ZIP import): the type is decided by Sniff from the
// first bytes and refused unless allowed; the bytes go through s.Put under
// maxBytes (fsynced, generated key); the name is kept only for display,
// cleaned by CleanName.
func Save(ctx context.Context, s Store, r io.Reader, name string, maxBytes int64) (File, error) {
	src := &sourceReader{r: r}
	head := make([]byte, SniffLen)
	n, err := io.ReadFull(src, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return File{}, &ReadError{Err: err}
	}
	head = head[:n]
	ct, ok := Sniff(head)
	if !ok {
		if n == 0 {
			return File{}, &hiring.Error{Code: hiring.EInvalid, Message: "The file is empty.",
				Fields: []hiring.FieldError{{Field: "file", Message: "is empty"}}}
		}
		return File{}, &hiring.Error{Code: hiring.EInvalid, Message: "This kind of file can't be uploaded.",
			Fields: []hiring.FieldError{{Field: "file", Message: "must be a PDF, Word, OpenDocument, RTF, text, HTML, PNG or JPEG file"}}}
	}
	key, size, sum, err := s.Put(ctx, io.MultiReader(bytes.NewReader(head), src), maxBytes)
	if err != nil {
		if src.err != nil && !errors.Is(err, ErrTooLarge) {
			return File{}, &ReadError{Err: src.err}
		}
		return File{}, fmt.Errorf("blob: save: %w", err)
	}
	return File{Key: key, FileName: CleanName(name), ContentType: ct, Size: size, SHA256: sum}, nil
}

// sourceReader remembers the upload's own read error, so that Save can tell
// a broken request body from a failing disk.
type sourceReader struct {
	r   io.Reader
	err error
}

func (s *sourceReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF && s.err == nil {
		s.err = err
	}
	return n, err
}

// CleanName turns an uploaded file's name into a display name: the base name
// only (a name like `..\..\x.pdf` or `../../x.pdf` keeps just x.pdf), valid
// UTF-8, without control characters, quotes, angle brackets or semicolons (it
// ends up in HTML, logs and Content-Disposition headers) or the invisible
// direction controls (isBidiControl) that make "invoice\u202efdp.bat" read
// as "invoicetab.pdf", at most 200 bytes
// cut on a rune boundary; "document" when nothing is left. It is never a
// path: storage keys are generated.
func CleanName(name string) string {
	name = path.Base(strings.ReplaceAll(strings.ToValidUTF8(name, "_"), `\`, "/"))
	name = strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || isBidiControl(r) || strings.ContainsRune("\"/;<>", r) {
			return -1
		}
		return r
	}, name))
	for len(name) > 200 {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	if name == "" || name == "." || name == ".." {
		return "document"
	}
	return name
}

// isBidiControl reports the Unicode directional marks, embeddings,
// overrides and isolates (U+061C, U+200E–F, U+202A–E, U+2066–9): invisible
// characters that reorder the text around them.
func isBidiControl(r rune) bool {
	return r == 0x061C || r == 0x200E || r == 0x200F || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}
