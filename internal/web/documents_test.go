package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
)

func (f *fixture) upload(c *http.Client, candID, name string, data []byte) response {
	f.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("csrf_token", f.app.CSRFToken(c))
	_ = mw.WriteField("kind", "resume")
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		f.t.Fatal(err)
	}
	_, _ = fw.Write(data)
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, f.app.URL+"/candidates/"+candID+"/documents", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Accept", "text/html")
	return f.do(c, req)
}

func TestDocumentUploadAndDownload(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.as(f.recruiter)
	pdf := []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
	f.upload(c, f.cand.ID, `..\..\<b>evil"name.pdf`, pdf).redirectsTo(t, "/candidates/"+f.cand.ID)

	docs, err := f.app.DB.Documents(f.app.System(), f.cand.ID)
	if err != nil || len(docs) != 1 {
		t.Fatalf("documents: %v %d", err, len(docs))
	}
	d := docs[0]
	if d.ContentType != "application/pdf" || d.FileName != "bevilname.pdf" { // blob.CleanName, as in the API and imports
		t.Fatalf("stored %+v", d)
	}
	f.get(c, "/candidates/"+f.cand.ID).must(t, http.StatusOK, "/documents/"+d.ID+"/download")

	r := f.get(c, "/documents/"+d.ID+"/download")
	r.must(t, http.StatusOK)
	if r.body != string(pdf) {
		t.Fatal("downloaded bytes differ")
	}
	if cd := r.header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") {
		t.Fatalf("Content-Disposition %q", cd)
	}
	if r.header.Get("X-Content-Type-Options") != "nosniff" || r.header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("headers %v", r.header)
	}
	// Outsiders can't download it, and learn nothing about it.
	f.get(f.as(f.outsider), "/documents/"+d.ID+"/download").must(t, http.StatusNotFound)

	// An executable dressed as a PDF is refused with a message under the file input.
	elf := append([]byte("\x7fELF\x02\x01\x01"), make([]byte, 100)...)
	f.upload(c, f.cand.ID, "resume.pdf", elf).must(t, http.StatusUnprocessableEntity, `id="e-file"`)
	if docs, _ := f.app.DB.Documents(f.app.System(), f.cand.ID); len(docs) != 1 {
		t.Fatal("refused file was recorded")
	}
	// Too large.
	big := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("a"), 10<<20+10)...)
	if r := f.upload(c, f.cand.ID, "big.pdf", big); r.status != http.StatusUnprocessableEntity && r.status != http.StatusRequestEntityTooLarge {
		t.Fatalf("oversized upload: %d", r.status)
	}

	f.post(c, "/documents/"+d.ID+"/delete", nil).redirectsTo(t, "/candidates/"+f.cand.ID)
	f.get(c, "/documents/"+d.ID+"/download").must(t, http.StatusNotFound)
}

// TestBidiFileNameIsStripped: a right-to-left override would make
// "invoice\u202efdp.bat" read as "invoicetab.pdf"; the name is stored and
// shown without it (blob.CleanName, the one cleaner of uploaded names).
func TestBidiFileNameIsStripped(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.as(f.recruiter)
	f.upload(c, f.cand.ID, "invoice\u202efdp.bat", []byte("Plain text resume\n")).redirectsTo(t, "/candidates/"+f.cand.ID)
	docs, err := f.app.DB.Documents(f.app.System(), f.cand.ID)
	if err != nil || len(docs) != 1 {
		t.Fatalf("documents: %v %d", err, len(docs))
	}
	if docs[0].FileName != "invoicefdp.bat" {
		t.Errorf("stored name %q", docs[0].FileName)
	}
	page := f.get(c, "/candidates/"+f.cand.ID)
	page.must(t, http.StatusOK, "invoicefdp.bat")
	if strings.ContainsRune(page.body, '\u202e') {
		t.Error("the page holds the override character")
	}
	if cd := f.get(c, "/documents/"+docs[0].ID+"/download").header.Get("Content-Disposition"); strings.ContainsRune(cd, '\u202e') || strings.Contains(cd, "%E2%80%AE") {
		t.Errorf("Content-Disposition %q", cd)
	}
}
