package resume

import (
	"archive/zip"
	"bytes"
	"unicode/utf8"
)

// Detect names the format of data from its leading bytes (and, for ZIP
// containers, the names inside). File names are never consulted: an upload's
// name is chosen by the uploader.
func Detect(data []byte) Format {
	head := data
	if len(head) > 1024 {
		head = head[:1024]
	}
	switch {
	case bytes.Contains(head, []byte("%PDF-")):
		// Some generators put junk before the header; readers accept it
		// within the first KiB, and so do we.
		return FormatPDF
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return detectZip(data)
	case bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return FormatDOC
	case bytes.HasPrefix(bytes.TrimLeft(head, "\xEF\xBB\xBF \t\r\n"), []byte("{\\rtf")):
		return FormatRTF
	}
	if looksHTML(head) {
		return FormatHTML
	}
	if looksText(head) {
		return FormatText
	}
	return FormatUnknown
}

// detectZip tells DOCX from ODT by the archive's members: ODT stores its
// media type in a "mimetype" member, DOCX has word/document.xml.
func detectZip(data []byte) Format {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return FormatUnknown
	}
	for i, f := range zr.File {
		if i > 4096 {
			break
		}
		switch f.Name {
		case "word/document.xml":
			return FormatDOCX
		case "content.xml":
			return FormatODT
		case "mimetype":
			if rc, err := f.Open(); err == nil {
				var b [64]byte
				n, _ := rc.Read(b[:])
				rc.Close()
				if bytes.HasPrefix(b[:n], []byte("application/vnd.oasis.opendocument.text")) {
					return FormatODT
				}
			}
		}
	}
	return FormatUnknown
}

func looksHTML(head []byte) bool {
	h := bytes.ToLower(bytes.TrimLeft(head, "\xEF\xBB\xBF \t\r\n"))
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<?xml version=\"1.0\"?><html", "<meta", "<div", "<p>", "<h1"} {
		if bytes.HasPrefix(h, []byte(p)) {
			return true
		}
	}
	return false
}

// looksText accepts BOM-marked UTF-16/UTF-8, valid UTF-8, or 8-bit text with
// few control characters (Windows-1252/Latin-1).
func looksText(head []byte) bool {
	if len(head) == 0 {
		return false
	}
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return true
	}
	ctl := 0
	for _, b := range head {
		if b == 0 {
			return false
		}
		if b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' {
			ctl++
		}
	}
	// Invalid UTF-8 is still text: it is decoded as Windows-1252 later.
	return ctl*20 <= len(head) || utf8.Valid(head)
}
