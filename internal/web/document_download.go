package web

import (
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/candor-ats/candor/internal/blob"
)

// documentDownload serves a stored file only as an attachment, with its
// sniffed type and nosniff, so an uploaded HTML page can never run as ours.
func (h *Handler) documentDownload(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	doc, err := h.svc.Document(ctx, r.PathValue("id"), true)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rc, err := h.blobs.Open(ctx, doc.BlobKey)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	defer rc.Close()
	hd := w.Header()
	ctype := doc.ContentType
	if ctype == "" || strings.HasPrefix(ctype, "text/html") {
		ctype = "application/octet-stream"
	}
	hd.Set("Content-Type", ctype)
	hd.Set("Content-Disposition", attachment(doc.FileName))
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	hd.Set("Cache-Control", "private, no-store")
	if doc.Size > 0 {
		hd.Set("Content-Length", strconv.FormatInt(doc.Size, 10))
	}
	if _, err := io.Copy(w, rc); err != nil {
		h.log.WarnContext(ctx, "web: sending document", "document", doc.ID, "err", err)
	}
}

// attachment builds a Content-Disposition with an ASCII fallback name and the
// exact UTF-8 name (RFC 6266 / 5987).
func attachment(name string) string {
	name = blob.CleanName(name)
	ascii := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' || r == '%' {
			return '_'
		}
		return r
	}, name)
	v := mime.FormatMediaType("attachment", map[string]string{"filename": ascii})
	if v == "" {
		v = `attachment; filename="document"`
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
