package web

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

var documentKinds = map[string]bool{"resume": true, "cover_letter": true, "other": true}

func (h *Handler) documentUpload(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	// The request may be a little larger than the document for the other
	// form fields and the multipart framing.
	r.Body = http.MaxBytesReader(w, r.Body, h.maxDoc+64<<10)
	// Small parts stay in memory; a large file spills to a temp file the server removes after the request.
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.uploadFailed(w, r, blob.TooLarge(h.maxDoc))
			return
		}
		h.uploadFailed(w, r, fieldError("file", "Please choose a file to upload.", "is required"))
		return
	}
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
	head := make([]byte, blob.SniffLen)
	n, err := io.ReadFull(file, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		h.fail(w, r, err)
		return
	}
	head = head[:n]
	ctype, ok := blob.Sniff(head)
	if !ok {
		h.uploadFailed(w, r, fieldError("file", "This kind of file can't be uploaded.",
			"must be a PDF, Word, OpenDocument, RTF, text, HTML, PNG or JPEG file"))
		return
	}
	kind := r.PostForm.Get("kind")
	if !documentKinds[kind] {
		kind = "other"
	}
	key, size, sum, err := h.blobs.Put(ctx, io.MultiReader(bytes.NewReader(head), file), h.maxDoc)
	if err != nil {
		h.uploadFailed(w, r, err)
		return
	}
	_, err = h.svc.AddDocument(ctx, hiring.NewDocument{
		CandidateID:   id,
		ApplicationID: r.PostForm.Get("application_id"),
		Kind:          kind,
		FileName:      safeFileName(header.Filename),
		ContentType:   ctype,
		Size:          size,
		SHA256:        sum,
		BlobKey:       key,
	})
	if err != nil {
		// The metadata was refused, so nothing refers to the bytes: remove them.
		if derr := h.blobs.Delete(ctx, key); derr != nil {
			h.log.WarnContext(ctx, "web: removing orphan upload", "key", key, "err", derr)
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

// safeFileName keeps the base name of an uploaded file, without paths,
// control characters or quotes, at most 200 bytes.
func safeFileName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Base(name)
	if !utf8.ValidString(name) {
		name = strings.ToValidUTF8(name, "_")
	}
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '"' || r == '/' || r == ';' {
			return '_'
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	for len(name) > 200 {
		_, size := utf8.DecodeLastRuneInString(name)
		name = name[:len(name)-size]
	}
	if name == "" || name == "." || name == ".." {
		return "document"
	}
	return name
}
