package resume

import "unicode/utf16"

// pdfCMap is a parsed CMap: the code space (how many bytes each code takes),
// code→Unicode (ToUnicode) and code→CID (embedded encodings).
type pdfCMap struct {
	spaces []codeSpace
	uni    map[uint64]string // key: length<<32 | code
	cid    []cidRange
}

type codeSpace struct {
	n      int
	lo, hi [4]byte
}

type cidRange struct {
	n       int
	lo, hi  uint32
	cidBase uint32
}

const maxCMapEntries = 1 << 17

func codeKey(code uint32, n int) uint64 { return uint64(n)<<32 | uint64(code) }

func bytesToCode(b []byte) uint32 {
	var v uint32
	for _, c := range b {
		v = v<<8 | uint32(c)
	}
	return v
}

// parseCMap reads the operators of a CMap program that matter for text.
func parseCMap(data []byte) *pdfCMap {
	cm := &pdfCMap{uni: map[uint64]string{}}
	l := &pdfLexer{b: data}
	var ops []any
	mode := ""
	entries := 0
	for l.pos < len(l.b) && entries < maxCMapEntries {
		v, err := l.object(0)
		if err != nil {
			continue
		}
		kw, isKw := v.(pdfKeyword)
		if !isKw {
			if mode != "" {
				ops = append(ops, v)
			}
			continue
		}
		switch kw {
		case "begincodespacerange", "beginbfchar", "beginbfrange", "begincidrange", "begincidchar":
			mode = string(kw)
			ops = ops[:0]
		case "endcodespacerange":
			for i := 0; i+1 < len(ops); i += 2 {
				lo, _ := ops[i].(pdfString)
				hi, _ := ops[i+1].(pdfString)
				if len(lo) == 0 || len(lo) > 4 || len(lo) != len(hi) {
					continue
				}
				cs := codeSpace{n: len(lo)}
				copy(cs.lo[:], lo)
				copy(cs.hi[:], hi)
				cm.spaces = append(cm.spaces, cs)
			}
			mode = ""
		case "endbfchar":
			for i := 0; i+1 < len(ops); i += 2 {
				src, _ := ops[i].(pdfString)
				if len(src) == 0 || len(src) > 4 {
					continue
				}
				cm.uni[codeKey(bytesToCode(src), len(src))] = utf16BytesToString(toUTF16Bytes(ops[i+1]))
				entries++
			}
			mode = ""
		case "endbfrange":
			for i := 0; i+2 < len(ops); i += 3 {
				lo, _ := ops[i].(pdfString)
				hi, _ := ops[i+1].(pdfString)
				if len(lo) == 0 || len(lo) > 4 || len(lo) != len(hi) {
					continue
				}
				a, b := bytesToCode(lo), bytesToCode(hi)
				if b < a || b-a > 0xFFFF {
					continue
				}
				switch dst := ops[i+2].(type) {
				case pdfString:
					base := []byte(dst)
					for c := a; c <= b && entries < maxCMapEntries; c++ {
						cm.uni[codeKey(c, len(lo))] = utf16BytesToString(incrementLast(base, c-a))
						entries++
					}
				case pdfArray:
					for k, d := range dst {
						if a+uint32(k) > b {
							break
						}
						cm.uni[codeKey(a+uint32(k), len(lo))] = utf16BytesToString(toUTF16Bytes(d))
						entries++
					}
				}
			}
			mode = ""
		case "endcidrange":
			for i := 0; i+2 < len(ops); i += 3 {
				lo, _ := ops[i].(pdfString)
				hi, _ := ops[i+1].(pdfString)
				base, _ := ops[i+2].(int64)
				if len(lo) == 0 || len(lo) > 4 || len(lo) != len(hi) || base < 0 {
					continue
				}
				cm.cid = append(cm.cid, cidRange{n: len(lo), lo: bytesToCode(lo), hi: bytesToCode(hi), cidBase: uint32(base)})
				entries++
			}
			mode = ""
		case "endcidchar":
			for i := 0; i+1 < len(ops); i += 2 {
				src, _ := ops[i].(pdfString)
				cid, _ := ops[i+1].(int64)
				if len(src) == 0 || len(src) > 4 || cid < 0 {
					continue
				}
				c := bytesToCode(src)
				cm.cid = append(cm.cid, cidRange{n: len(src), lo: c, hi: c, cidBase: uint32(cid)})
				entries++
			}
			mode = ""
		}
	}
	return cm
}

func toUTF16Bytes(v any) []byte {
	switch d := v.(type) {
	case pdfString:
		return d
	case pdfName:
		// Some producers write glyph names instead of strings.
		s := glyphToUnicode(string(d))
		u := utf16.Encode([]rune(s))
		out := make([]byte, 0, 2*len(u))
		for _, x := range u {
			out = append(out, byte(x>>8), byte(x))
		}
		return out
	}
	return nil
}

// incrementLast adds k to the last UTF-16 unit of base, as bfrange requires.
func incrementLast(base []byte, k uint32) []byte {
	out := append([]byte{}, base...)
	if len(out) == 0 {
		return out
	}
	if len(out) == 1 {
		out[0] += byte(k)
		return out
	}
	n := len(out)
	v := uint32(out[n-2])<<8 | uint32(out[n-1])
	v += k
	out[n-2], out[n-1] = byte(v>>8), byte(v)
	return out
}

func utf16BytesToString(b []byte) string {
	if len(b) == 1 {
		return string(rune(b[0]))
	}
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	rs := utf16.Decode(u)
	// Control characters and NULs in maps are noise, never text.
	out := rs[:0]
	for _, r := range rs {
		if r >= 0x20 || r == '\t' {
			out = append(out, r)
		}
	}
	return string(out)
}

// codeLen returns how many bytes the code starting at s takes.
func (cm *pdfCMap) codeLen(s []byte, def int) int {
	if cm == nil || len(cm.spaces) == 0 {
		return def
	}
	for n := 1; n <= 4 && n <= len(s); n++ {
		for _, sp := range cm.spaces {
			if sp.n != n {
				continue
			}
			ok := true
			for k := 0; k < n; k++ {
				if s[k] < sp.lo[k] || s[k] > sp.hi[k] {
					ok = false
					break
				}
			}
			if ok {
				return n
			}
		}
	}
	return def
}

func (cm *pdfCMap) cidOf(code uint32, n int) (uint32, bool) {
	for _, r := range cm.cid {
		if r.n == n && code >= r.lo && code <= r.hi {
			return r.cidBase + code - r.lo, true
		}
	}
	return 0, false
}
