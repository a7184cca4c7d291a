package auth_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/hiring"
)

// multipartBody writes fields in order ("file" gets size bytes as a file).
func multipartBody(t *testing.T, size int, fields ...string) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for i := 0; i+1 < len(fields); i += 2 {
		if fields[i] == "file" {
			fw, err := mw.CreateFormFile("file", "cv.pdf")
			if err != nil {
				t.Fatal(err)
			}
			_, _ = fw.Write(bytes.Repeat([]byte("x"), size))
			continue
		}
		_ = mw.WriteField(fields[i], fields[i+1])
	}
	_ = mw.Close()
	return &buf, mw.FormDataContentType()
}

// counting counts what the server read of a body.
type counting struct {
	r io.Reader
	n int
}

func (c *counting) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

// TestCSRFMultipart: an upload's token is its form's first field, read from
// the head of the stream; the handler still gets the whole form, and no
// temp file outlives the request. Signed-out bodies are cut at their cap
// before anything reads further.
func TestCSRFMultipart(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where mime/multipart spills large files
	each(t, func(t *testing.T, h *harness) {
		h.user("ada@example.com", hiring.RoleRecruiter)
		b := h.browser("10.0.0.2")
		if rec := b.login("ada@example.com", goodPassword); rec.Code != http.StatusNoContent {
			t.Fatalf("login: %d %s", rec.Code, rec.Body)
		}
		tok := b.token()
		const size = 3 << 20 // over the 1 MB kept in memory: spills to a temp file

		body, ct := multipartBody(t, size, auth.CSRFField, tok, "kind", "resume", "file", "")
		rec := b.send("POST", "/upload", body, ct, nil)
		var got struct {
			Kind string `json:"kind"`
			Size int    `json:"size"`
		}
		_ = json.Unmarshal(rec.Body.Bytes(), &got)
		if rec.Code != http.StatusOK || got.Kind != "resume" || got.Size != size {
			t.Fatalf("upload with the token first: %d %s", rec.Code, rec.Body)
		}
		body, ct = multipartBody(t, 10, "kind", "resume", "file", "", auth.CSRFField, tok)
		if rec := b.send("POST", "/upload", body, ct, nil); rec.Code != http.StatusForbidden {
			t.Fatalf("token after the file: %d %s", rec.Code, rec.Body)
		}
		body, ct = multipartBody(t, 10, auth.CSRFField, tok+"x", "file", "")
		if rec := b.send("POST", "/upload", body, ct, nil); rec.Code != http.StatusForbidden {
			t.Fatalf("wrong token: %d %s", rec.Code, rec.Body)
		}
		body, ct = multipartBody(t, 10, "kind", "other", "file", "")
		if rec := b.send("POST", "/upload", body, ct, http.Header{http.CanonicalHeaderKey(auth.CSRFHeader): {tok}}); rec.Code != http.StatusOK {
			t.Fatalf("token in the header: %d %s", rec.Code, rec.Body)
		}
		// A handler that is not an upload reads nothing from a multipart body.
		body, ct = multipartBody(t, 33<<20, auth.CSRFField, tok, "kind", "resume", "file", "")
		if rec := b.send("POST", "/stray", body, ct, nil); rec.Code != http.StatusOK || rec.Body.Len() != 0 {
			t.Fatalf("stray form read: %d %q", rec.Code, rec.Body)
		}

		// Signed out: the token check reads no more than the cap.
		anon := h.browser("10.0.0.3")
		atok := anon.token()
		big, ct := multipartBody(t, 1<<20, auth.CSRFField, atok, "file", "")
		c := &counting{r: big}
		if rec := anon.send("POST", "/upload", c, ct, nil); rec.Code != http.StatusUnauthorized || c.n > auth.AnonymousBodyBytes+1 {
			t.Errorf("anonymous upload: %d, %d bytes read", rec.Code, c.n)
		}
		form := url.Values{auth.CSRFField: {atok}, "email": {strings.Repeat("a", 1<<20)}}
		c = &counting{r: strings.NewReader(form.Encode())}
		if rec := anon.send("POST", "/me", c, "application/x-www-form-urlencoded", nil); rec.Code != http.StatusForbidden || c.n > auth.AnonymousBodyBytes+1 {
			t.Errorf("anonymous form: %d, %d bytes read", rec.Code, c.n)
		}
		// A route that takes anonymous bodies has its own cap (16 KB here).
		c = &counting{r: strings.NewReader(form.Encode())}
		if rec := anon.send("POST", "/login", c, "application/x-www-form-urlencoded", nil); rec.Code != http.StatusUnprocessableEntity || c.n > 16<<10+1 {
			t.Errorf("anonymous sign-in over its cap: %d, %d bytes read", rec.Code, c.n)
		}
	})
	left, err := os.ReadDir(tmp)
	if err != nil || len(left) != 0 {
		t.Fatalf("temp files left: %v %v", left, err)
	}
}
