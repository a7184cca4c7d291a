package api_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/parsing/parsingtest"
)

// post sends a raw body with a content type as role.
func (e *env) post(role hiring.Role, path, ctype string, body []byte) resp {
	e.t.Helper()
	req, _ := http.NewRequestWithContext(e.t.Context(), "POST", e.srv.URL+"/api/v1"+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("Authorization", "Bearer "+e.tokens[role])
	res, err := e.srv.Client().Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return resp{t: e.t, Status: res.StatusCode, Header: res.Header, Body: b}
}

func TestDocumentProfileAPI(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		c, err := e.db.CreateCandidate(e.sys(), hiring.CandidateInput{FirstName: "Jane"})
		if err != nil {
			t.Fatal(err)
		}
		up := e.upload(hiring.RoleRecruiter, c.ID, "jane.pdf", parsingtest.PDF(parsingtest.Resume...)).want(http.StatusCreated).obj()
		if up["parse_status"] != "pending" || up["parse_error"] != "" {
			t.Fatalf("upload answer = %v", up)
		}
		id := up["id"].(string)
		var before struct {
			ParseStatus string `json:"parse_status"`
			Profile     any    `json:"profile"`
		}
		e.as(hiring.RoleRecruiter, "GET", "/documents/"+id+"/profile", nil).want(http.StatusOK).into(&before)
		if before.ParseStatus != "pending" || before.Profile != nil {
			t.Fatalf("before parsing: %+v", before)
		}
		if err := e.parsing.ParseDocument(context.Background(), id); err != nil {
			t.Fatal(err)
		}
		var got struct {
			ParseStatus string `json:"parse_status"`
			Version     int    `json:"version"`
			Profile     struct {
				Basics struct {
					Email string `json:"email"`
					Phone string `json:"phone"`
					Label string `json:"label"`
				} `json:"basics"`
				Skills []struct{ Name string } `json:"skills"`
			} `json:"profile"`
			EditedFields []string `json:"edited_fields"`
			Text         string   `json:"text"`
		}
		r := e.as(hiring.RoleRecruiter, "GET", "/documents/"+id+"/profile", nil).want(http.StatusOK)
		r.into(&got)
		if got.ParseStatus != "parsed" || got.Profile.Basics.Email != "jane.doe@example.com" || got.Profile.Basics.Phone != "+14155550134" ||
			!strings.Contains(got.Text, "Initech") || r.Header.Get("ETag") != `W/"1"` {
			t.Fatalf("profile = %+v etag %q", got, r.Header.Get("ETag"))
		}
		e.as(hiring.RoleRecruiter, "GET", "/documents/"+id, nil).want(http.StatusOK)

		path := "/documents/" + id + "/profile"
		e.as(hiring.RoleRecruiter, "PATCH", path, map[string]any{"field": "basics.label", "value": "Staff"}).want(http.StatusPreconditionRequired)
		e.as(hiring.RoleRecruiter, "PATCH", path, map[string]any{"field": "basics.nope", "value": "x", "version": 1}).problem(http.StatusUnprocessableEntity, "field")
		e.as(hiring.RoleRecruiter, "PATCH", path, map[string]any{"field": "basics.email", "value": "nope", "version": 1}).problem(http.StatusUnprocessableEntity, "value")
		e.as(hiring.RoleInterviewer, "PATCH", path, map[string]any{"field": "basics.label", "value": "x", "version": 1}).want(http.StatusNotFound)
		e.as(hiring.RoleHiringManager, "PATCH", path, map[string]any{"field": "basics.label", "value": "x", "version": 1}).want(http.StatusNotFound)
		r = e.as(hiring.RoleRecruiter, "PATCH", path, map[string]any{"field": "basics.label", "value": "Staff Engineer"}, `If-Match: W/"1"`).want(http.StatusOK)
		r.into(&got)
		if got.Profile.Basics.Label != "Staff Engineer" || got.Version != 2 || len(got.EditedFields) != 1 || r.Header.Get("ETag") != `W/"2"` {
			t.Fatalf("after PATCH: %+v", got)
		}
		e.as(hiring.RoleRecruiter, "PATCH", path, map[string]any{"field": "basics.label", "value": "x", "version": 1}).want(http.StatusPreconditionFailed)
		cand, err := e.db.Candidate(e.sys(), c.ID)
		if err != nil || cand.Headline != "Staff Engineer" {
			t.Fatalf("headline = %q (%v): a label correction is the candidate's headline", cand.Headline, err)
		}
	})
}

func TestParseOnlyAPI(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		var p struct {
			Basics struct{ Name, Email string } `json:"basics"`
			Meta   struct{ Text string }        `json:"meta"`
		}
		// Raw body.
		e.post(hiring.RoleInterviewer, "/parse", "application/pdf", parsingtest.PDF(parsingtest.Resume...)).want(http.StatusOK).into(&p)
		if p.Basics.Name != "Jane Doe" || p.Basics.Email != "jane.doe@example.com" || !strings.Contains(p.Meta.Text, "Acme") {
			t.Fatalf("raw parse = %+v", p)
		}
		// Multipart.
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("file", "jane.docx")
		fw.Write(parsingtest.DOCX(parsingtest.Resume...))
		mw.Close()
		p.Basics.Name = ""
		e.post(hiring.RoleRecruiter, "/parse", mw.FormDataContentType(), buf.Bytes()).want(http.StatusOK).into(&p)
		if p.Basics.Name != "Jane Doe" {
			t.Fatalf("multipart parse = %+v", p)
		}
		// Unreadable, empty, too large, anonymous.
		pr := e.post(hiring.RoleRecruiter, "/parse", "application/pdf", parsingtest.EncryptedPDF()).problem(http.StatusUnprocessableEntity, "file")
		if !strings.Contains(pr.Detail, "Encrypted") {
			t.Fatalf("encrypted: %+v", pr)
		}
		e.post(hiring.RoleRecruiter, "/parse", "application/pdf", nil).problem(http.StatusUnprocessableEntity, "file")
		e.post(hiring.RoleRecruiter, "/parse", "application/pdf", bytes.Repeat([]byte("a"), 11<<20)).problem(http.StatusRequestEntityTooLarge, "file")
		e.call("", "POST", "/parse", "x").want(http.StatusUnauthorized)
		// Nothing was stored.
		var n int
		if err := e.db.Reader().QueryRow("SELECT COUNT(*) FROM document_profiles").Scan(&n); err != nil || n != 0 {
			t.Fatalf("parse-only stored %d profiles (%v)", n, err)
		}
	})
}
