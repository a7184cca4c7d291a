package blob

import (
	"archive/zip"
	"bytes"
	"testing"
)

func zipWith(t *testing.T, first string, firstBody string, stored bool, rest ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	method := zip.Deflate
	if stored {
		method = zip.Store
	}
	w, err := zw.CreateHeader(&zip.FileHeader{Name: first, Method: method})
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(firstBody))
	for _, name := range rest {
		w, _ := zw.Create(name)
		w.Write([]byte("<xml/>"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSniff(t *testing.T) {
	docx := zipWith(t, "[Content_Types].xml", "<Types/>", false, "_rels/.rels", "word/document.xml")
	xlsx := zipWith(t, "[Content_Types].xml", "<Types/>", false, "xl/workbook.xml")
	odt := zipWith(t, "mimetype", TypeODT, true, "content.xml")
	ods := zipWith(t, "mimetype", "application/vnd.oasis.opendocument.spreadsheet", true, "content.xml")
	tests := []struct {
		name   string
		head   []byte
		want   string
		wantOK bool
	}{
		{"pdf", []byte("%PDF-1.4\n%âãÏÓ\n"), TypePDF, true},
		{"docx whole file", docx, TypeDOCX, true},
		{"docx prefix only", docx[:len(docx)-40], TypeDOCX, true},
		{"xlsx is a zip but not a document", xlsx, "", false},
		{"plain zip", zipWith(t, "a.txt", "hi", false), "", false},
		{"odt", odt, TypeODT, true},
		{"ods", ods, "", false},
		{"doc", append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 100)...), TypeDOC, true},
		{"rtf", []byte(`{\rtf1\ansi Hello}`), TypeRTF, true},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), TypePNG, true},
		{"jpeg", []byte("\xFF\xD8\xFF\xE0\x00\x10JFIF"), TypeJPEG, true},
		{"text", []byte("Ada Lovelace\nAnalyst, London — 1843\n"), TypeText, true},
		{"text cut inside a rune", []byte("naïve café é")[:13], TypeText, true},
		{"html", []byte("<!DOCTYPE html><html><body>CV</body></html>"), TypeHTML, true},
		{"windows exe (named resume.pdf)", append([]byte("MZ\x90\x00\x03\x00\x00\x00"), make([]byte, 64)...), "", false},
		{"elf", []byte("\x7fELF\x02\x01\x01\x00"), "", false},
		{"mach-o", []byte("\xCF\xFA\xED\xFE\x07\x00\x00\x01"), "", false},
		{"shell script", []byte("#!/bin/sh\nrm -rf /\n"), "", false},
		{"gzip", []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00"), "", false},
		{"latin-1 text", []byte("caf\xe9 cr\xe8me br\xfbl\xe9e and more"), "", false},
		{"binary", []byte{0, 1, 2, 3, 4, 5, 6, 7}, "", false},
		{"empty", nil, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Sniff(tt.head)
			if got != tt.want || ok != tt.wantOK {
				t.Fatalf("Sniff = %q, %v; want %q, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}
