package resume

import (
	"archive/zip"
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
)

// Synthetic fixtures. Everything here is invented: no real person's data
// is ever committed (see ../shared/data/README.md).

const fixtureResume = `Jane Q. Example
Senior Software Engineer
jane.example@example.com | +1 415 555 2671 | linkedin.com/in/jane-example | github.com/janeexample
San Francisco, CA
SUMMARY
Backend engineer who builds reliable distributed systems.
SKILLS
Go, JS, k8s, PostgreSQL, Docker, Team Leadership
EXPERIENCE
Senior Software Engineer at Example Corp, San Francisco	Jan 2020 - Present
Built the billing platform in Go.
Software Engineer at Sample Labs	Jun 2016 - Dec 2019
Maintained the React front end.
EDUCATION
B.S. in Computer Science, Example State University	2012 - 2016
LANGUAGES
English (Native), Spanish (Fluent)
CERTIFICATIONS
Certified Kubernetes Administrator 2021`

// pdfText is one string drawn at (x, y) in points from the bottom left.
type pdfText struct {
	x, y, size float64
	s          string
}

type pdfOptions struct {
	encrypt   bool
	count     int // /Count to claim; 0 = real page count
	noText    bool
	compress  bool
	extraData []byte // appended raw content (e.g. a flate bomb)
}

// buildPDF writes a small, valid PDF by hand: Helvetica, one content stream
// per page, a classic xref table.
func buildPDF(pages [][]pdfText, o pdfOptions) []byte {
	var b bytes.Buffer
	var offsets []int
	obj := func(body string) int {
		offsets = append(offsets, b.Len())
		n := len(offsets)
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, body)
		return n
	}
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj("PAGES") // placeholder, rewritten below
	font := obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	var kids []string
	for _, items := range pages {
		var c strings.Builder
		if !o.noText {
			for _, t := range items {
				enc, _ := charmap.Windows1252.NewEncoder().String(t.s)
				esc := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`).Replace(enc)
				fmt.Fprintf(&c, "BT /F1 %.1f Tf %.1f %.1f Td (%s) Tj ET\n", t.size, t.x, t.y, esc)
			}
		} else {
			c.WriteString("q 100 0 0 100 50 600 cm 0.5 g 0 0 1 1 re f Q\n")
		}
		content := []byte(c.String())
		filter := ""
		if o.extraData != nil {
			content = o.extraData
			filter = "/Filter /FlateDecode "
		} else if o.compress {
			var z bytes.Buffer
			w := zlib.NewWriter(&z)
			w.Write(content)
			w.Close()
			content = z.Bytes()
			filter = "/Filter /FlateDecode "
		}
		cs := obj(fmt.Sprintf("<< /Length %d %s>>\nstream\n%s\nendstream", len(content), filter, content))
		p := obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", font, cs))
		kids = append(kids, fmt.Sprintf("%d 0 R", p))
	}
	count := len(pages)
	if o.count > 0 {
		count = o.count
	}
	// Rewrite object 2 now that the kids are known: append a new version and
	// point the xref at it (an incremental-update style file is still valid).
	offsets[1] = b.Len()
	fmt.Fprintf(&b, "2 0 obj\n<< /Type /Pages /Kids [%s] /Count %d >>\nendobj\n", strings.Join(kids, " "), count)
	trailerExtra := ""
	if o.encrypt {
		e := obj("<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <00> /U <00> >>")
		trailerExtra = fmt.Sprintf(" /Encrypt %d 0 R /ID [<01><01>]", e)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, trailerExtra, xref)
	return b.Bytes()
}

// resumePDF lays fixtureResume out on one page, single column.
func resumePDF() []byte {
	var items []pdfText
	y := 750.0
	for _, line := range strings.Split(fixtureResume, "\n") {
		x := 50.0
		for i, part := range strings.Split(line, "\t") {
			if i > 0 {
				x = 420
			}
			items = append(items, pdfText{x, y, 10, part})
		}
		y -= 14
	}
	return buildPDF([][]pdfText{items}, pdfOptions{compress: true})
}

// twoColumnPDF has a sidebar (contact, skills) and a main column whose lines
// do not share baselines with the sidebar.
func twoColumnPDF() []byte {
	var items []pdfText
	items = append(items, pdfText{50, 750, 20, "Jane Q. Example"})
	side := []string{"CONTACT", "jane.example@example.com", "+1 415 555 2671", "SKILLS", "Go", "Kubernetes", "PostgreSQL"}
	for i, s := range side {
		items = append(items, pdfText{50, 700 - float64(i)*17, 9, s})
	}
	main := []string{"EXPERIENCE", "Senior Software Engineer at Example Corp", "Jan 2020 - Present", "Built the billing platform.", "Software Engineer at Sample Labs", "Jun 2016 - Dec 2019", "Maintained the front end."}
	for i, s := range main {
		items = append(items, pdfText{250, 705 - float64(i)*13, 11, s})
	}
	return buildPDF([][]pdfText{items}, pdfOptions{})
}

func manyPagesPDF(n int) []byte {
	pages := make([][]pdfText, n)
	for i := range pages {
		pages[i] = []pdfText{{50, 700, 12, fmt.Sprintf("Page %d", i+1)}}
	}
	return buildPDF(pages, pdfOptions{})
}

// zipFile builds an archive from name → content pairs, in order.
func zipFile(entries ...string) []byte {
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for i := 0; i+1 < len(entries); i += 2 {
		f, _ := w.Create(entries[i])
		f.Write([]byte(entries[i+1]))
	}
	w.Close()
	return b.Bytes()
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func docxFromText(text string) []byte {
	var body strings.Builder
	for _, line := range strings.Split(text, "\n") {
		body.WriteString("<w:p>")
		for i, part := range strings.Split(line, "\t") {
			if i > 0 {
				body.WriteString("<w:r><w:tab/></w:r>")
			}
			fmt.Fprintf(&body, `<w:r><w:t xml:space="preserve">%s</w:t></w:r>`, xmlEscape(part))
		}
		body.WriteString("</w:p>")
	}
	return docxWithBody(body.String())
}

func docxWithBody(body string) []byte {
	return zipFile(
		"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`+body+`</w:body></w:document>`,
	)
}

func odtFromText(text string) []byte {
	var body strings.Builder
	for _, line := range strings.Split(text, "\n") {
		fmt.Fprintf(&body, "<text:p>%s</text:p>", strings.ReplaceAll(xmlEscape(line), "\t", "<text:tab/>"))
	}
	return zipFile(
		"mimetype", "application/vnd.oasis.opendocument.text",
		"content.xml", `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>`+body.String()+`</office:text></office:body></office:document-content>`,
	)
}

func rtfFromText(text string) []byte {
	var b strings.Builder
	b.WriteString(`{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Helvetica;}}{\info{\author Nobody}}` + "\n")
	for _, line := range strings.Split(text, "\n") {
		esc := strings.NewReplacer(`\`, `\\`, `{`, `\{`, `}`, `\}`, "\t", `\tab `).Replace(line)
		b.WriteString(esc + `\par` + "\n")
	}
	b.WriteString(`Caf\'e9 \u8364? r\'e9sum\'e9\par}`)
	return []byte(b.String())
}

func htmlFromText(text string) []byte {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><title>Resume</title><style>p{}</style><script>var x='hidden';</script></head><body>")
	for _, line := range strings.Split(text, "\n") {
		fmt.Fprintf(&b, "<p>%s</p>\n", strings.ReplaceAll(xmlEscape(line), "\t", "&nbsp;&nbsp;"))
	}
	b.WriteString("<p>Caf&eacute; &amp; r&eacute;sum&eacute;</p></body></html>")
	return []byte(b.String())
}

func utf16Text(text string, bigEndian bool) []byte {
	u := utf16.Encode([]rune(text))
	out := []byte{0xFF, 0xFE}
	if bigEndian {
		out = []byte{0xFE, 0xFF}
	}
	for _, c := range u {
		if bigEndian {
			out = append(out, byte(c>>8), byte(c))
		} else {
			out = append(out, byte(c), byte(c>>8))
		}
	}
	return out
}

func cp1252Text(text string) []byte {
	b, _ := charmap.Windows1252.NewEncoder().Bytes([]byte(text))
	return b
}

// fixtures returns one synthetic resume per format.
func fixtures() map[string][]byte {
	withAccents := fixtureResume + "\nCafé résumé naïve – “quoted”"
	return map[string][]byte{
		"pdf":         resumePDF(),
		"pdf-2col":    twoColumnPDF(),
		"docx":        docxFromText(fixtureResume),
		"odt":         odtFromText(fixtureResume),
		"rtf":         rtfFromText(fixtureResume),
		"html":        htmlFromText(fixtureResume),
		"txt-utf8":    []byte(withAccents),
		"txt-utf16le": utf16Text(withAccents, false),
		"txt-utf16be": utf16Text(withAccents, true),
		"txt-cp1252":  cp1252Text(withAccents),
	}
}
