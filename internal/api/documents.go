package api

import (
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"time"

	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/hiring"
)

type documentJSON struct {
	ID            string    `json:"id"`
	CandidateID   string    `json:"candidate_id"`
	ApplicationID string    `json:"application_id"`
	Kind          string    `json:"kind"`
	FileName      string    `json:"file_name"`
	ContentType   string    `json:"content_type"`
	Size          int64     `json:"size"`
	SHA256        string    `json:"sha256"`
	UploadedByID  string    `json:"uploaded_by_id"`
	ParseStatus   string    `json:"parse_status"` // pending, parsed, failed; none for documents not parsed
	ParseError    string    `json:"parse_error"`
	CreatedAt     time.Time `json:"created_at"`
}

func toDocumentJSON(d hiring.Document) documentJSON {
	return documentJSON{ID: d.ID, CandidateID: d.CandidateID, ApplicationID: d.ApplicationID, Kind: d.Kind,
		FileName: d.FileName, ContentType: d.ContentType, Size: d.Size, SHA256: d.SHA256,
		UploadedByID: d.UploadedByID, ParseStatus: parseStatusName(d), ParseError: d.ParseError, CreatedAt: d.CreatedAt}
}

func (h *handler) listDocuments(w http.ResponseWriter, r *http.Request) {
	docs, err := h.svc.Documents(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(mapList(docs, toDocumentJSON), ""))
}

func (h *handler) getDocument(w http.ResponseWriter, r *http.Request) {
	d, err := h.svc.Document(r.Context(), r.PathValue("id"), false)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toDocumentJSON(d))
}

// uploadDocument takes multipart/form-data with one "file" part and
// optional "kind" and "application_id" fields. The type comes from the
// bytes, never the name; the blob is written (fsynced) before the record,
// and removed again when the record is refused.
func (h *handler) uploadDocument(w http.ResponseWriter, r *http.Request) {
	if h.blobs == nil {
		h.fail(w, r, errors.New("api: no blob store configured"))
		return
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		h.fail(w, r, statusError(http.StatusUnsupportedMediaType, "Upload documents as multipart/form-data with a file part."))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, h.maxDoc+64<<10)
	mr, err := r.MultipartReader()
	if err != nil {
		h.fail(w, r, statusError(http.StatusBadRequest, "The multipart body could not be read."))
		return
	}
	in := hiring.NewDocument{CandidateID: r.PathValue("id"), Kind: "resume"}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			h.fail(w, r, uploadReadError(err, h.maxDoc))
			return
		}
		switch part.FormName() {
		case "kind", "application_id":
			v, err := partText(part, 200, h.maxDoc)
			if err != nil {
				h.cleanup(r, in.BlobKey)
				h.fail(w, r, err)
				return
			}
			if part.FormName() == "kind" {
				in.Kind = v
			} else {
				in.ApplicationID = v
			}
		case "file":
			if in.BlobKey != "" {
				h.fail(w, r, fieldError(http.StatusBadRequest, "Send one file per request.", "file", "was sent twice"))
				return
			}
			if err := h.storeUpload(r, part, &in); err != nil {
				h.fail(w, r, err)
				return
			}
		default:
			h.cleanup(r, in.BlobKey)
			h.fail(w, r, fieldError(http.StatusBadRequest, "The upload has an unknown part.", part.FormName(), "is not a known field"))
			return
		}
	}
	if in.BlobKey == "" {
		h.fail(w, r, fieldError(http.StatusUnprocessableEntity, "Attach a file.", "file", "is required"))
		return
	}
	d, err := h.svc.AddDocument(r.Context(), in)
	if err != nil {
		h.cleanup(r, in.BlobKey)
		h.fail(w, r, err)
		return
	}
	writeCreated(w, "/documents/"+d.ID, 0, toDocumentJSON(d))
}

func (h *handler) storeUpload(r *http.Request, part *multipart.Part, in *hiring.NewDocument) error {
	f, err := blob.Save(r.Context(), h.blobs, part, part.FileName(), h.maxDoc)
	if err != nil {
		return storeError(err, h.maxDoc)
	}
	in.BlobKey, in.Size, in.SHA256, in.ContentType, in.FileName = f.Key, f.Size, f.SHA256, f.ContentType, f.FileName
	return nil
}

// uploadReadError answers a failed read of a multipart body: over the body
// cap it is the file that is too large, anything else a broken body.
func uploadReadError(err error, limit int64) error {
	if isTooLarge(err) {
		return tooLarge(limit)
	}
	return statusError(http.StatusBadRequest, "The upload could not be read.")
}

// storeError answers a failed store of an uploaded file: too large the same
// way whichever cap (the body's or the blob store's) noticed first, a broken
// body as the client's fault; other errors (a refused type, a full disk)
// pass through unchanged.
func storeError(err error, limit int64) error {
	var re *blob.ReadError
	if isTooLarge(err) || errors.As(err, &re) {
		return uploadReadError(err, limit)
	}
	return err
}

func isTooLarge(err error) bool {
	var mb *http.MaxBytesError
	return errors.As(err, &mb) || errors.Is(err, blob.ErrTooLarge)
}

// tooLarge is 413 rather than blob.TooLarge's 422: the request entity is what
// is too large, and clients retrying a smaller file key on the status.
func tooLarge(limit int64) *httpError {
	e := blob.TooLarge(limit)
	return fieldError(http.StatusRequestEntityTooLarge, hiring.ErrorMessage(e), "file", hiring.ErrorFields(e)[0].Message)
}

func (h *handler) cleanup(r *http.Request, key string) {
	if key == "" {
		return
	}
	if err := h.blobs.Delete(r.Context(), key); err != nil {
		h.log.WarnContext(r.Context(), "api: removing refused upload", "key", key, "err", err)
	}
}

// documentContent streams the file as an attachment; the download is
// recorded on the candidate's timeline by the service.
func (h *handler) documentContent(w http.ResponseWriter, r *http.Request) {
	if h.blobs == nil {
		h.fail(w, r, errors.New("api: no blob store configured"))
		return
	}
	d, err := h.svc.Document(r.Context(), r.PathValue("id"), true)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rc, err := h.blobs.Open(r.Context(), d.BlobKey)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	defer rc.Close()
	blob.SetDownloadHeaders(w.Header(), d.FileName, d.ContentType, d.Size)
	_, _ = io.Copy(w, rc)
}

func (h *handler) deleteDocument(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.DeleteDocument(r.Context(), r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
