package resume

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// xmlRules tells walkXML what an element means for text: which local names
// end a paragraph or cell, which insert a tab or break, and which subtrees
// hold no visible text.
type xmlRules struct {
	text      map[string]bool // character data inside these is kept
	newlineAt map[string]bool // end of element → newline
	tabAt     map[string]bool // end of element → tab
	emptyTab  map[string]bool // the element itself is a tab
	emptyNL   map[string]bool // the element itself is a line break
	skip      map[string]bool // ignore the subtree
	spaces    string          // ODF <text:s c="n"/>
}

// walkXML streams an XML part into text. encoding/xml never expands
// DTD-declared entities, so entity bombs stay inert; nesting depth is capped.
func walkXML(data []byte, rules xmlRules, maxDepth int, out *strings.Builder) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	d.Entity = xml.HTMLEntity
	depth, skipDepth, inText := 0, 0, 0
	for {
		tok, err := d.RawToken()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%w: xml: %v", ErrCorrupt, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > maxDepth {
				return fmt.Errorf("%w: XML nested deeper than %d", ErrLimitExceeded, maxDepth)
			}
			name := t.Name.Local
			if skipDepth > 0 {
				continue
			}
			switch {
			case rules.skip[name]:
				skipDepth = depth
			case rules.text[name]:
				inText++
			case rules.emptyTab[name]:
				out.WriteByte('\t')
			case rules.emptyNL[name]:
				out.WriteByte('\n')
			case name == rules.spaces:
				n := 1
				for _, a := range t.Attr {
					if a.Name.Local == "c" {
						n, _ = strconv.Atoi(a.Value)
					}
				}
				out.WriteString(strings.Repeat(" ", max(1, min(n, 64))))
			}
		case xml.EndElement:
			name := t.Name.Local
			if skipDepth > 0 {
				if depth == skipDepth {
					skipDepth = 0
				}
				depth--
				continue
			}
			depth--
			if rules.text[name] && inText > 0 {
				inText--
			}
			switch {
			case rules.newlineAt[name]:
				out.WriteByte('\n')
			case rules.tabAt[name]:
				out.WriteByte('\t')
			}
		case xml.CharData:
			if skipDepth == 0 && inText > 0 {
				out.Write(t)
			}
		}
	}
}

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}
