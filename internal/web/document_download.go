package web

import (
	"io"
	"net/http"

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
	blob.SetDownloadHeaders(w.Header(), doc.FileName, doc.ContentType, doc.Size)
	if _, err := io.Copy(w, rc); err != nil {
		h.log.WarnContext(ctx, "web: sending document", "document", doc.ID, "err", err)
	}
}
