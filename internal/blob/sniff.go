package blob

import (
	"archive/zip"
	"bytes"
	"net/http"
	"strings"
	"unicode/utf8"
)

// SniffLen is how many leading bytes callers should pass to Sniff. Office
// files are zip archives whose telling entry (word/document.xml) is often not
// the first, so more than the 512 bytes of http.DetectContentType is needed;
// when the whole file is shorter, pass it all and the zip directory is read.
const SniffLen = 64 << 10

// Content types Sniff returns.
const (
	TypePDF  = "application/pdf"
	TypeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	TypeODT  = "application/vnd.oasis.opendocument.text"
	TypeDOC  = "application/msword"
	TypeRTF  = "application/rtf"
	TypePNG  = "image/png"
	TypeJPEG = "image/jpeg"
	TypeText = "text/plain"
	TypeHTML = "text/html"
)

// Sniff decides an upload's type from its first bytes, never from its name.
// ok is false for anything that is not an allowed document or image type:
// executables, archives, scripts, unknown binaries.
func Sniff(head []byte) (contentType string, ok bool) {
	switch {
	case len(head) == 0:
		return "", false
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return TypePDF, true
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return sniffZip(head)
	case bytes.HasPrefix(head, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return TypeDOC, true
	case bytes.HasPrefix(head, []byte(`{\rtf`)):
		return TypeRTF, true
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return TypePNG, true
	case bytes.HasPrefix(head, []byte("\xFF\xD8\xFF")):
		return TypeJPEG, true
	case isExecutable(head):
		return "", false
	}
	return sniffText(head)
}

// isExecutable recognises programs and scripts, which must never be accepted
// even when they happen to be valid text.
func isExecutable(head []byte) bool {
	for _, magic := range []string{
		"MZ",                                   // Windows PE / DOS
		"\x7fELF",                              // Linux, BSD
		"\xFE\xED\xFA\xCE", "\xFE\xED\xFA\xCF", // Mach-O
		"\xCE\xFA\xED\xFE", "\xCF\xFA\xED\xFE",
		"\xCA\xFE\xBA\xBE", // Mach-O universal / Java class
		"#!",               // shell and other scripts
		"\x00asm",          // WebAssembly
	} {
		if bytes.HasPrefix(head, []byte(magic)) {
			return true
		}
	}
	return false
}

func sniffZip(head []byte) (string, bool) {
	// An ODT's first entry must be an uncompressed "mimetype" file holding the
	// type (OpenDocument 1.2, part 3, 3.3), so it sits at a fixed offset.
	if len(head) >= 30+8 && string(head[30:38]) == "mimetype" {
		if bytes.HasPrefix(head[38:], []byte(TypeODT)) {
			return TypeODT, true
		}
		return "", false // another OpenDocument kind (spreadsheet, …)
	}
	// The whole file: read the central directory, which is authoritative.
	if zr, err := zip.NewReader(bytes.NewReader(head), int64(len(head))); err == nil {
		for _, f := range zr.File {
			if f.Name == "word/document.xml" {
				return TypeDOCX, true
			}
		}
		return "", false
	}
	// Only a prefix: local file headers carry the entry names in clear.
	if bytes.Contains(head, []byte("word/document.xml")) {
		return TypeDOCX, true
	}
	return "", false
}

func sniffText(head []byte) (string, bool) {
	ct := http.DetectContentType(head)
	switch {
	case strings.HasPrefix(ct, "text/html"):
		return TypeHTML, true
	case strings.HasPrefix(ct, "text/plain"):
		// DetectContentType calls text anything without binary control bytes;
		// also require UTF-8 (a cut multi-byte rune at the end is fine).
		if validUTF8Prefix(head) {
			return TypeText, true
		}
	}
	return "", false
}

func validUTF8Prefix(b []byte) bool {
	if utf8.Valid(b) {
		return true
	}
	// Allow up to 3 trailing bytes of a rune cut by the sniff window.
	for i := 1; i <= 3 && i < len(b); i++ {
		body, tail := b[:len(b)-i], b[len(b)-i:]
		if utf8.Valid(body) && utf8.RuneStart(tail[0]) && !utf8.FullRune(tail) {
			return true
		}
	}
	return false
}
