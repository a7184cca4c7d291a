package blob

import (
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// SetDownloadHeaders prepares a response that hands a stored document over
// as an attachment and never as a page of ours: its sniffed type (HTML sent
// as bytes), no sniffing, a sandbox, no caching, and the file name both as
// ASCII and exactly (RFC 6266 / 5987). size ≤ 0 leaves the length out.
func SetDownloadHeaders(hd http.Header, name, contentType string, size int64) {
	if contentType == "" || strings.HasPrefix(contentType, "text/html") {
		contentType = "application/octet-stream"
	}
	hd.Set("Content-Type", contentType)
	hd.Set("Content-Disposition", ContentDisposition("attachment", name))
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	hd.Set("Cache-Control", "private, no-store")
	if size > 0 {
		hd.Set("Content-Length", strconv.FormatInt(size, 10))
	}
}

// ContentDisposition is a disposition ("attachment" or "inline") with the
// cleaned file name as an ASCII fallback and, when that differs, exactly in
// UTF-8.
func ContentDisposition(disposition, name string) string {
	name = CleanName(name)
	ascii := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' || r == '%' {
			return '_'
		}
		return r
	}, name)
	v := mime.FormatMediaType(disposition, map[string]string{"filename": ascii})
	if v == "" {
		v = disposition + `; filename="document"`
	}
	if ascii != name {
		v += "; filename*=UTF-8''" + encodeRFC5987(name)
	}
	return v
}

func encodeRFC5987(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
