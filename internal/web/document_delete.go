package web

import "net/http"

func (h *Handler) documentDelete(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	ctx := r.Context()
	doc, err := h.svc.Document(ctx, r.PathValue("id"), false)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	back := "/candidates/" + doc.CandidateID + "#documents"
	if err := h.svc.DeleteDocument(ctx, doc.ID); err != nil {
		if isFormError(err) {
			redirectError(w, r, back, err)
			return
		}
		h.fail(w, r, err)
		return
	}
	// The record is gone; a leftover file would only waste space, so a failure is logged, not shown.
	if err := h.blobs.Delete(ctx, doc.BlobKey); err != nil {
		h.log.WarnContext(ctx, "web: deleting document file", "document", doc.ID, "err", err)
	}
	redirect(w, r, back, "Document deleted.")
}
