package resume

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

type hostileCase struct {
	name   string
	data   []byte
	limits Limits
	want   error // nil: must succeed
}

// hostileCases are files built to exhaust a parser, each with the limits
// it runs under and the typed error it must produce.
func hostileCases() []hostileCase {
	zeros := func(n int) string { return strings.Repeat("\x00", n) }
	var bomb bytes.Buffer
	zw := zlib.NewWriter(&bomb)
	zw.Write(make([]byte, 32<<20))
	zw.Close()
	manyEntries := func(n int) []byte {
		var e []string
		for i := 0; i < n; i++ {
			e = append(e, fmt.Sprintf("word/f%d.xml", i), "x")
		}
		return zipFile(append([]string{"word/document.xml", "<w:document/>"}, e...)...)
	}
	laughs := `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]><w:document xmlns:w="w"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>`
	return []hostileCase{
		{"too large", bytes.Repeat([]byte("a"), 11<<20), Limits{}, ErrTooLarge},
		{"empty", nil, Limits{}, ErrCorrupt},
		{"unknown binary", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00"), Limits{}, ErrUnsupported},
		{"zip bomb", zipFile("word/document.xml", zeros(8<<20)), Limits{MaxUncompressedBytes: 1 << 20}, ErrLimitExceeded},
		{"zip entries", manyEntries(3000), Limits{}, ErrLimitExceeded},
		{"zip slip", zipFile("word/document.xml", "<w:document/>", "../../etc/x.xml", "x"), Limits{}, ErrCorrupt},
		{"xml deep nesting", docxWithBody(strings.Repeat("<w:p>", 5000) + strings.Repeat("</w:p>", 5000)), Limits{}, ErrLimitExceeded},
		{"xml billion laughs", zipFile("word/document.xml", laughs), Limits{}, nil},
		{"odt deep nesting", zipFile("mimetype", "application/vnd.oasis.opendocument.text", "content.xml", strings.Repeat("<a>", 5000)), Limits{}, ErrLimitExceeded},
		{"rtf deep groups", []byte(`{\rtf1` + strings.Repeat("{", 100000)), Limits{}, ErrLimitExceeded},
		{"html deep nesting", []byte("<html><body>" + strings.Repeat("<div>", 5000)), Limits{}, ErrLimitExceeded},
		{"pdf huge page count", buildPDF([][]pdfText{{{50, 700, 12, "x"}}}, pdfOptions{count: 100000}), Limits{}, ErrLimitExceeded},
		{"pdf 60 real pages", manyPagesPDF(60), Limits{}, ErrLimitExceeded},
		{"pdf encrypted", buildPDF([][]pdfText{{{50, 700, 12, "secret"}}}, pdfOptions{encrypt: true}), Limits{}, ErrEncrypted},
		{"pdf image only", buildPDF([][]pdfText{{}}, pdfOptions{noText: true}), Limits{}, ErrNoTextLayer},
		{"pdf flate bomb", buildPDF([][]pdfText{{}}, pdfOptions{extraData: bomb.Bytes()}), Limits{MaxUncompressedBytes: 4 << 20}, ErrLimitExceeded},
		{"pdf garbage", []byte("%PDF-1.4\n" + strings.Repeat("<<[(", 2000)), Limits{}, ErrCorrupt},
	}
}

// TestHostileInputs proves each limit turns a hostile file into its typed
// error instead of unbounded work.
func TestHostileInputs(t *testing.T) {
	for _, tt := range hostileCases() {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Extract(context.Background(), tt.data, tt.limits)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error message is not one line: %q", err)
			}
		})
	}
}

// TestSandboxHostileInputs sends the same files through warm sandbox
// children: the typed error crosses the protocol intact, and a document
// that is refused costs nothing more: the same child serves the next one.
func TestSandboxHostileInputs(t *testing.T) {
	good := resumePDF()
	pools := map[Limits]*Sandbox{}
	pids := map[Limits]int{}
	defer func() {
		for _, sb := range pools {
			sb.Close()
		}
	}()
	for _, tt := range hostileCases() {
		sb := pools[tt.limits]
		if sb == nil {
			sb = &Sandbox{Limits: tt.limits}
			pools[tt.limits] = sb
			doc, err := sb.Extract(context.Background(), good)
			if err != nil {
				t.Fatal(err)
			}
			pids[tt.limits] = doc.Stats.PID
		}
		_, err := sb.Extract(context.Background(), tt.data)
		switch {
		case tt.want == nil && err != nil:
			t.Errorf("%s: unexpected error: %v", tt.name, err)
		case tt.want != nil && !errors.Is(err, tt.want):
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		case err != nil && strings.Contains(err.Error(), "\n"):
			t.Errorf("%s: error message is not one line: %q", tt.name, err)
		}
	}
	for l, sb := range pools {
		doc, err := sb.Extract(context.Background(), good)
		if err != nil {
			t.Fatal(err)
		}
		if doc.Stats.PID != pids[l] {
			t.Errorf("limits %+v: the child was replaced (pid %d, then %d)", l, pids[l], doc.Stats.PID)
		}
	}
}

// TestTruncatedPDF cuts the fixture at many points: every prefix must give
// text or a typed error, never a panic or an untyped failure.
func TestTruncatedPDF(t *testing.T) {
	full := resumePDF()
	for cut := 16; cut < len(full); cut += max(1, len(full)/97) {
		_, err := Extract(context.Background(), full[:cut], Limits{})
		if err != nil && ErrorKind(err) == "" {
			t.Fatalf("cut at %d: untyped error %v", cut, err)
		}
	}
	// A damaged xref offset is repaired by scanning the file.
	broken := bytes.Replace(full, []byte("startxref\n"), []byte("startxref\n9"), 1)
	doc, err := Extract(context.Background(), broken, Limits{})
	if err != nil || !strings.Contains(doc.Text, "Jane Q. Example") {
		t.Fatalf("repair failed: %v %q", err, doc.Text)
	}
}

// Ordinary HTML leaves many end tags out (<p>, <li>, <td>): those are not
// nesting, so a long page of them is read whole, while real nesting is still
// capped (see "html deep nesting").
func TestHTMLUnclosedParagraphs(t *testing.T) {
	var b strings.Builder
	b.WriteString("<html><body><h1>Ada Lovelace</h1><ul>")
	for i := range 600 {
		fmt.Fprintf(&b, "<p>Paragraph %d<li>Item %d<br><wbr>", i, i)
	}
	b.WriteString("<p>ada@example.com</ul></body></html>")
	doc, err := Extract(context.Background(), []byte(b.String()), Limits{})
	if err != nil {
		t.Fatalf("unclosed paragraphs: %v", err)
	}
	if !strings.Contains(doc.Text, "Paragraph 599") || !strings.Contains(doc.Text, "ada@example.com") {
		t.Fatalf("text lost: %q", doc.Text[max(0, len(doc.Text)-200):])
	}
}
