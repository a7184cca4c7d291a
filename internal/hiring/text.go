package hiring

import (
	"strings"
	"unicode/utf8"
)

// NotText is the field message for a value that is not text: a NUL byte
// (which PostgreSQL cannot store, and no browser form sends) or bytes that
// are not UTF-8.
const NotText = "is not valid text (a NUL byte or invalid UTF-8)"

// IsText reports whether s can be text in Candor: valid UTF-8 without NUL.
// Every text input is held to this at the boundary (the API's decoder, the
// UI's form layer, the URL at the server's edge), so both engines see the
// same input and none reaches PostgreSQL as an error.
func IsText(s string) bool {
	return utf8.ValidString(s) && strings.IndexByte(s, 0) < 0
}

// ScrubText replaces NUL bytes, other C0 control characters and invalid
// UTF-8 with U+FFFD, as the HTML standard does to text it decodes. It is for
// text that names or filters rather than is stored — URL paths and query
// values — where such a value can match nothing: a path id with a NUL is
// then simply not found and a search for one finds nothing.
func ScrubText(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if b := s[i]; b < 0x20 || b == 0x7f || b >= utf8.RuneSelf {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r < 0x20 || r == 0x7f {
			r = utf8.RuneError
		}
		b.WriteRune(r)
		i += n
	}
	return b.String()
}
