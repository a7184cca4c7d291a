package resume

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// maxContentOps bounds the operators interpreted for one document, so a
// hostile content stream (or a form drawn a million times) ends quickly even
// outside the sandbox, e.g. under fuzzing.
const maxContentOps = 5_000_000

// pdfExtractor holds the per-document state of PDF text extraction.
type pdfExtractor struct {
	file   *pdfFile
	limits Limits
	fonts  map[int]*pdfFont
	ops    int
	pages  int
	// glyphs is the page's glyph buffer, reused from page to page: laid
	// out before the next page starts, and regrowing it per page was a
	// third of extraction's allocation.
	glyphs []pdfGlyph
}

type pageAttrs struct {
	resources pdfDict
}

// extractPDF returns the text layer of a PDF in reading order, one page
// after another separated by form feeds.
func extractPDF(ctx context.Context, data []byte, limits Limits) (Document, error) {
	budget := &inflateBudget{left: limits.MaxUncompressedBytes}
	file, err := openPDF(data, budget)
	if err != nil {
		return Document{}, err
	}
	if file.trailer["Encrypt"] != nil {
		return Document{}, ErrEncrypted
	}
	x := &pdfExtractor{file: file, limits: limits, fonts: map[int]*pdfFont{}}
	root := file.dict(file.trailer["Root"])
	if root == nil {
		return Document{}, fmt.Errorf("%w: no document catalog", ErrCorrupt)
	}
	pagesRoot := file.dict(root["Pages"])
	if pagesRoot == nil {
		return Document{}, fmt.Errorf("%w: no page tree", ErrCorrupt)
	}
	if n, ok := file.number(pagesRoot["Count"]); ok && int(n) > limits.MaxPages {
		return Document{}, fmt.Errorf("%w: %d pages, the limit is %d", ErrLimitExceeded, int(n), limits.MaxPages)
	}
	var out strings.Builder
	glyphs := 0
	visited := map[int]bool{}
	err = x.walkPages(ctx, root["Pages"], pageAttrs{}, 0, visited, func(page pdfDict, attrs pageAttrs) error {
		x.pages++
		if x.pages > limits.MaxPages {
			return fmt.Errorf("%w: more than %d pages", ErrLimitExceeded, limits.MaxPages)
		}
		gs, err := x.pageGlyphs(page, attrs)
		if err != nil {
			return err
		}
		glyphs += len(gs)
		if x.pages > 1 {
			out.WriteString("\f")
		}
		layoutPage(&out, gs)
		if out.Len() > limits.MaxTextBytes {
			return fmt.Errorf("%w: more than %d bytes of text", ErrLimitExceeded, limits.MaxTextBytes)
		}
		return nil
	})
	if err != nil {
		return Document{}, err
	}
	if x.pages == 0 {
		return Document{}, fmt.Errorf("%w: no pages", ErrCorrupt)
	}
	text := dehyphenate(cleanText(out.String()))
	if strings.TrimSpace(strings.ReplaceAll(text, "\f", "")) == "" {
		return Document{Format: FormatPDF, Pages: x.pages}, ErrNoTextLayer
	}
	return Document{Format: FormatPDF, Text: text, Pages: x.pages}, nil
}

func (x *pdfExtractor) walkPages(ctx context.Context, node any, attrs pageAttrs, depth int, visited map[int]bool, visit func(pdfDict, pageAttrs) error) error {
	if depth > 32 {
		return fmt.Errorf("%w: page tree too deep", ErrCorrupt)
	}
	if ref, ok := node.(pdfRef); ok {
		if visited[ref.num] {
			return nil
		}
		visited[ref.num] = true
	}
	d := x.file.dict(node)
	if d == nil {
		return nil
	}
	if res := x.file.dict(d["Resources"]); res != nil {
		attrs.resources = res
	}
	kids, hasKids := x.file.resolve(d["Kids"]).(pdfArray)
	typ, _ := x.file.resolve(d["Type"]).(pdfName)
	if typ == "Page" || (!hasKids && d["Contents"] != nil) {
		if err := ctx.Err(); err != nil {
			return err
		}
		return visit(d, attrs)
	}
	for _, k := range kids {
		if err := x.walkPages(ctx, k, attrs, depth+1, visited, visit); err != nil {
			return err
		}
	}
	return nil
}

// pageGlyphs interprets the page's content streams.
func (x *pdfExtractor) pageGlyphs(page pdfDict, attrs pageAttrs) ([]pdfGlyph, error) {
	var content []byte
	switch c := x.file.resolve(page["Contents"]).(type) {
	case *pdfStream:
		data, err := x.file.decodeStream(c)
		if err != nil && len(data) == 0 {
			return nil, streamErr(err)
		}
		content = data
	case pdfArray:
		for _, part := range c {
			st, ok := x.file.resolve(part).(*pdfStream)
			if !ok {
				continue
			}
			data, err := x.file.decodeStream(st)
			if err != nil && len(data) == 0 {
				if e := streamErr(err); e != nil {
					return nil, e
				}
				continue
			}
			content = append(content, data...)
			content = append(content, '\n')
		}
	}
	in := &contentInterp{x: x, glyphs: x.glyphs[:0]}
	in.run(content, attrs.resources, identityMatrix, 0)
	x.glyphs = in.glyphs
	if in.err != nil {
		return nil, in.err
	}
	return in.glyphs, nil
}

// streamErr keeps limit errors and forgives damaged streams: a viewer shows
// the rest of the page, and so do we.
func streamErr(err error) error {
	if errors.Is(err, ErrLimitExceeded) {
		return err
	}
	return nil
}

// dehyphenate joins words broken across lines ("experi-\nence"), as
// pdftotext does; a hyphen before a capital or digit is kept.
func dehyphenate(s string) string {
	if !strings.Contains(s, "-\n") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '-' && i+2 < len(s) && s[i+1] == '\n' && i > 0 &&
			isLowerASCII(s[i-1]) && isLowerASCII(s[i+2]) {
			i++
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isLowerASCII(c byte) bool { return c >= 'a' && c <= 'z' }
