package resume

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// rtfSkipDestinations hold no body text (fonts, styles, pictures, metadata).
var rtfSkipDestinations = set("fonttbl", "colortbl", "stylesheet", "info", "pict", "object", "themedata",
	"colorschememapping", "latentstyles", "datastore", "xmlnstbl", "listtable", "listoverridetable",
	"rsidtbl", "generator", "filetbl", "revtbl", "fldinst", "bkmkstart", "bkmkend", "datafield", "shppict", "nonshppict")

const maxRTFDepth = 512

// extractRTF is a small RTF reader: groups, control words, \'hh bytes in the
// document code page and \uN Unicode escapes.
func extractRTF(ctx context.Context, data []byte, limits Limits) (Document, error) {
	type group struct {
		skip bool
		uc   int
	}
	depthLimit := min(maxRTFDepth, limits.MaxXMLDepth*2)
	stack := []group{{uc: 1}}
	var out strings.Builder
	cp := charmap.Windows1252
	pendingSkip := 0 // bytes to drop after \uN
	for i := 0; i < len(data); {
		if i%65536 == 0 {
			if err := ctx.Err(); err != nil {
				return Document{}, err
			}
		}
		cur := &stack[len(stack)-1]
		c := data[i]
		switch c {
		case '{':
			if len(stack) >= depthLimit {
				return Document{}, fmt.Errorf("%w: RTF groups nested deeper than %d", ErrLimitExceeded, depthLimit)
			}
			stack = append(stack, *cur)
			i++
			continue
		case '}':
			if len(stack) > 1 {
				stack = stack[:len(stack)-1]
			}
			i++
			continue
		case '\r', '\n':
			i++
			continue
		case '\\':
			i++
			if i >= len(data) {
				break
			}
			c2 := data[i]
			switch {
			case c2 == '\'':
				if i+2 < len(data) {
					v, err := strconv.ParseUint(string(data[i+1:i+3]), 16, 8)
					i += 3
					if pendingSkip > 0 {
						pendingSkip--
						continue
					}
					if err == nil && !cur.skip {
						out.WriteRune(cp.DecodeByte(byte(v)))
					}
					continue
				}
				i++
			case c2 == '*':
				cur.skip = true
				i++
			case c2 == '\\' || c2 == '{' || c2 == '}':
				if !cur.skip {
					out.WriteByte(c2)
				}
				i++
			case c2 == '~':
				if !cur.skip {
					out.WriteByte(' ')
				}
				i++
			case c2 == '-':
				i++
			case c2 == '_':
				if !cur.skip {
					out.WriteByte('-')
				}
				i++
			case c2 == '\n' || c2 == '\r':
				if !cur.skip {
					out.WriteByte('\n')
				}
				i++
			case isASCIILetter(c2):
				j := i
				for j < len(data) && isASCIILetter(data[j]) && j-i < 32 {
					j++
				}
				word := string(data[i:j])
				k := j
				if k < len(data) && (data[k] == '-' || (data[k] >= '0' && data[k] <= '9')) {
					k++
					for k < len(data) && data[k] >= '0' && data[k] <= '9' && k-j < 12 {
						k++
					}
				}
				param, hasParam := 0, k > j
				if hasParam {
					param, _ = strconv.Atoi(string(data[j:k]))
				}
				if k < len(data) && data[k] == ' ' {
					k++
				}
				i = k
				switch word {
				case "par", "line", "row", "sect", "page":
					if !cur.skip {
						out.WriteByte('\n')
					}
				case "tab", "cell":
					if !cur.skip {
						out.WriteByte('\t')
					}
				case "uc":
					cur.uc = max(0, min(param, 8))
				case "u":
					if !cur.skip {
						if param < 0 {
							param += 65536
						}
						out.WriteRune(rune(param))
					}
					pendingSkip = cur.uc
				case "ansicpg":
					if m := codePage(param); m != nil {
						cp = m
					}
				case "emdash":
					out.WriteString("—")
				case "endash":
					out.WriteString("–")
				case "bullet":
					out.WriteString("•")
				case "lquote", "rquote":
					out.WriteString("'")
				case "ldblquote", "rdblquote":
					out.WriteString("\"")
				default:
					if rtfSkipDestinations[word] {
						cur.skip = true
					}
				}
			default:
				i++
			}
			continue
		}
		if pendingSkip > 0 {
			pendingSkip--
			i++
			continue
		}
		if !cur.skip {
			out.WriteByte(c)
		}
		i++
	}
	// Bytes ≥ 0x80 outside escapes are rare; keep the text valid UTF-8.
	return Document{Text: cleanText(out.String())}, nil
}

func isASCIILetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

func codePage(n int) *charmap.Charmap {
	switch n {
	case 1250:
		return charmap.Windows1250
	case 1251:
		return charmap.Windows1251
	case 1252:
		return charmap.Windows1252
	case 1253:
		return charmap.Windows1253
	case 1254:
		return charmap.Windows1254
	case 1257:
		return charmap.Windows1257
	}
	return nil
}
