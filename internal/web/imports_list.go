package web

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"

	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/importer"
)

type importsPage struct {
	view
	Imports []hiring.Import
	Next    string
	Form    *form
}

func (h *Handler) importsList(w http.ResponseWriter, r *http.Request) {
	h.renderImports(w, r, http.StatusOK, newForm(nil))
}

func (h *Handler) renderImports(w http.ResponseWriter, r *http.Request, status int, f *form) {
	page, err := h.svc.ListImports(r.Context(), hiring.PageRequest{Cursor: r.URL.Query().Get("cursor")})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "imports", importsPage{view: h.view(w, r, "Imports", "imports"), Imports: page.Items,
		Next: page.NextCursor, Form: f})
}

// importUpload stores the upload and sends the user to its page: the
// column mapping for a CSV, the start form for the other kinds. Several
// files in one upload become one ZIP of resumes.
func (h *Handler) importUpload(w http.ResponseWriter, r *http.Request) {
	form, err := readMultipart(w, r, importer.MaxUploadBytes+1<<20)
	if err != nil {
		if hiring.ErrorCode(err) == hiring.EInvalid {
			h.importFailed(w, r, err)
			return
		}
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.importFailed(w, r, blob.TooLarge(importer.MaxUploadBytes))
			return
		}
		h.importFailed(w, r, fieldError("file", "Please choose a file to import.", "is required"))
		return
	}
	defer form.RemoveAll()
	files := form.File["file"]
	if len(files) == 0 {
		h.importFailed(w, r, fieldError("file", "Please choose a file to import.", "is required"))
		return
	}
	kind := hiring.ImportKind(r.FormValue("kind"))
	var im hiring.Import
	// "resumes" (the drop zone on the candidates pages): every file is a
	// resume, one candidate each, even a single one.
	if len(files) == 1 && r.FormValue("kind") != resumesKind {
		var f multipart.File
		f, err = files[0].Open()
		if err == nil {
			im, err = importer.Upload(r.Context(), h.svc, h.blobs, kind, files[0].Filename, f)
			f.Close()
		}
	} else {
		entries := make([]importer.FileEntry, len(files))
		for i, fh := range files {
			entries[i] = importer.FileEntry{Name: fh.Filename, Open: func() (io.ReadCloser, error) { return fh.Open() }}
		}
		name := "resumes.zip"
		if len(files) == 1 {
			name = files[0].Filename + ".zip"
		}
		im, err = importer.UploadFiles(r.Context(), h.svc, h.blobs, name, entries)
	}
	if err != nil {
		h.importFailed(w, r, err)
		return
	}
	http.Redirect(w, r, "/imports/"+im.ID, http.StatusSeeOther)
}

// resumesKind is the upload kind of the candidates pages' drop zone.
const resumesKind = "resumes"

func (h *Handler) importFailed(w http.ResponseWriter, r *http.Request, err error) {
	if hiring.ErrorCode(err) != hiring.EInvalid {
		h.fail(w, r, err)
		return
	}
	f := newForm(nil).withError(err)
	h.renderImports(w, r, http.StatusUnprocessableEntity, f)
}
