package resume

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

var (
	htmlSkip  = set("script", "style", "head", "noscript", "template", "svg", "iframe", "object")
	htmlBlock = set("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
		"header", "footer", "ul", "ol", "table", "dt", "dd", "hr", "address", "blockquote", "pre", "title")
	htmlCell = set("td", "th")
)

// extractHTML tokenizes (never renders or fetches) an HTML resume.
func extractHTML(ctx context.Context, data []byte, limits Limits) (Document, error) {
	r, err := charset.NewReader(bytes.NewReader(data), "text/html")
	if err != nil {
		return Document{}, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	z := html.NewTokenizer(io.LimitReader(r, limits.MaxUncompressedBytes))
	z.SetMaxBuf(1 << 20)
	var out strings.Builder
	var stack []string
	skip := 0
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return Document{}, err
			}
		}
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if errors.Is(z.Err(), io.EOF) {
				return Document{Text: cleanText(out.String())}, nil
			}
			return Document{}, fmt.Errorf("%w: html: %v", ErrCorrupt, z.Err())
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if htmlBlock[tag] {
				out.WriteByte('\n')
			}
			if tt == html.SelfClosingTagToken || htmlVoid[tag] {
				continue
			}
			// <p>, <li>, <td>… need no end tag: a new one closes the open
			// one, so a page of unclosed paragraphs is not a deep tree.
			if htmlImplicitEnd[tag] {
				stack, skip = popTo(stack, skip, tag)
			}
			if len(stack) >= limits.MaxXMLDepth {
				return Document{}, fmt.Errorf("%w: HTML nested deeper than %d", ErrLimitExceeded, limits.MaxXMLDepth)
			}
			stack = append(stack, tag)
			if htmlSkip[tag] {
				skip++
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			// Pop to the matching open tag; unmatched end tags are ignored.
			stack, skip = popTo(stack, skip, tag)
			if htmlBlock[tag] {
				out.WriteByte('\n')
			} else if htmlCell[tag] {
				out.WriteByte('\t')
			}
		case html.TextToken:
			if skip == 0 {
				out.Write(bytes.Join(bytes.Fields(z.Text()), []byte(" ")))
				out.WriteByte(' ')
			}
		}
	}
}

// popTo closes the innermost open tag and every tag opened inside it,
// keeping the count of open skipped elements; without one open, nothing.
func popTo(stack []string, skip int, tag string) ([]string, int) {
	i := len(stack) - 1
	for i >= 0 && stack[i] != tag {
		i--
	}
	if i < 0 {
		return stack, skip
	}
	for _, t := range stack[i:] {
		if htmlSkip[t] {
			skip--
		}
	}
	return stack[:i], skip
}

// htmlVoid elements never have content or an end tag.
var htmlVoid = set("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr")

// htmlImplicitEnd elements end where the next one of their kind starts.
var htmlImplicitEnd = set("p", "li", "dt", "dd", "tr", "td", "th", "option")
