package api

import (
	"context"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/importer"
)

type importJSON struct {
	ID         string                `json:"id"`
	Kind       string                `json:"kind"`
	Status     string                `json:"status"`
	FileName   string                `json:"file_name"`
	FileSize   int64                 `json:"file_size"`
	Settings   hiring.ImportSettings `json:"settings"`
	Total      int                   `json:"total"`
	Done       int                   `json:"done"`
	Failed     int                   `json:"failed"`
	Percent    int                   `json:"percent"`
	Report     hiring.ImportReport   `json:"report"`
	Error      string                `json:"error"`
	CreatedBy  string                `json:"created_by_id"`
	CreatedAt  time.Time             `json:"created_at"`
	FinishedAt *time.Time            `json:"finished_at"`
	ReportURL  string                `json:"report_url"`
}

func toImportJSON(im hiring.Import) importJSON {
	return importJSON{ID: im.ID, Kind: string(im.Kind), Status: string(im.Status), FileName: im.FileName, FileSize: im.FileSize,
		Settings: im.Settings, Total: im.Total, Done: im.Done, Failed: im.Failed, Percent: im.Percent(), Report: im.Report,
		Error: im.Error, CreatedBy: im.CreatedByID, CreatedAt: im.CreatedAt, FinishedAt: im.FinishedAt,
		ReportURL: Prefix + "/imports/" + im.ID + "/report"}
}

func (h *handler) listImports(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r)
	p := q.page()
	if err := q.err(); err != nil {
		h.fail(w, r, err)
		return
	}
	page, err := h.svc.ListImports(r.Context(), p)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(mapList(page.Items, toImportJSON), page.NextCursor))
}

func (h *handler) getImport(w http.ResponseWriter, r *http.Request) {
	im, err := h.svc.Import(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toImportJSON(im))
}

// importReport streams the report CSV (rows that failed, warnings, duplicates).
func (h *handler) importReport(w http.ResponseWriter, r *http.Request) {
	im, err := h.svc.Import(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="import-`+im.ID+`-report.csv"`)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if err := importer.WriteReport(r.Context(), w, h.svc, im.ID); err != nil {
		h.log.ErrorContext(r.Context(), "import report", "err", err)
	}
}

// createImport takes multipart/form-data: kind (csv, zip, jsonresume; put it
// before the file, else the file name decides), the file, and optionally
// mapping (a JSON array of field names, one per column; guessed from the
// header when absent), dry_run, job_id and stage_id. The import starts at
// once; poll GET /imports/{id}.
func (h *handler) createImport(w http.ResponseWriter, r *http.Request) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		h.fail(w, r, statusError(http.StatusUnsupportedMediaType, "Upload imports as multipart/form-data with a file part."))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, importer.MaxUploadBytes+64<<10)
	mr, err := r.MultipartReader()
	if err != nil {
		h.fail(w, r, statusError(http.StatusBadRequest, "The multipart body could not be read."))
		return
	}
	var (
		kind       hiring.ImportKind
		im         hiring.Import
		s          hiring.ImportSettings
		mappingSet bool
		kept       bool
	)
	// The client learns the import's ID only from a success: an upload whose
	// request then fails (a bad part, bad settings) is discarded, file too.
	defer func() {
		if im.ID != "" && !kept {
			if err := importer.Discard(context.WithoutCancel(r.Context()), h.svc, h.blobs, im.ID); err != nil {
				h.log.ErrorContext(r.Context(), "discard the import of a failed request", "import", im.ID, "err", err)
			}
		}
	}()
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			h.fail(w, r, uploadReadError(err, importer.MaxUploadBytes))
			return
		}
		name := part.FormName()
		if name == "file" {
			if im.ID != "" {
				h.fail(w, r, fieldError(http.StatusBadRequest, "Send one file per import.", "file", "was sent twice"))
				return
			}
			im, err = importer.Upload(r.Context(), h.svc, h.blobs, kind, part.FileName(), part)
			if err != nil {
				h.fail(w, r, storeError(err, importer.MaxUploadBytes))
				return
			}
			continue
		}
		v, err := partText(part, 64<<10, importer.MaxUploadBytes)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		b := []byte(v)
		switch name {
		case "kind":
			kind = hiring.ImportKind(v)
		case "mapping":
			if err := json.Unmarshal(b, &s.Mapping); err != nil {
				h.fail(w, r, fieldError(http.StatusBadRequest, "The mapping must be a JSON array of field names.", "mapping", "is not a JSON array of strings"))
				return
			}
			mappingSet = true
		case "dry_run":
			s.DryRun, err = strconv.ParseBool(v)
			if err != nil {
				h.fail(w, r, fieldError(http.StatusBadRequest, "dry_run must be true or false.", "dry_run", "must be true or false"))
				return
			}
		case "job_id":
			s.JobID = v
		case "stage_id":
			s.StageID = v
		default:
			h.fail(w, r, fieldError(http.StatusBadRequest, "The upload has an unknown part.", name, "is not a known field"))
			return
		}
	}
	if im.ID == "" {
		h.fail(w, r, fieldError(http.StatusUnprocessableEntity, "Attach a file.", "file", "is required"))
		return
	}
	if im.Kind == hiring.ImportCSV && !mappingSet {
		p, err := importer.PreviewCSV(r.Context(), h.blobs, im, 0)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		s.Mapping = p.Guess
	}
	started, err := h.svc.StartImport(r.Context(), im.ID, s)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	kept = true
	w.Header().Set("Location", Prefix+"/imports/"+started.ID)
	writeJSON(w, http.StatusAccepted, toImportJSON(started))
}

// discardImport deletes an import that has added no candidates, and its file.
func (h *handler) discardImport(w http.ResponseWriter, r *http.Request) {
	if err := importer.Discard(r.Context(), h.svc, h.blobs, r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// startImport runs an import again with new settings: typically the real
// run after a dry run ({"dry_run": false}).
func (h *handler) startImport(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Mapping []string `json:"mapping"`
		DryRun  bool     `json:"dry_run"`
		JobID   string   `json:"job_id"`
		StageID string   `json:"stage_id"`
	}
	if err := decode(w, r, &req, true); err != nil {
		h.fail(w, r, err)
		return
	}
	id := r.PathValue("id")
	s := hiring.ImportSettings{DryRun: req.DryRun, JobID: req.JobID, StageID: req.StageID}
	for _, f := range req.Mapping {
		s.Mapping = append(s.Mapping, hiring.ImportField(f))
	}
	if req.Mapping == nil {
		if cur, err := h.svc.Import(r.Context(), id); err == nil {
			s.Mapping = cur.Settings.Mapping
		}
	}
	im, err := h.svc.StartImport(r.Context(), id, s)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusAccepted, toImportJSON(im))
}
