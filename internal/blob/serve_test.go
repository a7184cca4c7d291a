package blob

import (
	"net/http"
	"strings"
	"testing"
)

func TestContentDisposition(t *testing.T) {
	for name, want := range map[string]string{
		"cv.pdf":           `attachment; filename=cv.pdf`,
		"Lebenslauf ü.pdf": `filename*=UTF-8''Lebenslauf%20%C3%BC.pdf`,
		"a\"b\r\nc.pdf":    `attachment; filename=`,
	} {
		got := ContentDisposition("attachment", name)
		if !strings.Contains(got, want) || strings.ContainsAny(got, "\r\n") {
			t.Errorf("%q → %q, want it to contain %q", name, got, want)
		}
	}
	if got := ContentDisposition("inline", "cv.pdf"); got != "inline; filename=cv.pdf" {
		t.Errorf("inline → %q", got)
	}
}

// An uploaded HTML page goes out as bytes to save, never as a page of ours.
func TestSetDownloadHeaders(t *testing.T) {
	hd := http.Header{}
	SetDownloadHeaders(hd, "page.html", "text/html; charset=utf-8", 42)
	for k, want := range map[string]string{
		"Content-Type": "application/octet-stream", "X-Content-Type-Options": "nosniff", "Content-Length": "42",
		"Content-Security-Policy": "sandbox; default-src 'none'", "Content-Disposition": "attachment; filename=page.html",
	} {
		if got := hd.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	hd = http.Header{}
	SetDownloadHeaders(hd, "cv.pdf", TypePDF, 0)
	if hd.Get("Content-Type") != TypePDF || hd.Get("Content-Length") != "" {
		t.Errorf("pdf headers %v", hd)
	}
}
