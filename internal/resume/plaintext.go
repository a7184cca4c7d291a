package resume

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// extractPlain decodes a plain-text resume.
func extractPlain(data []byte, _ Limits) (Document, error) {
	text, cs := decodeText(data)
	return Document{Text: cleanText(text), Charset: cs}, nil
}

// decodeText picks the charset: a BOM wins, then valid UTF-8, then UTF-16
// recognised by its zero bytes, else Windows-1252 (a superset of the
// printable Latin-1 range, and what "ANSI" files from Windows are).
func decodeText(data []byte) (string, string) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return string(data[3:]), "utf-8"
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeWith(data, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)), "utf-16le"
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeWith(data, unicode.UTF16(unicode.BigEndian, unicode.UseBOM)), "utf-16be"
	case utf8.Valid(data):
		return string(data), "utf-8"
	}
	if even, odd := zeroBytes(data); odd > len(data)/4 && even == 0 {
		return decodeWith(data, unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM)), "utf-16le"
	} else if even > len(data)/4 && odd == 0 {
		return decodeWith(data, unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM)), "utf-16be"
	}
	return decodeWith(data, charmap.Windows1252), "windows-1252"
}

func decodeWith(data []byte, enc encoding.Encoding) string {
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return string(bytes.ToValidUTF8(data, nil))
	}
	return string(out)
}

func zeroBytes(data []byte) (even, odd int) {
	for i, b := range data {
		if b == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	return even, odd
}
