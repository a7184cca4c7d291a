package resume

import (
	"fmt"
	"math"
)

type matrix [6]float64

var identityMatrix = matrix{1, 0, 0, 1, 0, 0}

// mul returns m × n (apply m first, then n), as PDF concatenation does.
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

// pdfGlyph is one shown character, in a frame rotated so that its text runs
// left to right: x grows along the line, y grows up the page.
type pdfGlyph struct {
	x, y, w, size float64
	text          string
	dir           int8
	space         bool
}

type textState struct {
	ctm                                    matrix
	font                                   *pdfFont
	fontSize, charSpace, wordSpace, hscale float64
	leading, rise                          float64
}

// operand is one operand of a content operator: a number, unboxed (num),
// or any other object (v; num is then 0, as PDF readers take it).
type operand struct {
	num float64
	v   any
}

type contentInterp struct {
	x      *pdfExtractor
	glyphs []pdfGlyph
	err    error
}

const maxFormDepth = 8

// run interprets one content stream with its resources.
func (in *contentInterp) run(content []byte, res pdfDict, ctm matrix, depth int) {
	file := in.x.file
	fontsDict := file.dict(res["Font"])
	xobjects := file.dict(res["XObject"])
	gs := textState{ctm: ctm, hscale: 1}
	var stack []textState
	var tm, tlm matrix
	l := &pdfLexer{b: content}
	// Operands: numbers and operators, most of a stream, are read here
	// without boxing; names, strings and arrays go through the lexer.
	var ops []operand
	push := func(o operand) {
		if len(ops) < 64 {
			ops = append(ops, o)
		}
	}
	var kwBuf []byte
	for {
		l.skipSpace()
		if l.pos >= len(l.b) || in.err != nil {
			return
		}
		var op []byte
		if !isPDFDelim(l.b[l.pos]) {
			op = l.regular()
			if _, f, _, ok := number(op); ok {
				push(operand{num: f})
				continue
			}
			switch string(op) {
			case "true", "false", "null":
				push(operand{})
				continue
			}
		} else {
			v, err := l.object(0)
			if err != nil {
				ops = ops[:0]
				continue
			}
			kw, isOp := v.(pdfKeyword)
			if !isOp {
				push(operand{v: v})
				continue
			}
			kwBuf = append(kwBuf[:0], kw...)
			op = kwBuf
		}
		in.x.ops++
		if in.x.ops > maxContentOps {
			in.err = fmt.Errorf("%w: content streams too long", ErrLimitExceeded)
			return
		}
		num := func(i int) float64 {
			if i < len(ops) {
				return ops[i].num
			}
			return 0
		}
		switch string(op) {
		case "q":
			if len(stack) < 256 {
				stack = append(stack, gs)
			}
		case "Q":
			if n := len(stack); n > 0 {
				gs = stack[n-1]
				stack = stack[:n-1]
			}
		case "cm":
			if len(ops) >= 6 {
				gs.ctm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}.mul(gs.ctm)
			}
		case "BT":
			tm, tlm = identityMatrix, identityMatrix
		case "Tf":
			if len(ops) >= 2 {
				if name, ok := ops[0].v.(pdfName); ok && fontsDict != nil {
					gs.font = in.x.loadFont(fontsDict[name])
				}
				gs.fontSize = num(1)
			}
		case "Tc":
			gs.charSpace = num(0)
		case "Tw":
			gs.wordSpace = num(0)
		case "Tz":
			gs.hscale = num(0) / 100
		case "TL":
			gs.leading = num(0)
		case "Ts":
			gs.rise = num(0)
		case "Td":
			tlm = matrix{1, 0, 0, 1, num(0), num(1)}.mul(tlm)
			tm = tlm
		case "TD":
			gs.leading = -num(1)
			tlm = matrix{1, 0, 0, 1, num(0), num(1)}.mul(tlm)
			tm = tlm
		case "Tm":
			if len(ops) >= 6 {
				tlm = matrix{num(0), num(1), num(2), num(3), num(4), num(5)}
				tm = tlm
			}
		case "T*":
			tlm = matrix{1, 0, 0, 1, 0, -gs.leading}.mul(tlm)
			tm = tlm
		case "Tj":
			if len(ops) >= 1 {
				s, _ := ops[0].v.(pdfString)
				in.show(&gs, &tm, s)
			}
		case "'":
			tlm = matrix{1, 0, 0, 1, 0, -gs.leading}.mul(tlm)
			tm = tlm
			if len(ops) >= 1 {
				s, _ := ops[len(ops)-1].v.(pdfString)
				in.show(&gs, &tm, s)
			}
		case "\"":
			if len(ops) >= 3 {
				gs.wordSpace, gs.charSpace = num(0), num(1)
				tlm = matrix{1, 0, 0, 1, 0, -gs.leading}.mul(tlm)
				tm = tlm
				s, _ := ops[2].v.(pdfString)
				in.show(&gs, &tm, s)
			}
		case "TJ":
			if len(ops) >= 1 {
				arr, _ := ops[0].v.(pdfArray)
				for _, e := range arr {
					switch t := e.(type) {
					case pdfString:
						in.show(&gs, &tm, t)
					case int64, float64:
						adj, _ := pdfNumber(t)
						tx := -adj / 1000 * gs.fontSize * gs.hscale
						tm = matrix{1, 0, 0, 1, tx, 0}.mul(tm)
					}
				}
			}
		case "Do":
			if len(ops) >= 1 && depth < maxFormDepth && xobjects != nil {
				if name, ok := ops[0].v.(pdfName); ok {
					in.form(xobjects[name], res, gs.ctm, depth)
				}
			}
		case "BI":
			skipInlineImage(l)
		}
		ops = ops[:0]
	}
}

// form runs a Form XObject with its own matrix and resources.
func (in *contentInterp) form(v any, parentRes pdfDict, ctm matrix, depth int) {
	file := in.x.file
	st, ok := file.resolve(v).(*pdfStream)
	if !ok {
		return
	}
	if sub, _ := file.resolve(st.dict["Subtype"]).(pdfName); sub != "Form" {
		return
	}
	data, err := file.decodeStream(st)
	if err != nil {
		if e := streamErr(err); e != nil {
			in.err = e
		}
		if len(data) == 0 {
			return
		}
	}
	res := file.dict(st.dict["Resources"])
	if res == nil {
		res = parentRes
	}
	if m := file.array(st.dict["Matrix"]); len(m) == 6 {
		var fm matrix
		for i := range fm {
			fm[i], _ = file.number(m[i])
		}
		ctm = fm.mul(ctm)
	}
	in.run(data, res, ctm, depth+1)
}

// show emits the glyphs of one string and advances the text matrix.
func (in *contentInterp) show(gs *textState, tm *matrix, s []byte) {
	f := gs.font
	if f == nil {
		f = in.x.loadFont(nil)
		gs.font = f
	}
	fs := gs.fontSize
	for len(s) > 0 {
		n, code, text, w := f.next(s)
		s = s[n:]
		trm := matrix{fs * gs.hscale, 0, 0, fs, 0, gs.rise}.mul(*tm).mul(gs.ctm)
		tx := w*fs + gs.charSpace
		if n == 1 && code == 32 && !f.multiByte {
			tx += gs.wordSpace
		}
		tx *= gs.hscale
		m := tm.mul(gs.ctm)
		if text != "" && len(in.glyphs) < 500_000 {
			in.glyphs = append(in.glyphs, makeGlyph(trm, m, tx, text))
		}
		*tm = matrix{1, 0, 0, 1, tx, 0}.mul(*tm)
	}
}

func makeGlyph(trm, m matrix, tx float64, text string) pdfGlyph {
	x, y := trm[4], trm[5]
	size := math.Hypot(trm[2], trm[3])
	if size == 0 {
		size = math.Hypot(trm[0], trm[1])
	}
	// Advance vector in device space.
	dx, dy := tx*m[0], tx*m[1]
	g := pdfGlyph{size: size, text: text}
	a, b := trm[0], trm[1]
	switch {
	case math.Abs(a) >= math.Abs(b) && a >= 0:
		g.dir, g.x, g.y, g.w = 0, x, y, dx
	case math.Abs(a) >= math.Abs(b):
		g.dir, g.x, g.y, g.w = 2, -x, -y, -dx
	case b > 0:
		g.dir, g.x, g.y, g.w = 1, y, -x, dy
	default:
		g.dir, g.x, g.y, g.w = 3, -y, x, -dy
	}
	g.space = isSpaceText(text)
	return g
}

func isSpaceText(s string) bool {
	for _, r := range s {
		if r != ' ' && r != '\u00a0' && r != '\t' && r != '\u2002' && r != '\u2003' && r != '\u2009' {
			return false
		}
	}
	return true
}

// skipInlineImage moves past "ID … EI" so image bytes are not read as
// operators.
func skipInlineImage(l *pdfLexer) {
	for l.pos < len(l.b) {
		l.skipSpace()
		v, err := l.object(0)
		if err != nil {
			continue
		}
		if kw, ok := v.(pdfKeyword); ok && kw == "ID" {
			break
		}
	}
	if l.pos < len(l.b) {
		l.pos++
	}
	for l.pos+2 <= len(l.b) {
		if l.b[l.pos] == 'E' && l.b[l.pos+1] == 'I' && (l.pos == 0 || isPDFSpace(l.b[l.pos-1])) &&
			(l.pos+2 == len(l.b) || isPDFSpace(l.b[l.pos+2])) {
			l.pos += 2
			return
		}
		l.pos++
	}
}
