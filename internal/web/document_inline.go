package web

import (
	"io"
	"net/http"
	"strconv"

	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/hiring"
)

// documentInline shows a PDF in the candidate page's frame. The response
// is sandboxed (no scripts, no same origin, nothing loaded), not sniffed,
// and framable only by our own pages; any other type is refused, since
// only a PDF viewer renders it inertly.
func (h *Handler) documentInline(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	doc, err := h.svc.Document(ctx, r.PathValue("id"), false)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if doc.ContentType != blob.TypePDF {
		h.fail(w, r, hiring.ErrNotFound("Inline view"))
		return
	}
	rc, err := h.blobs.Open(ctx, doc.BlobKey)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	defer rc.Close()
	hd := w.Header()
	hd.Set("Content-Type", blob.TypePDF)
	hd.Set("Content-Disposition", blob.ContentDisposition("inline", doc.FileName))
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Content-Security-Policy", "sandbox; default-src 'none'; frame-ancestors 'self'")
	hd.Set("X-Frame-Options", "SAMEORIGIN")
	hd.Set("Cache-Control", "private, no-store")
	if doc.Size > 0 {
		hd.Set("Content-Length", strconv.FormatInt(doc.Size, 10))
	}
	if _, err := io.Copy(w, rc); err != nil {
		h.log.WarnContext(ctx, "web: sending inline document", "document", doc.ID, "err", err)
	}
}
