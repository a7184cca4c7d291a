package resume

import (
	"context"
	"strings"
)

// odtRules: in ODF, character data sits directly in text:p/text:h and
// their spans, so the paragraph elements themselves are the text holders.
var odtRules = xmlRules{
	text:      set("p", "h"),
	newlineAt: set("p", "h", "table-row"),
	tabAt:     set("table-cell"),
	emptyTab:  set("tab"),
	emptyNL:   set("line-break"),
	skip:      set("tracked-changes", "note-citation", "annotation"),
	spaces:    "s",
}

// extractODT reads an OpenDocument text file's content.xml.
func extractODT(ctx context.Context, data []byte, limits Limits) (Document, error) {
	z, err := openSafeZip(data, limits)
	if err != nil {
		return Document{}, err
	}
	if err := ctx.Err(); err != nil {
		return Document{}, err
	}
	xmlData, err := z.read("content.xml")
	if err != nil {
		return Document{}, err
	}
	var out strings.Builder
	if err := walkXML(xmlData, odtRules, limits.MaxXMLDepth, &out); err != nil {
		return Document{}, err
	}
	return Document{Text: cleanText(out.String())}, nil
}
