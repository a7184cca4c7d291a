package resume

import (
	"bytes"
	"strconv"
)

// pdfFont knows how to split a shown string into codes, what text each code
// stands for and how far it advances the pen.
type pdfFont struct {
	multiByte  bool
	encoding   *pdfCMap // Type0 embedded encoding (code space and CIDs)
	identity   bool     // Type0 Identity-H/V: CID == code
	toUnicode  *pdfCMap
	simple     [256]string // simple fonts: code → text by encoding
	firstChar  int
	widths     []float64 // simple fonts, glyph units
	cidWidths  map[uint32]float64
	defWidth   float64
	scale      float64 // glyph units → text space (1/1000 or Type3 FontMatrix)
	guessWidth bool    // no widths in the file: estimate
	cache      map[uint64]string
}

// loadFont builds a font from its dictionary. Only what text extraction needs
// is read; font programs are parsed only for the built-in encoding of
// embedded Type1 fonts that lack both /Encoding and /ToUnicode.
func (x *pdfExtractor) loadFont(v any) *pdfFont {
	if ref, ok := v.(pdfRef); ok {
		if f, ok := x.fonts[ref.num]; ok {
			return f
		}
		f := x.buildFont(x.file.dict(ref))
		x.fonts[ref.num] = f
		return f
	}
	return x.buildFont(x.file.dict(v))
}

func (x *pdfExtractor) buildFont(d pdfDict) *pdfFont {
	f := &pdfFont{scale: 0.001, defWidth: 1000, cache: map[uint64]string{}}
	if d == nil {
		f.guessWidth = true
		f.simple = winAnsiEncoding
		return f
	}
	file := x.file
	subtype, _ := file.resolve(d["Subtype"]).(pdfName)
	if tu, ok := file.resolve(d["ToUnicode"]).(*pdfStream); ok {
		if data, err := file.decodeStream(tu); err == nil {
			f.toUnicode = parseCMap(data)
		}
	}
	if subtype == "Type0" {
		f.multiByte = true
		switch enc := file.resolve(d["Encoding"]).(type) {
		case pdfName:
			f.identity = enc == "Identity-H" || enc == "Identity-V"
		case *pdfStream:
			if data, err := file.decodeStream(enc); err == nil {
				f.encoding = parseCMap(data)
			}
		}
		desc := file.array(d["DescendantFonts"])
		if len(desc) > 0 {
			cd := file.dict(desc[0])
			if dw, ok := file.number(cd["DW"]); ok {
				f.defWidth = dw
			}
			f.cidWidths = parseCIDWidths(file, file.array(cd["W"]))
		}
		return f
	}
	// Simple font: encoding, then widths.
	f.simple = baseEncodingFor(file, d, subtype)
	if enc := file.dict(d["Encoding"]); enc != nil {
		if base, ok := file.resolve(enc["BaseEncoding"]).(pdfName); ok {
			f.simple = namedEncoding(base, f.simple)
		}
		applyDifferences(&f.simple, file.array(enc["Differences"]))
	} else if name, ok := file.resolve(d["Encoding"]).(pdfName); ok {
		f.simple = namedEncoding(name, f.simple)
	}
	if fc, ok := file.number(d["FirstChar"]); ok {
		f.firstChar = int(fc)
	}
	ws := file.array(d["Widths"])
	f.widths = make([]float64, len(ws))
	for i, w := range ws {
		f.widths[i], _ = file.number(w)
	}
	if len(ws) == 0 {
		f.guessWidth = true
	}
	f.defWidth = 0
	if fd := file.dict(d["FontDescriptor"]); fd != nil {
		if mw, ok := file.number(fd["MissingWidth"]); ok {
			f.defWidth = mw
		}
	}
	if subtype == "Type3" {
		if m := file.array(d["FontMatrix"]); len(m) >= 1 {
			if a, ok := file.number(m[0]); ok {
				f.scale = a
			}
		}
	}
	return f
}

// baseEncodingFor picks the encoding a simple font uses when /Encoding does
// not name one: embedded Type1 fonts carry their own, TrueType fonts are
// usually WinAnsi in practice.
func baseEncodingFor(file *pdfFile, d pdfDict, subtype pdfName) [256]string {
	if subtype == "Type1" || subtype == "MMType1" {
		if fd := file.dict(d["FontDescriptor"]); fd != nil {
			if ff, ok := file.resolve(fd["FontFile"]).(*pdfStream); ok {
				if enc, ok := type1BuiltinEncoding(file, ff); ok {
					return enc
				}
			}
		}
		return standardEncoding
	}
	return winAnsiEncoding
}

func namedEncoding(name pdfName, def [256]string) [256]string {
	switch name {
	case "WinAnsiEncoding":
		return winAnsiEncoding
	case "MacRomanEncoding":
		return macRomanEncoding
	case "StandardEncoding":
		return standardEncoding
	}
	return def
}

func applyDifferences(enc *[256]string, diffs pdfArray) {
	code := 0
	for _, v := range diffs {
		switch t := v.(type) {
		case int64:
			code = int(t)
		case float64:
			code = int(t)
		case pdfName:
			if code >= 0 && code < 256 {
				enc[code] = glyphToUnicode(string(t))
			}
			code++
		}
	}
}

// type1BuiltinEncoding reads "dup <code> /<name> put" from the clear-text
// part of an embedded Type1 font program (TeX fonts rely on it).
func type1BuiltinEncoding(file *pdfFile, ff *pdfStream) ([256]string, bool) {
	var enc [256]string
	data, err := file.decodeStream(ff)
	if err != nil {
		return enc, false
	}
	if n, ok := pdfInt(file.resolve(ff.dict["Length1"])); ok && n > 0 && int(n) < len(data) {
		data = data[:n]
	}
	if bytes.Contains(data, []byte("/Encoding StandardEncoding")) {
		return standardEncoding, true
	}
	i := bytes.Index(data, []byte("/Encoding"))
	if i < 0 {
		return enc, false
	}
	data = data[i:]
	if j := bytes.Index(data, []byte("readonly def")); j > 0 {
		data = data[:j]
	}
	found := false
	for {
		k := bytes.Index(data, []byte("dup "))
		if k < 0 {
			break
		}
		data = data[k+4:]
		sp := bytes.IndexByte(data, ' ')
		if sp < 0 {
			break
		}
		code, err := strconv.Atoi(string(data[:sp]))
		rest := data[sp+1:]
		if err != nil || code < 0 || code > 255 || len(rest) == 0 || rest[0] != '/' {
			continue
		}
		end := bytes.IndexAny(rest, " \r\n")
		if end < 0 {
			break
		}
		enc[code] = glyphToUnicode(string(rest[1:end]))
		found = true
	}
	return enc, found
}

func parseCIDWidths(file *pdfFile, w pdfArray) map[uint32]float64 {
	m := map[uint32]float64{}
	for i := 0; i < len(w) && len(m) < maxCMapEntries; {
		first, ok := pdfInt(file.resolve(w[i]))
		if !ok || i+1 >= len(w) {
			break
		}
		if arr, ok := file.resolve(w[i+1]).(pdfArray); ok {
			for k, v := range arr {
				wv, _ := file.number(v)
				m[uint32(first)+uint32(k)] = wv
			}
			i += 2
			continue
		}
		if i+2 >= len(w) {
			break
		}
		last, _ := pdfInt(file.resolve(w[i+1]))
		wv, _ := file.number(w[i+2])
		if last-first > 0xFFFF {
			last = first + 0xFFFF
		}
		for c := first; c <= last; c++ {
			m[uint32(c)] = wv
		}
		i += 3
	}
	return m
}

// next decodes the code at the start of s: its byte length, text and advance
// width in text-space units (before font size).
func (f *pdfFont) next(s []byte) (n int, code uint32, text string, width float64) {
	n = 1
	if f.multiByte {
		def := 2
		switch {
		case f.encoding != nil:
			n = f.encoding.codeLen(s, def)
		case f.toUnicode != nil && !f.identity && len(f.toUnicode.spaces) > 0:
			n = f.toUnicode.codeLen(s, def)
		default:
			n = def
		}
	}
	if n > len(s) {
		n = len(s)
	}
	code = bytesToCode(s[:n])
	key := codeKey(code, n)
	text, cached := f.cache[key]
	if !cached {
		text = f.lookupText(code, n)
		f.cache[key] = text
	}
	return n, code, text, f.width(code, n, text) * f.scale
}

func (f *pdfFont) lookupText(code uint32, n int) string {
	if f.toUnicode != nil {
		if s, ok := f.toUnicode.uni[codeKey(code, n)]; ok {
			return s
		}
	}
	if !f.multiByte && code < 256 {
		if s := f.simple[code]; s != "" {
			return s
		}
		if code >= 0x20 && code < 0x7f {
			return string(rune(code))
		}
	}
	return ""
}

func (f *pdfFont) width(code uint32, n int, text string) float64 {
	if f.multiByte {
		cid := code
		if f.encoding != nil {
			if c, ok := f.encoding.cidOf(code, n); ok {
				cid = c
			}
		}
		if w, ok := f.cidWidths[cid]; ok {
			return w
		}
		return f.defWidth
	}
	if f.guessWidth {
		return guessGlyphWidth(text)
	}
	i := int(code) - f.firstChar
	if i >= 0 && i < len(f.widths) {
		return f.widths[i]
	}
	return f.defWidth
}

// guessGlyphWidth approximates Helvetica-like widths for the standard 14
// fonts, which files may use without /Widths.
func guessGlyphWidth(text string) float64 {
	if text == "" {
		return 500
	}
	c := text[0]
	switch {
	case c == ' ':
		return 278
	case c == 'i' || c == 'l' || c == 'j' || c == '.' || c == ',' || c == '\'' || c == '|' || c == 'I':
		return 240
	case c == 'm' || c == 'w' || c == 'M' || c == 'W':
		return 833
	case c >= 'A' && c <= 'Z':
		return 667
	}
	return 540
}
