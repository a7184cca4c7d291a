package resume

// PDF object model. Values are plain Go types so the parser allocates little:
// nil, bool, int64, float64, pdfName, pdfString, pdfArray, pdfDict,
// *pdfStream and pdfRef.
type (
	pdfName   string
	pdfString []byte
	pdfArray  []any
	pdfDict   map[pdfName]any
	pdfRef    struct{ num, gen int }
	pdfStream struct {
		dict pdfDict
		raw  []byte // undecoded bytes, a sub-slice of the file
	}
)

// pdfNumber converts an integer or real object to float64.
func pdfNumber(v any) (float64, bool) {
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}

func pdfInt(v any) (int64, bool) {
	switch n := v.(type) {
	case int64:
		return n, true
	case float64:
		return int64(n), true
	}
	return 0, false
}
