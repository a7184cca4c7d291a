// Package parsingtest makes small synthetic resume files (PDF, DOCX) for
// tests of the parse pipeline, so no test depends on real people's data.
package parsingtest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
)

// Resume is a synthetic resume's text, one line per entry.
var Resume = []string{
	"Jane Doe",
	"Senior Backend Engineer",
	"jane.doe@example.com | (415) 555-0134 | San Francisco, CA, US",
	"linkedin.com/in/janedoe | github.com/janedoe",
	"",
	"Experience",
	"Senior Backend Engineer, Acme Corp",
	"Jan 2020 - Present",
	"Built payment services in Go on k8s.",
	"Backend Engineer, Initech",
	"Mar 2016 - Dec 2019",
	"",
	"Education",
	"BSc Computer Science, State University",
	"2012 - 2016",
	"",
	"Skills",
	"Go, JS, k8s, PostgreSQL, frobbing",
	"",
	"Languages",
	"English (native), German (fluent)",
}

// PDF is a one-page PDF with each line as a line of text (Helvetica).
func PDF(lines ...string) []byte {
	var content strings.Builder
	content.WriteString("BT /F1 11 Tf 14 TL 72 740 Td")
	for _, l := range lines {
		fmt.Fprintf(&content, " (%s) Tj T*", pdfEscape(l))
	}
	content.WriteString(" ET")
	return pdfWith(content.String(), "")
}

// ImagePDF is a PDF whose page only draws (no text): a scanned resume as far
// as extraction can tell.
func ImagePDF() []byte {
	return pdfWith("0.2 0.2 0.2 rg 72 600 300 120 re f 72 400 200 80 re f", "")
}

// EncryptedPDF is a PDF whose trailer says it is encrypted.
func EncryptedPDF() []byte {
	return pdfWith("BT /F1 11 Tf 72 740 Td (secret) Tj ET",
		" /Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 /P -44 /O <00> /U <00> >> /ID [<00> <00>]")
}

func pdfWith(content, trailerExtra string) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailerExtra, xref)
	return b.Bytes()
}

func pdfEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, "(", `\(`, ")", `\)`).Replace(s)
}

// DOCX is a minimal Word document with one paragraph per line.
func DOCX(lines ...string) []byte {
	var body strings.Builder
	esc := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	for _, l := range lines {
		fmt.Fprintf(&body, `<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>`, esc.Replace(l))
	}
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, e := range [][2]string{
		{"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() + `</w:body></w:document>`},
	} {
		f, err := w.Create(e[0])
		if err != nil {
			panic(err)
		}
		if _, err := f.Write([]byte(e[1])); err != nil {
			panic(err)
		}
	}
	if err := w.Close(); err != nil {
		panic(err)
	}
	return b.Bytes()
}
