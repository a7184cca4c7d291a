package parsing

import (
	"strings"
	"unicode/utf8"

	"github.com/candor-ats/candor/internal/resume"
)

// FailureMessage is the one line shown as "Not parsed: …" for an
// extraction error: what is wrong and, where there is one, what to do.
func FailureMessage(err error) string {
	detail := oneLine(err.Error())
	switch resume.ErrorKind(err) {
	case "no_text_layer":
		return "No text layer: this looks like a scanned PDF (OCR is not supported yet)."
	case "encrypted":
		return "Encrypted: the file is password-protected; remove the password and upload it again."
	case "too_large":
		return "Too large: " + detail
	case "corrupt":
		return "Corrupt: the file is damaged or truncated (" + detail + ")."
	case "unsupported":
		return "Unsupported type: " + detail
	case "limit_exceeded":
		return "Limit exceeded: " + detail
	}
	return "Not readable: " + detail
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 300 {
		n := 300
		for n > 0 && !utf8.RuneStart(s[n]) {
			n-- // never cut a character in two: the text is stored and shown
		}
		s = s[:n] + "…"
	}
	return s
}
