package resume

import (
	"bytes"
	"fmt"
	"strconv"
)

// pdfFile resolves indirect objects of one PDF lazily: only the objects the
// text layer needs (catalog, pages, content streams, fonts) are ever parsed,
// which keeps extraction fast and image data untouched.
type pdfFile struct {
	data    []byte
	xref    map[int]xrefEntry
	trailer pdfDict
	cache   map[int]any
	objStms map[int]*objStm
	budget  *inflateBudget
	rebuilt bool
	active  map[int]bool // objects being resolved, to break reference loops
}

type xrefEntry struct {
	offset int64 // byte offset, or index within the object stream
	stream int   // object stream number; 0 for a plain object
	inStm  bool
}

type objStm struct {
	data    []byte
	offsets map[int]int
}

// openPDF reads the cross-reference data, falling back to a scan of the
// whole file when it is missing or damaged.
func openPDF(data []byte, budget *inflateBudget) (*pdfFile, error) {
	f := &pdfFile{data: data, xref: map[int]xrefEntry{}, cache: map[int]any{}, objStms: map[int]*objStm{}, budget: budget, active: map[int]bool{}}
	if err := f.readXrefChain(); err != nil || f.trailer == nil || f.trailer["Root"] == nil {
		f.rebuild()
	}
	if f.trailer == nil {
		return nil, fmt.Errorf("%w: no trailer or catalog", ErrCorrupt)
	}
	return f, nil
}

func (f *pdfFile) readXrefChain() error {
	idx := bytes.LastIndex(f.data, []byte("startxref"))
	if idx < 0 {
		return fmt.Errorf("no startxref")
	}
	l := &pdfLexer{b: f.data, pos: idx + len("startxref")}
	v, err := l.object(0)
	if err != nil {
		return err
	}
	off, ok := v.(int64)
	if !ok {
		return fmt.Errorf("bad startxref")
	}
	seen := map[int64]bool{}
	for steps := 0; off > 0 && off < int64(len(f.data)) && !seen[off] && steps < 64; steps++ {
		seen[off] = true
		trailer, err := f.readXrefAt(off)
		if err != nil {
			return err
		}
		if f.trailer == nil {
			f.trailer = trailer
		}
		if xs, ok := trailer["XRefStm"].(int64); ok && !seen[xs] {
			seen[xs] = true
			if _, err := f.readXrefAt(xs); err != nil {
				return err
			}
		}
		prev, ok := trailer["Prev"].(int64)
		if !ok {
			break
		}
		off = prev
	}
	return nil
}

// readXrefAt parses a classic table or an xref stream; entries already known
// (from a newer section) win.
func (f *pdfFile) readXrefAt(off int64) (pdfDict, error) {
	l := &pdfLexer{b: f.data, pos: int(off)}
	l.skipSpace()
	if bytes.HasPrefix(f.data[l.pos:], []byte("xref")) {
		l.pos += 4
		return f.readXrefTable(l)
	}
	obj, _, err := f.parseIndirectAt(int(off))
	if err != nil {
		return nil, err
	}
	st, ok := obj.(*pdfStream)
	if !ok || st.dict["Type"] != pdfName("XRef") {
		return nil, fmt.Errorf("xref offset points at no table")
	}
	return st.dict, f.readXrefStream(st)
}

func (f *pdfFile) readXrefTable(l *pdfLexer) (pdfDict, error) {
	for {
		l.skipSpace()
		if bytes.HasPrefix(l.b[l.pos:], []byte("trailer")) {
			l.pos += len("trailer")
			v, err := l.object(0)
			if err != nil {
				return nil, err
			}
			d, ok := v.(pdfDict)
			if !ok {
				return nil, fmt.Errorf("bad trailer")
			}
			return d, nil
		}
		a, err1 := l.object(0)
		b, err2 := l.object(0)
		start, ok1 := a.(int64)
		count, ok2 := b.(int64)
		if err1 != nil || err2 != nil || !ok1 || !ok2 || start < 0 || count < 0 || count > 1<<22 {
			return nil, fmt.Errorf("bad xref subsection")
		}
		for i := int64(0); i < count; i++ {
			l.skipSpace()
			if l.pos+18 > len(l.b) {
				return nil, fmt.Errorf("truncated xref")
			}
			line := l.b[l.pos : l.pos+18]
			offv, e1 := strconv.ParseInt(string(bytes.TrimSpace(line[0:10])), 10, 64)
			kind := line[17]
			if e1 != nil {
				return nil, fmt.Errorf("bad xref entry")
			}
			l.pos += 18
			num := int(start + i)
			if _, known := f.xref[num]; !known && kind == 'n' {
				f.xref[num] = xrefEntry{offset: offv}
			}
		}
	}
}

func (f *pdfFile) readXrefStream(st *pdfStream) error {
	data, err := f.decodeStream(st)
	if err != nil {
		return err
	}
	w, _ := st.dict["W"].(pdfArray)
	if len(w) < 3 {
		return fmt.Errorf("bad xref stream W")
	}
	var ws [3]int
	total := 0
	for i := 0; i < 3; i++ {
		n, _ := pdfInt(w[i])
		if n < 0 || n > 8 {
			return fmt.Errorf("bad xref stream W")
		}
		ws[i] = int(n)
		total += int(n)
	}
	if total == 0 {
		return fmt.Errorf("bad xref stream W")
	}
	size, _ := pdfInt(st.dict["Size"])
	index, _ := st.dict["Index"].(pdfArray)
	if len(index) == 0 {
		index = pdfArray{int64(0), size}
	}
	pos := 0
	field := func(n int, def int64) int64 {
		if n == 0 {
			return def
		}
		var v int64
		for k := 0; k < n; k++ {
			v = v<<8 | int64(data[pos])
			pos++
		}
		return v
	}
	for i := 0; i+1 < len(index); i += 2 {
		start, _ := pdfInt(index[i])
		count, _ := pdfInt(index[i+1])
		for j := int64(0); j < count; j++ {
			if pos+total > len(data) {
				return nil
			}
			typ := field(ws[0], 1)
			a := field(ws[1], 0)
			b := field(ws[2], 0)
			num := int(start + j)
			if _, known := f.xref[num]; known {
				continue
			}
			switch typ {
			case 1:
				f.xref[num] = xrefEntry{offset: a}
			case 2:
				f.xref[num] = xrefEntry{stream: int(a), offset: b, inStm: true}
			}
		}
	}
	return nil
}

// rebuild scans the file for "n g obj" headers, the way viewers repair
// damaged files; the last definition of an object wins.
func (f *pdfFile) rebuild() {
	if f.rebuilt {
		return
	}
	f.rebuilt = true
	f.cache = map[int]any{}
	xref := map[int]xrefEntry{}
	var trailer pdfDict
	d := f.data
	for i := 0; ; {
		j := bytes.Index(d[i:], []byte("obj"))
		if j < 0 {
			break
		}
		at := i + j
		i = at + 3
		// Walk back over "n g " before "obj".
		p := at - 1
		for p >= 0 && isPDFSpace(d[p]) {
			p--
		}
		ge := p + 1
		for p >= 0 && d[p] >= '0' && d[p] <= '9' {
			p--
		}
		gs := p + 1
		if gs == ge {
			continue
		}
		for p >= 0 && isPDFSpace(d[p]) {
			p--
		}
		ne := p + 1
		for p >= 0 && d[p] >= '0' && d[p] <= '9' {
			p--
		}
		ns := p + 1
		if ns == ne || ne == gs {
			continue
		}
		num, err := strconv.Atoi(string(d[ns:ne]))
		if err != nil || num > 1<<24 {
			continue
		}
		xref[num] = xrefEntry{offset: int64(ns)}
	}
	f.xref = xref
	// Trailer dictionaries, newest last.
	for i := 0; ; {
		j := bytes.Index(d[i:], []byte("trailer"))
		if j < 0 {
			break
		}
		l := &pdfLexer{b: d, pos: i + j + len("trailer")}
		if v, err := l.object(0); err == nil {
			if td, ok := v.(pdfDict); ok && td["Root"] != nil {
				trailer = td
			}
		}
		i += j + len("trailer")
	}
	// Objects inside object streams, and a catalog if no trailer named one.
	for num := range xref {
		v := f.resolve(pdfRef{num: num})
		switch o := v.(type) {
		case *pdfStream:
			switch o.dict["Type"] {
			case pdfName("ObjStm"):
				f.indexObjStm(num, o, xref)
			case pdfName("XRef"):
				if trailer == nil && o.dict["Root"] != nil {
					trailer = o.dict
				}
			}
		case pdfDict:
			if trailer == nil && o["Type"] == pdfName("Catalog") {
				trailer = pdfDict{"Root": pdfRef{num: num}}
			}
		}
	}
	if trailer != nil {
		f.trailer = trailer
	}
}

func (f *pdfFile) indexObjStm(num int, st *pdfStream, xref map[int]xrefEntry) {
	os, err := f.loadObjStm(num, st)
	if err != nil {
		return
	}
	for n, idx := range os.offsets {
		if _, ok := xref[n]; !ok {
			xref[n] = xrefEntry{stream: num, offset: int64(idx), inStm: true}
		}
	}
}

// resolve follows references until a direct object is reached.
func (f *pdfFile) resolve(v any) any {
	for hops := 0; hops < 32; hops++ {
		ref, ok := v.(pdfRef)
		if !ok {
			return v
		}
		v = f.object(ref.num)
	}
	return nil
}

func (f *pdfFile) object(num int) any {
	if v, ok := f.cache[num]; ok {
		return v
	}
	if f.active[num] {
		return nil
	}
	f.active[num] = true
	defer delete(f.active, num)
	e, ok := f.xref[num]
	var v any
	if ok {
		if e.inStm {
			v = f.objectFromStream(e.stream, num)
		} else {
			obj, gotNum, err := f.parseIndirectAt(int(e.offset))
			if err == nil && gotNum == num {
				v = obj
			} else if !f.rebuilt {
				// A wrong offset means a damaged table: rescan once.
				f.rebuild()
				delete(f.active, num)
				return f.object(num)
			}
		}
	}
	f.cache[num] = v
	return v
}

func (f *pdfFile) objectFromStream(stmNum, num int) any {
	os, ok := f.objStms[stmNum]
	if !ok {
		st, _ := f.resolve(pdfRef{num: stmNum}).(*pdfStream)
		if st == nil {
			return nil
		}
		var err error
		if os, err = f.loadObjStm(stmNum, st); err != nil {
			return nil
		}
	}
	off, ok := os.offsets[num]
	if !ok || off >= len(os.data) {
		return nil
	}
	l := &pdfLexer{b: os.data, pos: off}
	v, err := l.object(0)
	if err != nil {
		return nil
	}
	return v
}

func (f *pdfFile) loadObjStm(num int, st *pdfStream) (*objStm, error) {
	if os, ok := f.objStms[num]; ok {
		return os, nil
	}
	data, err := f.decodeStream(st)
	if err != nil {
		return nil, err
	}
	n, _ := pdfInt(st.dict["N"])
	first, _ := pdfInt(st.dict["First"])
	if n < 0 || n > 1<<20 || first < 0 || first > int64(len(data)) {
		return nil, fmt.Errorf("bad object stream")
	}
	os := &objStm{data: data, offsets: make(map[int]int, n)}
	l := &pdfLexer{b: data[:first]}
	for i := int64(0); i < n; i++ {
		a, err1 := l.object(0)
		b, err2 := l.object(0)
		on, ok1 := a.(int64)
		oo, ok2 := b.(int64)
		if err1 != nil || err2 != nil || !ok1 || !ok2 {
			break
		}
		os.offsets[int(on)] = int(first + oo)
	}
	f.objStms[num] = os
	return os, nil
}

// parseIndirectAt parses "n g obj … endobj" at off, including a stream body.
func (f *pdfFile) parseIndirectAt(off int) (any, int, error) {
	if off < 0 || off >= len(f.data) {
		return nil, 0, fmt.Errorf("offset out of range")
	}
	l := &pdfLexer{b: f.data, pos: off}
	a, _ := l.object(0)
	_, _ = l.object(0)
	kw, _ := l.object(0)
	num, ok := a.(int64)
	if !ok || kw != pdfKeyword("obj") {
		return nil, 0, fmt.Errorf("no object at offset")
	}
	v, err := l.object(0)
	if err != nil {
		if d, ok := v.(pdfDict); !ok || d == nil {
			return nil, int(num), err
		}
	}
	d, isDict := v.(pdfDict)
	if !isDict {
		return v, int(num), nil
	}
	save := l.pos
	l.skipSpace()
	if !bytes.HasPrefix(f.data[l.pos:], []byte("stream")) {
		l.pos = save
		return d, int(num), nil
	}
	start := l.pos + len("stream")
	if start < len(f.data) && f.data[start] == '\r' {
		start++
	}
	if start < len(f.data) && f.data[start] == '\n' {
		start++
	}
	length, _ := pdfInt(f.resolveLength(d["Length"]))
	end := start + int(length)
	if length < 0 || end > len(f.data) || end < start || !endstreamNear(f.data, end) {
		// Wrong or missing /Length: trust the endstream keyword instead.
		k := bytes.Index(f.data[start:], []byte("endstream"))
		if k < 0 {
			end = len(f.data)
		} else {
			end = start + k
			for end > start && (f.data[end-1] == '\n' || f.data[end-1] == '\r') {
				end--
			}
		}
	}
	return &pdfStream{dict: d, raw: f.data[start:end]}, int(num), nil
}

func (f *pdfFile) resolveLength(v any) any {
	if ref, ok := v.(pdfRef); ok {
		if f.active[ref.num] {
			return nil
		}
		return f.resolve(ref)
	}
	return v
}

func endstreamNear(data []byte, end int) bool {
	rest := data[end:]
	if len(rest) > 32 {
		rest = rest[:32]
	}
	return bytes.Contains(rest, []byte("endstream"))
}

// dict resolves v to a dictionary (a stream's dictionary counts).
func (f *pdfFile) dict(v any) pdfDict {
	switch o := f.resolve(v).(type) {
	case pdfDict:
		return o
	case *pdfStream:
		return o.dict
	}
	return nil
}

func (f *pdfFile) array(v any) pdfArray {
	a, _ := f.resolve(v).(pdfArray)
	return a
}

func (f *pdfFile) number(v any) (float64, bool) {
	return pdfNumber(f.resolve(v))
}
