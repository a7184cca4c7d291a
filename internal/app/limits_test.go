package app_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/app/apptest"
	"github.com/candor-ats/candor/internal/config"
	"github.com/candor-ats/candor/internal/hiring"
)

// TestOneDocumentCap: the configured document cap is the one the UI, the
// API and the parser apply, so a document one of them takes is never one
// another refuses.
func TestOneDocumentCap(t *testing.T) {
	a := apptest.New(t, apptest.Options{Configure: func(c *config.Config) { c.MaxDocumentBytes = 1 << 20 }})
	u := a.CreateUser(hiring.RoleRecruiter)
	cand, err := a.DB.CreateCandidate(a.As(u), hiring.CandidateInput{FirstName: "Ada", LastName: "Lovelace", Emails: []string{"ada@example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := a.Parsing.MaxBytes(); got != 1<<20 {
		t.Errorf("parser cap = %d, want the configured 1 MB", got)
	}
	big := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("a"), 1<<20)...) // 1 MB + 9 bytes

	// UI: the form again, the message under the file input.
	c := a.Client()
	a.Login(c, u.Email, apptest.Password)
	body, ctype := multipartFile(t, "big.pdf", big, "csrf_token", a.CSRFToken(c), "kind", "resume")
	req, _ := http.NewRequest("POST", a.URL+"/candidates/"+cand.ID+"/documents", body)
	req.Header.Set("Content-Type", ctype)
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(page), "larger than 1 MB") {
		t.Errorf("UI: %d, message shown: %v", res.StatusCode, strings.Contains(string(page), "larger than 1 MB"))
	}

	// API: 413 problem naming the field.
	body, ctype = multipartFile(t, "big.pdf", big, "kind", "resume")
	req = a.APIRequest("POST", "/api/v1/candidates/"+cand.ID+"/documents", a.APIToken(u), body)
	req.Header.Set("Content-Type", ctype)
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var p struct {
		Errors []hiring.FieldError `json:"errors"`
	}
	_ = json.NewDecoder(res.Body).Decode(&p)
	res.Body.Close()
	if res.StatusCode != http.StatusRequestEntityTooLarge || len(p.Errors) != 1 || p.Errors[0].Field != "file" ||
		p.Errors[0].Message != "is larger than 1 MB" {
		t.Errorf("API: %d %+v", res.StatusCode, p.Errors)
	}
	if docs, err := a.DB.Documents(a.System(), cand.ID); err != nil || len(docs) != 0 {
		t.Errorf("refused uploads were recorded: %v %v", docs, err)
	}
}

func multipartFile(t *testing.T, name string, data []byte, fields ...string) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for i := 0; i+1 < len(fields); i += 2 {
		_ = mw.WriteField(fields[i], fields[i+1])
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = fw.Write(data)
	_ = mw.Close()
	return &buf, mw.FormDataContentType()
}
