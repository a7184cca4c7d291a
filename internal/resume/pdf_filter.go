package resume

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
)

// inflateBudget caps the bytes all decoders of one document may produce, so
// a small file that inflates to gigabytes stops at the limit.
type inflateBudget struct {
	left int64
}

func (b *inflateBudget) take(n int64) error {
	b.left -= n
	if b.left < 0 {
		return fmt.Errorf("%w: decompressed data exceeds the limit", ErrLimitExceeded)
	}
	return nil
}

// decodeStream applies the stream's filters. Image filters are not decoded:
// the text layer never needs pixels.
func (f *pdfFile) decodeStream(st *pdfStream) ([]byte, error) {
	filters := f.resolve(st.dict["Filter"])
	parms := f.resolve(st.dict["DecodeParms"])
	var names []pdfName
	var parmList []any
	switch v := filters.(type) {
	case pdfName:
		names = []pdfName{v}
		parmList = []any{parms}
	case pdfArray:
		pa, _ := parms.(pdfArray)
		for i, x := range v {
			n, _ := f.resolve(x).(pdfName)
			names = append(names, n)
			if i < len(pa) {
				parmList = append(parmList, f.resolve(pa[i]))
			} else {
				parmList = append(parmList, nil)
			}
		}
	}
	data := st.raw
	if len(names) == 0 {
		return data, nil
	}
	for i, name := range names {
		var err error
		switch name {
		case "FlateDecode", "Fl":
			data, err = f.inflate(data)
			if err == nil {
				data, err = applyPredictor(data, f.dict(parmList[i]))
			}
		case "ASCIIHexDecode", "AHx":
			data = decodeASCIIHex(data)
		case "ASCII85Decode", "A85":
			data = decodeASCII85(data)
		case "LZWDecode", "LZW":
			data, err = decodeLZW(data, f.budget)
			if err == nil {
				data, err = applyPredictor(data, f.dict(parmList[i]))
			}
		case "RunLengthDecode", "RL":
			data, err = decodeRunLength(data, f.budget)
		default:
			return nil, fmt.Errorf("unsupported filter %s", name)
		}
		if err != nil {
			return data, err
		}
	}
	return data, nil
}

// inflate decodes zlib data within the budget. Truncated or slightly broken
// streams return what decoded cleanly, as viewers do.
func (f *pdfFile) inflate(data []byte) ([]byte, error) {
	var r io.Reader
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		if len(data) < 2 {
			return nil, err
		}
		// Missing or bad zlib header: try raw deflate.
		r = flate.NewReader(bytes.NewReader(data))
	} else {
		r = zr
	}
	limit := f.budget.left + 1
	var buf bytes.Buffer
	buf.Grow(min(len(data)*4, int(min(limit, 1<<22))))
	n, err := io.Copy(&buf, io.LimitReader(r, limit))
	if berr := f.budget.take(n); berr != nil {
		return nil, berr
	}
	if err != nil && buf.Len() == 0 {
		return nil, err
	}
	return buf.Bytes(), nil
}

func applyPredictor(data []byte, parms pdfDict) ([]byte, error) {
	if parms == nil {
		return data, nil
	}
	pred, _ := pdfInt(parms["Predictor"])
	if pred < 10 {
		return data, nil
	}
	colors, ok := pdfInt(parms["Colors"])
	if !ok || colors < 1 {
		colors = 1
	}
	bpc, ok := pdfInt(parms["BitsPerComponent"])
	if !ok || bpc < 1 {
		bpc = 8
	}
	columns, ok := pdfInt(parms["Columns"])
	if !ok || columns < 1 {
		columns = 1
	}
	if colors > 32 || bpc > 16 || columns > 1<<20 {
		return nil, errors.New("bad predictor parameters")
	}
	bpp := int((colors*bpc + 7) / 8)
	rowLen := int((colors*bpc*columns + 7) / 8)
	out := make([]byte, 0, len(data))
	prev := make([]byte, rowLen)
	for i := 0; i+1 <= len(data); i += rowLen + 1 {
		typ := data[i]
		end := min(i+1+rowLen, len(data))
		row := make([]byte, rowLen)
		copy(row, data[i+1:end])
		for j := 0; j < rowLen; j++ {
			var left, up, ul byte
			if j >= bpp {
				left = row[j-bpp]
				ul = prev[j-bpp]
			}
			up = prev[j]
			switch typ {
			case 1:
				row[j] += left
			case 2:
				row[j] += up
			case 3:
				row[j] += byte((int(left) + int(up)) / 2)
			case 4:
				row[j] += paeth(left, up, ul)
			}
		}
		out = append(out, row...)
		prev = row
	}
	return out, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

func decodeASCIIHex(data []byte) []byte {
	if i := bytes.IndexByte(data, '>'); i >= 0 {
		data = data[:i]
	}
	l := &pdfLexer{b: append(append([]byte{}, data...), '>')}
	return l.hexString()
}

func decodeASCII85(data []byte) []byte {
	out := make([]byte, 0, len(data)*4/5)
	var tuple uint32
	n := 0
	for _, c := range data {
		switch {
		case c == '~':
			goto done
		case c == 'z' && n == 0:
			out = append(out, 0, 0, 0, 0)
			continue
		case c < '!' || c > 'u':
			continue
		}
		tuple = tuple*85 + uint32(c-'!')
		n++
		if n == 5 {
			out = append(out, byte(tuple>>24), byte(tuple>>16), byte(tuple>>8), byte(tuple))
			tuple, n = 0, 0
		}
	}
done:
	if n > 1 {
		for k := n; k < 5; k++ {
			tuple = tuple*85 + 84
		}
		b := []byte{byte(tuple >> 24), byte(tuple >> 16), byte(tuple >> 8), byte(tuple)}
		out = append(out, b[:n-1]...)
	}
	return out
}

func decodeRunLength(data []byte, budget *inflateBudget) ([]byte, error) {
	var out []byte
	for i := 0; i < len(data); {
		n := int(data[i])
		i++
		switch {
		case n < 128:
			end := min(i+n+1, len(data))
			out = append(out, data[i:end]...)
			i = end
		case n > 128:
			if i < len(data) {
				out = append(out, bytes.Repeat(data[i:i+1], 257-n)...)
			}
			i++
		default:
			return out, budget.take(int64(len(out)))
		}
		if int64(len(out)) > budget.left {
			return nil, budget.take(int64(len(out)))
		}
	}
	return out, budget.take(int64(len(out)))
}

// decodeLZW implements the PDF variant (EarlyChange=1) of LZW, which
// compress/lzw does not.
func decodeLZW(data []byte, budget *inflateBudget) ([]byte, error) {
	var out []byte
	table := make([][]byte, 258, 4096)
	for i := 0; i < 256; i++ {
		table[i] = []byte{byte(i)}
	}
	width := 9
	var bitBuf uint32
	bits := 0
	var prev []byte
	for _, c := range data {
		bitBuf = bitBuf<<8 | uint32(c)
		bits += 8
		for bits >= width {
			code := int(bitBuf>>(bits-width)) & (1<<width - 1)
			bits -= width
			switch {
			case code == 256:
				table = table[:258]
				width = 9
				prev = nil
				continue
			case code == 257:
				return out, budget.take(int64(len(out)))
			}
			var entry []byte
			switch {
			case code < len(table):
				entry = table[code]
			case code == len(table) && prev != nil:
				entry = append(append([]byte{}, prev...), prev[0])
			default:
				return out, budget.take(int64(len(out)))
			}
			out = append(out, entry...)
			if int64(len(out)) > budget.left {
				return nil, budget.take(int64(len(out)))
			}
			if prev != nil && len(table) < 4096 {
				table = append(table, append(append([]byte{}, prev...), entry[0]))
			}
			prev = entry
			if len(table)+1 >= 1<<width && width < 12 {
				width++
			}
		}
	}
	return out, budget.take(int64(len(out)))
}
