package resume

import "errors"

// Sentinel errors returned by Extract and Sandbox.Extract. Each message is one
// human-readable line because the parse command and the UI show it as is;
// details are added by wrapping with %w.
var (
	ErrEncrypted     = errors.New("encrypted document: remove the password and upload it again")
	ErrNoTextLayer   = errors.New("no text layer: the document is a scanned image (OCR is not supported yet)")
	ErrTooLarge      = errors.New("document too large")
	ErrCorrupt       = errors.New("corrupt or truncated document")
	ErrUnsupported   = errors.New("unsupported document type: please upload PDF or DOCX")
	ErrLimitExceeded = errors.New("document exceeds a processing limit")
)

// errLegacyDoc is returned for .doc files when no converter is installed.
var errLegacyDoc error = &reasonError{kind: ErrUnsupported, msg: "unsupported legacy .doc, please upload PDF or DOCX"}

// reasonError carries a precise one-line message while still matching a
// sentinel with errors.Is.
type reasonError struct {
	kind error
	msg  string
}

func (e *reasonError) Error() string { return e.msg }
func (e *reasonError) Unwrap() error { return e.kind }

// errorKinds names each sentinel for the child→parent JSON protocol.
var errorKinds = []struct {
	name string
	err  error
}{
	{"encrypted", ErrEncrypted},
	{"no_text_layer", ErrNoTextLayer},
	{"too_large", ErrTooLarge},
	{"corrupt", ErrCorrupt},
	{"unsupported", ErrUnsupported},
	{"limit_exceeded", ErrLimitExceeded},
}

// ErrorKind returns the short name of the sentinel err wraps ("corrupt",
// "encrypted", …) or "" when it wraps none.
func ErrorKind(err error) string {
	for _, k := range errorKinds {
		if errors.Is(err, k.err) {
			return k.name
		}
	}
	return ""
}

// errorFromKind rebuilds an error that matches the named sentinel and reads
// as msg.
func errorFromKind(kind, msg string) error {
	for _, k := range errorKinds {
		if k.name == kind {
			if msg == "" {
				return k.err
			}
			return &reasonError{kind: k.err, msg: msg}
		}
	}
	return &reasonError{kind: ErrCorrupt, msg: msg}
}
