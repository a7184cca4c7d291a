package resume

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Extract detects the document type from data and returns its text, in this
// process. It bounds sizes, counts and nesting itself, but CPU time and
// memory are only bounded when it runs inside the Sandbox child.
func Extract(ctx context.Context, data []byte, limits Limits) (doc Document, err error) {
	defer func() {
		// A parser bug on hostile input must become a clean "corrupt"
		// answer, not a crash of the caller.
		if r := recover(); r != nil {
			doc, err = Document{}, fmt.Errorf("%w: parser failed: %v", ErrCorrupt, r)
		}
	}()
	return extract(ctx, data, limits)
}

// extract is Extract without the panic guard, so fuzzing sees crashes.
func extract(ctx context.Context, data []byte, limits Limits) (doc Document, err error) {
	limits = limits.withDefaults()
	if int64(len(data)) > limits.MaxBytes {
		return Document{}, fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, len(data), limits.MaxBytes)
	}
	if len(data) == 0 {
		return Document{}, fmt.Errorf("%w: empty file", ErrCorrupt)
	}
	format := Detect(data)
	switch format {
	case FormatPDF:
		doc, err = extractPDF(ctx, data, limits)
	case FormatDOCX:
		doc, err = extractDOCX(ctx, data, limits)
	case FormatODT:
		doc, err = extractODT(ctx, data, limits)
	case FormatRTF:
		doc, err = extractRTF(ctx, data, limits)
	case FormatHTML:
		doc, err = extractHTML(ctx, data, limits)
	case FormatText:
		doc, err = extractPlain(data, limits)
	case FormatDOC:
		doc, err = extractLegacyDoc(ctx, data, limits)
	default:
		return Document{Format: FormatUnknown}, ErrUnsupported
	}
	if err != nil {
		return doc, err
	}
	doc.Format = format
	if len(doc.Text) > limits.MaxTextBytes {
		doc.Text = truncateUTF8(doc.Text, limits.MaxTextBytes)
		doc.Warnings = append(doc.Warnings, "text truncated")
	}
	return doc, nil
}

// cleanText normalises what every extractor returns: valid UTF-8, Unix line
// ends, no control characters except tab, newline and form feed, ligatures
// expanded, and trailing blanks trimmed from lines.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "")
	var b strings.Builder
	b.Grow(len(s))
	blank := 0
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		line = strings.TrimRight(strings.Map(cleanRune, line), " \t")
		if line == "" {
			blank++
			if blank > 1 {
				continue
			}
		} else {
			blank = 0
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return ligatures.Replace(strings.TrimSpace(b.String()))
}

var ligatures = strings.NewReplacer("\uFB00", "ff", "\uFB01", "fi", "\uFB02", "fl", "\uFB03", "ffi", "\uFB04", "ffl", "\uFB06", "st", "\u00AD", "-")

func cleanRune(r rune) rune {
	switch {
	case r == '\t' || r == '\f':
		return r
	case r == '\r' || r == '\v' || r == '\u2028' || r == '\u2029':
		return ' '
	case r < 0x20 || (r >= 0x7f && r < 0xa0) || r == '\uFFFD' || r == '\uFEFF':
		return -1
	case r == '\u00a0' || r == '\u2002' || r == '\u2003' || r == '\u2009' || r == '\u200a' || r == '\u202f':
		return ' '
	case r >= 0xE000 && r <= 0xF8FF:
		// Private-use code points are icon fonts (phone, mail glyphs).
		return ' '
	}
	return r
}

func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
