package resume

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
)

// maxObjectDepth bounds nested arrays/dictionaries so a hostile file cannot
// exhaust the stack.
const maxObjectDepth = 64

var errPDFSyntax = errors.New("pdf syntax error")

// pdfLexer reads PDF tokens and direct objects from a byte slice.
type pdfLexer struct {
	b   []byte
	pos int
}

func isPDFSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isPDFDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// skipSpace skips white space and comments.
func (l *pdfLexer) skipSpace() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		if isPDFSpace(c) {
			l.pos++
			continue
		}
		if c == '%' {
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
			continue
		}
		return
	}
}

// regular reads a run of regular characters (a keyword or number).
func (l *pdfLexer) regular() []byte {
	start := l.pos
	for l.pos < len(l.b) && !isPDFSpace(l.b[l.pos]) && !isPDFDelim(l.b[l.pos]) {
		l.pos++
	}
	return l.b[start:l.pos]
}

// object reads one direct object; indirect references "n g R" are
// recognised. A bare keyword is returned as pdfKeyword.
func (l *pdfLexer) object(depth int) (any, error) {
	if depth > maxObjectDepth {
		return nil, fmt.Errorf("%w: nesting deeper than %d", errPDFSyntax, maxObjectDepth)
	}
	l.skipSpace()
	if l.pos >= len(l.b) {
		return nil, fmt.Errorf("%w: unexpected end of data", errPDFSyntax)
	}
	switch c := l.b[l.pos]; c {
	case '/':
		l.pos++
		return pdfName(l.name()), nil
	case '(':
		l.pos++
		return pdfString(l.literalString()), nil
	case '<':
		if l.pos+1 < len(l.b) && l.b[l.pos+1] == '<' {
			l.pos += 2
			return l.dict(depth)
		}
		l.pos++
		return pdfString(l.hexString()), nil
	case '[':
		l.pos++
		var arr pdfArray
		for {
			l.skipSpace()
			if l.pos >= len(l.b) {
				return arr, fmt.Errorf("%w: unterminated array", errPDFSyntax)
			}
			if l.b[l.pos] == ']' {
				l.pos++
				return arr, nil
			}
			v, err := l.object(depth + 1)
			if err != nil {
				return arr, err
			}
			if kw, ok := v.(pdfKeyword); ok && kw == "R" && len(arr) >= 2 {
				if ref, ok := makeRef(arr[len(arr)-2], arr[len(arr)-1]); ok {
					arr = append(arr[:len(arr)-2], ref)
					continue
				}
			}
			arr = append(arr, v)
		}
	case ']', '>', ')', '}', '{':
		l.pos++
		return pdfKeyword(string(c)), nil
	}
	tok := l.regular()
	if len(tok) == 0 {
		l.pos++
		return nil, fmt.Errorf("%w: unexpected byte", errPDFSyntax)
	}
	if n, ok := parseNumber(tok); ok {
		return n, nil
	}
	switch string(tok) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	case "null":
		return nil, nil
	}
	return pdfKeyword(tok), nil
}

// pdfKeyword is a bare token such as obj, R, stream or a content operator.
type pdfKeyword string

func makeRef(a, b any) (pdfRef, bool) {
	n, ok1 := a.(int64)
	g, ok2 := b.(int64)
	if !ok1 || !ok2 || n < 0 || n > 1<<24 || g < 0 || g > 65535 {
		return pdfRef{}, false
	}
	return pdfRef{int(n), int(g)}, true
}

func (l *pdfLexer) dict(depth int) (pdfDict, error) {
	d := pdfDict{}
	var stack []any
	for {
		l.skipSpace()
		if l.pos >= len(l.b) {
			return d, fmt.Errorf("%w: unterminated dictionary", errPDFSyntax)
		}
		if l.b[l.pos] == '>' {
			if l.pos+1 < len(l.b) && l.b[l.pos+1] == '>' {
				l.pos += 2
			} else {
				l.pos++
			}
			flushDictStack(d, stack)
			return d, nil
		}
		v, err := l.object(depth + 1)
		if err != nil {
			flushDictStack(d, stack)
			return d, err
		}
		if kw, ok := v.(pdfKeyword); ok {
			if kw == "R" && len(stack) >= 2 {
				if ref, ok := makeRef(stack[len(stack)-2], stack[len(stack)-1]); ok {
					stack = append(stack[:len(stack)-2], ref)
					continue
				}
			}
			if kw == "endobj" || kw == "stream" {
				return d, fmt.Errorf("%w: unterminated dictionary", errPDFSyntax)
			}
		}
		stack = append(stack, v)
	}
}

// flushDictStack pairs names with the values after them; a stray value is
// dropped rather than failing the whole dictionary.
func flushDictStack(d pdfDict, stack []any) {
	for i := 0; i < len(stack); i++ {
		k, ok := stack[i].(pdfName)
		if !ok {
			continue
		}
		if i+1 < len(stack) {
			d[k] = stack[i+1]
			i++
		}
	}
}

func (l *pdfLexer) name() string {
	start := l.pos
	hasHash := false
	for l.pos < len(l.b) && !isPDFSpace(l.b[l.pos]) && !isPDFDelim(l.b[l.pos]) {
		if l.b[l.pos] == '#' {
			hasHash = true
		}
		l.pos++
	}
	raw := l.b[start:l.pos]
	if !hasHash {
		return string(raw)
	}
	out := make([]byte, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		if raw[i] == '#' && i+2 < len(raw) {
			if v, err := strconv.ParseUint(string(raw[i+1:i+3]), 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, raw[i])
	}
	return string(out)
}

func (l *pdfLexer) literalString() []byte {
	var out []byte
	depth := 1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return out
			}
		case '\\':
			if l.pos >= len(l.b) {
				return out
			}
			e := l.b[l.pos]
			l.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if l.pos < len(l.b) && l.b[l.pos] == '\n' {
					l.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '7'; k++ {
						v = v*8 + int(l.b[l.pos]-'0')
						l.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		out = append(out, c)
	}
	return out
}

func (l *pdfLexer) hexString() []byte {
	var out []byte
	var cur byte
	half := false
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		var v byte
		switch {
		case c == '>':
			if half {
				out = append(out, cur<<4)
			}
			return out
		case c >= '0' && c <= '9':
			v = c - '0'
		case c >= 'a' && c <= 'f':
			v = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			v = c - 'A' + 10
		default:
			continue
		}
		if half {
			out = append(out, cur<<4|v)
			half = false
		} else {
			cur = v
			half = true
		}
	}
	return out
}

// parseNumber parses PDF integers and reals ("12", "-3", ".5", "4.").
func parseNumber(tok []byte) (any, bool) {
	n, f, isInt, ok := number(tok)
	switch {
	case !ok:
		return nil, false
	case isInt:
		return n, true
	}
	return f, true
}

// number is parseNumber without boxing the result: content streams are
// mostly numbers, and an interface value per operand was a large share of
// extraction's allocations.
func number(tok []byte) (n int64, f float64, isInt, ok bool) {
	if len(tok) == 0 || len(tok) > 32 {
		return 0, 0, false, false
	}
	c := tok[0]
	if !(c >= '0' && c <= '9') && c != '-' && c != '+' && c != '.' {
		return 0, 0, false, false
	}
	isInt = true
	neg := false
	for i, c := range tok {
		switch {
		case c >= '0' && c <= '9':
			n = n*10 + int64(c-'0')
		case (c == '-' || c == '+') && i == 0:
			neg = c == '-'
		case c == '.':
			isInt = false
		case c == '-' && i > 0:
			// "0.00-1" style garbage seen in real files: stop here.
			tok = tok[:i]
			isInt = isInt && !bytes.Contains(tok, []byte("."))
		default:
			return 0, 0, false, false
		}
		if c == '-' && i > 0 {
			break
		}
	}
	if isInt {
		if len(tok) > 18 {
			return 0, 0, false, false
		}
		if neg {
			n = -n
		}
		return n, float64(n), true, true
	}
	f, err := strconv.ParseFloat(string(bytes.TrimRight(tok, ".")), 64)
	if err != nil {
		if len(tok) == 1 {
			return 0, 0, true, true
		}
		return 0, 0, false, false
	}
	return 0, f, false, true
}
