package importer

import (
	"bufio"
	"bytes"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/candor-ats/candor/internal/hiring"
)

// Encoding names what a text upload was decoded from.
const (
	EncUTF8        = "UTF-8"
	EncUTF8BOM     = "UTF-8 with BOM"
	EncUTF16LE     = "UTF-16LE"
	EncUTF16BE     = "UTF-16BE"
	EncWindows1252 = "Windows-1252"
)

// sniffLen is how much of a file decides its encoding. Spreadsheet exports
// are one encoding throughout; a stray bad byte later on makes that row's
// text invalid, which validation reports for the row.
const sniffLen = 64 << 10

// Decode wraps r so it yields UTF-8: a BOM picks UTF-8 or UTF-16; without one,
// text that is valid UTF-8 is read as such and anything else as
// Windows-1252, the encoding of spreadsheets saved by Excel on Windows.
// NUL bytes without a BOM mean binary data or BOM-less UTF-16, which cannot
// be told apart reliably, so they are refused.
func Decode(r io.Reader) (io.Reader, string, error) {
	br := bufio.NewReaderSize(r, sniffLen)
	head, err := br.Peek(sniffLen)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, "", err
	}
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		_, _ = br.Discard(3)
		return br, EncUTF8BOM, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()), EncUTF16LE, nil
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return transform.NewReader(br, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()), EncUTF16BE, nil
	case bytes.IndexByte(head, 0) >= 0:
		return nil, "", invalidFile("looks like a binary file or UTF-16 without a byte-order mark; save it as CSV UTF-8")
	case utf8.Valid(trimPartialRune(head, len(head) == sniffLen)):
		return br, EncUTF8, nil
	}
	return transform.NewReader(br, charmap.Windows1252.NewDecoder()), EncWindows1252, nil
}

// trimPartialRune drops an incomplete UTF-8 sequence cut by the sniff window.
func trimPartialRune(b []byte, cut bool) []byte {
	if !cut {
		return b
	}
	for i := 1; i <= utf8.UTFMax && i <= len(b); i++ {
		if utf8.RuneStart(b[len(b)-i]) {
			if !utf8.FullRune(b[len(b)-i:]) {
				return b[:len(b)-i]
			}
			break
		}
	}
	return b
}

func invalidFile(msg string) error {
	return &hiring.Error{Code: hiring.EInvalid, Message: "The file " + msg + ".",
		Fields: []hiring.FieldError{{Field: "file", Message: msg}}}
}
