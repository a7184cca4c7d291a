package api_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

// upload posts a multipart document as role.
func (e *env) upload(role hiring.Role, candidateID, fileName string, content []byte, fields ...string) resp {
	e.t.Helper()
	ctype, body := multipartBody(e.t, fields, fileName, content, nil)
	return e.post(role, "/candidates/"+candidateID+"/documents", ctype, body)
}

func TestDocuments(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		cand := e.candidate("Doc", "doc@example.com")["id"].(string)
		pdf := []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
		doc := e.upload(hiring.RoleRecruiter, cand, `..\<i>evil/"cv".pdf`, pdf, "kind", "resume").want(201).obj()
		// The name is cleaned by blob.CleanName, as in the UI and imports.
		if doc["content_type"] != "application/pdf" || doc["size"].(float64) != float64(len(pdf)) || doc["file_name"] != "cv.pdf" {
			t.Errorf("uploaded %v", doc)
		}
		id := doc["id"].(string)

		// The type comes from the bytes: an executable named .pdf is refused.
		if p := e.upload(hiring.RoleRecruiter, cand, "cv.pdf", []byte("MZ\x90\x00\x03 this is a program"), "kind", "resume").problem(422, "file"); p.Code != hiring.EInvalid {
			t.Errorf("refused file type: code %q, want %q", p.Code, hiring.EInvalid)
		}
		e.upload(hiring.RoleRecruiter, cand, "cv.pdf", pdf, "colour", "red").problem(400, "colour")
		e.as(hiring.RoleRecruiter, "POST", "/candidates/"+cand+"/documents", `{"file":"x"}`).problem(415)

		var list struct{ Data []map[string]any }
		e.as(hiring.RoleRecruiter, "GET", "/candidates/"+cand+"/documents", nil).want(200).into(&list)
		if len(list.Data) != 1 {
			t.Fatalf("documents %v", list.Data)
		}
		got := e.as(hiring.RoleRecruiter, "GET", "/documents/"+id+"/content", nil).want(200)
		if !bytes.Equal(got.Body, pdf) || got.Header.Get("X-Content-Type-Options") != "nosniff" ||
			!strings.HasPrefix(got.Header.Get("Content-Disposition"), "attachment") {
			t.Errorf("download headers %v", got.Header)
		}
		e.as(hiring.RoleInterviewer, "GET", "/documents/"+id, nil).problem(404)
		e.as(hiring.RoleInterviewer, "GET", "/documents/"+id+"/content", nil).problem(404)
		e.as(hiring.RoleRecruiter, "DELETE", "/documents/"+id, nil).want(204)
		e.as(hiring.RoleRecruiter, "GET", "/documents/"+id, nil).problem(404)
	})
}

// TestDocumentSizeCap: the API takes documents up to the same 10 MB as the
// UI and the parser, and answers a larger one 413 naming the file field,
// whether the body cap or the blob store's cap notices first.
func TestDocumentSizeCap(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		cand := e.candidate("Big", "big@example.com")["id"].(string)
		pdf := func(n int) []byte { return append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("a"), n-9)...) }
		e.upload(hiring.RoleRecruiter, cand, "exact.pdf", pdf(10<<20), "kind", "resume").want(201)
		for _, n := range []int{10<<20 + 1, 12 << 20} {
			p := e.upload(hiring.RoleRecruiter, cand, "big.pdf", pdf(n), "kind", "resume").problem(413, "file")
			if !strings.Contains(p.Detail, "10 MB") {
				t.Errorf("%d bytes: detail %q does not give the limit", n, p.Detail)
			}
		}
		var list struct{ Data []map[string]any }
		e.as(hiring.RoleRecruiter, "GET", "/candidates/"+cand+"/documents", nil).want(200).into(&list)
		if len(list.Data) != 1 {
			t.Fatalf("documents after refusals: %v", list.Data)
		}
	})
}
