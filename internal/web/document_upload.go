package web

import (
	"errors"
	"net/http"

	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

func (h *Handler) documentUpload(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	// The request may be a little larger than the document for the other
	// form fields and the multipart framing.
	// Small parts stay in memory; a large file spills to a temp file, removed
	// when this handler returns.
	form, err := readMultipart(w, r, h.maxDoc+64<<10)
	if err != nil {
		if hiring.ErrorCode(err) == hiring.EInvalid {
			h.uploadFailed(w, r, err)
			return
		}
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.uploadFailed(w, r, blob.TooLarge(h.maxDoc))
			return
		}
		h.uploadFailed(w, r, fieldError("file", "Please choose a file to upload.", "is required"))
		return
	}
	defer form.RemoveAll()
	file, header, err := r.FormFile("file")
	if err != nil {
		h.uploadFailed(w, r, fieldError("file", "Please choose a file to upload.", "is required"))
		return
	}
	defer file.Close()
	if header.Size > h.maxDoc {
		h.uploadFailed(w, r, blob.TooLarge(h.maxDoc))
		return
	}
	kind := r.PostForm.Get("kind") // the store checks it, as for the API
	f, err := blob.Save(ctx, h.blobs, file, header.Filename, h.maxDoc)
	if err != nil {
		h.uploadFailed(w, r, err)
		return
	}
	_, err = h.svc.AddDocument(ctx, hiring.NewDocument{
		CandidateID:   id,
		ApplicationID: r.PostForm.Get("application_id"),
		Kind:          kind,
		FileName:      f.FileName,
		ContentType:   f.ContentType,
		Size:          f.Size,
		SHA256:        f.SHA256,
		BlobKey:       f.Key,
	})
	if err != nil {
		// The metadata was refused, so nothing refers to the bytes: remove them.
		if derr := h.blobs.Delete(ctx, f.Key); derr != nil {
			h.log.WarnContext(ctx, "web: removing orphan upload", "key", f.Key, "err", derr)
		}
		h.uploadFailed(w, r, err)
		return
	}
	redirect(w, r, "/candidates/"+id+"#documents", "Document uploaded.")
}

func (h *Handler) uploadFailed(w http.ResponseWriter, r *http.Request, err error) {
	if !isFormError(err) {
		h.fail(w, r, err)
		return
	}
	h.renderCandidate(w, r, httperr.Status(err), profileForms{upload: newForm(r.PostForm).withError(err)})
}

func fieldError(field, msg, fieldMsg string) error {
	return &hiring.Error{Code: hiring.EInvalid, Message: msg, Fields: []hiring.FieldError{{Field: field, Message: fieldMsg}}}
}
