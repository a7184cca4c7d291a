package resume

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"unicode/utf8"
)

// fuzzLimits keep each fuzz input cheap.
var fuzzLimits = Limits{MaxBytes: 1 << 20, MaxUncompressedBytes: 8 << 20, MaxPages: 20}

// fuzzExtract checks the invariants every extractor keeps on any input: no
// panic (extract has no recover), valid UTF-8 text, and only typed errors.
func fuzzExtract(t *testing.T, data []byte) {
	doc, err := extract(context.Background(), data, fuzzLimits)
	if err != nil {
		if ErrorKind(err) == "" {
			t.Fatalf("untyped error: %v", err)
		}
		return
	}
	if !utf8.ValidString(doc.Text) {
		t.Fatalf("invalid UTF-8 in text")
	}
}

func FuzzExtractPDF(f *testing.F) {
	f.Add(resumePDF())
	f.Add(twoColumnPDF())
	f.Add(manyPagesPDF(3))
	f.Fuzz(fuzzExtract)
}

func FuzzExtractDOCX(f *testing.F) {
	f.Add(docxFromText(fixtureResume))
	f.Fuzz(fuzzExtract)
}

func FuzzExtractODT(f *testing.F) {
	f.Add(odtFromText(fixtureResume))
	f.Fuzz(fuzzExtract)
}

func FuzzExtractRTF(f *testing.F) {
	f.Add(rtfFromText(fixtureResume))
	f.Fuzz(fuzzExtract)
}

func FuzzExtractHTML(f *testing.F) {
	f.Add(htmlFromText(fixtureResume))
	f.Fuzz(fuzzExtract)
}

func FuzzExtractText(f *testing.F) {
	f.Add([]byte(fixtureResume))
	f.Add(utf16Text(fixtureResume, false))
	f.Add(cp1252Text("Café résumé"))
	f.Fuzz(fuzzExtract)
}

func FuzzParse(f *testing.F) {
	f.Add(fixtureResume)
	f.Fuzz(func(t *testing.T, s string) {
		_ = Parse(s, ParseOptions{})
	})
}

// TestWriteFuzzSeeds regenerates the committed seed corpora under
// testdata/fuzz from the synthetic fixtures (CANDOR_WRITE_FUZZ_SEEDS=1).
func TestWriteFuzzSeeds(t *testing.T) {
	if os.Getenv("CANDOR_WRITE_FUZZ_SEEDS") != "1" {
		t.Skip("set CANDOR_WRITE_FUZZ_SEEDS=1 to rewrite testdata/fuzz")
	}
	fx := fixtures()
	seeds := map[string][][]byte{
		"FuzzExtractPDF":  {fx["pdf"], fx["pdf-2col"], buildPDF([][]pdfText{{{50, 700, 12, "x"}}}, pdfOptions{encrypt: true}), resumePDF()[:900]},
		"FuzzExtractDOCX": {fx["docx"], docxWithBody("<w:p><w:r><w:t>Jane</w:t></w:r><w:r><w:tab/></w:r></w:p>")},
		"FuzzExtractODT":  {fx["odt"]},
		"FuzzExtractRTF":  {fx["rtf"]},
		"FuzzExtractHTML": {fx["html"]},
		"FuzzExtractText": {fx["txt-utf8"], fx["txt-utf16le"], fx["txt-utf16be"], fx["txt-cp1252"]},
	}
	for name, list := range seeds {
		dir := filepath.Join("testdata", "fuzz", name)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for i, data := range list {
			body := "go test fuzz v1\n[]byte(" + strconv.Quote(string(data)) + ")\n"
			if err := os.WriteFile(filepath.Join(dir, "seed"+strconv.Itoa(i)), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
