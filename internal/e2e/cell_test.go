package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/auth"
)

// fillPath puts the world's IDs into a ServeMux pattern ("/jobs/{id}").
func fillPath(t *testing.T, pattern string, params map[string]string) string {
	t.Helper()
	out := strings.ReplaceAll(pattern, "{$}", "")
	for {
		i := strings.IndexByte(out, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(out[i:], '}')
		name := out[i+1 : i+j]
		v, ok := params[name]
		if !ok || v == "" {
			t.Fatalf("rule for %s gives no value for {%s}", pattern, name)
		}
		out = out[:i] + url.PathEscape(v) + out[i+j+1:]
	}
}

// encode builds the request body: JSON, a urlencoded form, or multipart when
// there is a file. extra fields (the CSRF token) go into forms.
func encode(p payload, extra url.Values) (io.Reader, string, error) {
	switch {
	case p.file != nil:
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		for _, v := range []url.Values{extra, p.form} {
			for k, xs := range v {
				for _, x := range xs {
					if err := mw.WriteField(k, x); err != nil {
						return nil, "", err
					}
				}
			}
		}
		fw, err := mw.CreateFormFile(p.file.field, p.file.name)
		if err != nil {
			return nil, "", err
		}
		if _, err := fw.Write(p.file.content); err != nil {
			return nil, "", err
		}
		if err := mw.Close(); err != nil {
			return nil, "", err
		}
		return &buf, mw.FormDataContentType(), nil
	case p.json != nil:
		b, err := json.Marshal(p.json)
		if err != nil {
			return nil, "", err
		}
		return bytes.NewReader(b), "application/json", nil
	case extra != nil || p.form != nil:
		v := url.Values{}
		for _, src := range []url.Values{extra, p.form} {
			for k, xs := range src {
				v[k] = append(v[k], xs...)
			}
		}
		return strings.NewReader(v.Encode()), "application/x-www-form-urlencoded", nil
	}
	return nil, "", nil
}

// answer is what a cell got back, reduced to what the matrix judges.
type answer struct {
	status   int
	location string
	flash    string // the UI's one-line message after a redirect; "!" starts an error
	body     string // the start of the body, for failure messages
}

func read(res *http.Response) answer {
	defer res.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(res.Body, 2048))
	a := answer{status: res.StatusCode, location: res.Header.Get("Location")}
	for _, c := range res.Cookies() {
		if c.Name == "candor_flash" {
			a.flash, _ = url.QueryUnescape(c.Value)
		}
	}
	a.body = string(b)
	if len(a.body) > 300 {
		a.body = a.body[:300] + "…"
	}
	return a
}

// class maps an answer onto the outcomes of the rule table.
func (a answer) class() outcome {
	switch {
	case a.status == http.StatusUnauthorized:
		return unauth
	case a.status == http.StatusForbidden:
		return forbidden
	case a.status == http.StatusNotFound:
		return hidden
	case a.status == http.StatusUnprocessableEntity:
		return invalid
	case a.status >= 300 && a.status < 400 && (a.location == "/login" || strings.HasPrefix(a.location, "/login?")):
		return toLogin
	case a.status >= 200 && a.status < 400 && strings.HasPrefix(a.flash, "!"):
		// The action reached its handler but was refused with a form error:
		// not "allowed", and the message says why.
		return outcome(fmt.Sprintf("refused with message %q (%d)", a.flash[1:], a.status))
	case a.status >= 200 && a.status < 400:
		return allow
	}
	return outcome(fmt.Sprintf("status %d", a.status))
}

func (a answer) String() string {
	s := fmt.Sprintf("%d", a.status)
	if a.location != "" {
		s += " → " + a.location
	}
	if a.flash != "" {
		s += fmt.Sprintf(" flash %q", a.flash)
	}
	if a.body != "" && (a.status >= 400 || a.status < 200) {
		s += ": " + strings.Join(strings.Fields(stripTags(a.body)), " ")
	}
	return s
}

// stripTags keeps error pages short in failure messages.
func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// webDo sends one UI request on c, with the session's (or pre-session) CSRF
// token on unsafe methods, as a browser's form post would.
func (f *fixture) webDo(t *testing.T, c *http.Client, method, path string, p payload) answer {
	t.Helper()
	var extra url.Values
	if method != http.MethodGet && method != http.MethodHead {
		extra = url.Values{auth.CSRFField: {f.app.CSRFToken(c)}}
	}
	body, ctype, err := encode(p, extra)
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(method, f.app.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	req.Header.Set("Accept", "text/html")
	res, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	return read(res)
}

// apiDo sends one API request with the bearer token ("" for none).
func (f *fixture) apiDo(t *testing.T, token, method, path string, p payload) answer {
	t.Helper()
	body, ctype, err := encode(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	req := f.app.APIRequest(method, path, token, body)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	req.Header.Set("Accept", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	return read(res)
}
