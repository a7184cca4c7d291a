package resume

import (
	"context"
	"sort"
	"strings"
)

// docxRules: w:t holds text; paragraphs and table rows end lines, cells end
// with a tab; field codes, deleted text and the VML fallback copies of text
// boxes (mc:Fallback) are not visible text.
var docxRules = xmlRules{
	text:      set("t"),
	newlineAt: set("p", "tr"),
	tabAt:     set("tc"),
	emptyTab:  set("tab", "ptab"),
	emptyNL:   set("br", "cr"),
	skip:      set("instrText", "delText", "Fallback", "delInstrText"),
}

// extractDOCX reads headers, the body and footers (contact details often sit
// in the header) of a Word 2007+ document.
func extractDOCX(ctx context.Context, data []byte, limits Limits) (Document, error) {
	z, err := openSafeZip(data, limits)
	if err != nil {
		return Document{}, err
	}
	var headers, footers []string
	for _, name := range z.order {
		switch {
		case strings.HasPrefix(name, "word/header") && strings.HasSuffix(name, ".xml"):
			headers = append(headers, name)
		case strings.HasPrefix(name, "word/footer") && strings.HasSuffix(name, ".xml"):
			footers = append(footers, name)
		}
	}
	sort.Strings(headers)
	sort.Strings(footers)
	var out strings.Builder
	parts := append(append(headers, "word/document.xml"), footers...)
	for _, name := range parts {
		if err := ctx.Err(); err != nil {
			return Document{}, err
		}
		xmlData, err := z.read(name)
		if err != nil {
			return Document{}, err
		}
		if err := walkXML(xmlData, docxRules, limits.MaxXMLDepth, &out); err != nil {
			return Document{}, err
		}
		out.WriteByte('\n')
	}
	return Document{Text: cleanText(out.String())}, nil
}
