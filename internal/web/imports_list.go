package web

import (
	"archive/zip"
	"context"
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
	h.render(w, r, status, "imports", importsPage{view: h.view(w, r, "Imports", "candidates"), Imports: page.Items,
		Next: page.NextCursor, Form: f})
}

// importUpload stores the upload and sends the user to its page: the
// column mapping for a CSV, the start form for the other kinds. Several
// files in one upload become one ZIP of resumes.
func (h *Handler) importUpload(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, importer.MaxUploadBytes+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			h.importFailed(w, r, blob.TooLarge(importer.MaxUploadBytes))
			return
		}
		h.importFailed(w, r, fieldError("file", "Please choose a file to import.", "is required"))
		return
	}
	defer r.MultipartForm.RemoveAll()
	files := r.MultipartForm.File["file"]
	if len(files) == 0 {
		h.importFailed(w, r, fieldError("file", "Please choose a file to import.", "is required"))
		return
	}
	kind := hiring.ImportKind(r.FormValue("kind"))
	var im hiring.Import
	var err error
	if len(files) == 1 {
		var f multipart.File
		f, err = files[0].Open()
		if err == nil {
			im, err = importer.Upload(r.Context(), h.svc, h.blobs, kind, files[0].Filename, f)
			f.Close()
		}
	} else {
		im, err = h.uploadAsZip(r.Context(), files)
	}
	if err != nil {
		h.importFailed(w, r, err)
		return
	}
	http.Redirect(w, r, "/imports/"+im.ID, http.StatusSeeOther)
}

// uploadAsZip packs several resumes into one archive as they stream to
// the blob store, so they import like a ZIP.
func (h *Handler) uploadAsZip(ctx context.Context, files []*multipart.FileHeader) (hiring.Import, error) {
	pr, pw := io.Pipe()
	go func() {
		zw := zip.NewWriter(pw)
		for i, fh := range files {
			if i >= importer.MaxZipEntries {
				break
			}
			f, err := fh.Open()
			if err != nil {
				pw.CloseWithError(err)
				return
			}
			// Entry names are display-only: the importer never uses them as paths.
			dst, err := zw.CreateHeader(&zip.FileHeader{Name: zipEntryName(fh.Filename), Method: zip.Deflate})
			if err == nil {
				_, err = io.Copy(dst, f)
			}
			f.Close()
			if err != nil {
				pw.CloseWithError(err)
				return
			}
		}
		pw.CloseWithError(zw.Close())
	}()
	im, err := importer.Upload(ctx, h.svc, h.blobs, hiring.ImportZIP, "resumes.zip", pr)
	pr.CloseWithError(errors.New("upload ended")) // unblocks the writer if Upload stopped early
	return im, err
}

// zipEntryName keeps the uploaded base name for display but never a path.
func zipEntryName(name string) string {
	clean := []rune{}
	for _, r := range name {
		if r == '/' || r == '\\' || r < 0x20 {
			r = '_'
		}
		clean = append(clean, r)
	}
	s := string(clean)
	if s == "" || s == "." || s == ".." {
		s = "resume"
	}
	return s
}

func (h *Handler) importFailed(w http.ResponseWriter, r *http.Request, err error) {
	if hiring.ErrorCode(err) != hiring.EInvalid {
		h.fail(w, r, err)
		return
	}
	f := newForm(nil).withError(err)
	h.renderImports(w, r, http.StatusUnprocessableEntity, f)
}
