package api

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"slices"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/parsing"
	"github.com/candor-ats/candor/internal/resume"
)

// documentProfileJSON is a document's parse status and its profile in the
// JSON Resume shape (null until parsed).
type documentProfileJSON struct {
	DocumentID   string          `json:"document_id"`
	CandidateID  string          `json:"candidate_id"`
	ParseStatus  string          `json:"parse_status"`
	ParseError   string          `json:"parse_error"`
	Version      int             `json:"version"`
	Profile      *resume.Profile `json:"profile"`
	EditedFields []string        `json:"edited_fields"`
	Text         string          `json:"text"`
}

// profileCorrectionInput is one correction of a parsed field.
type profileCorrectionInput struct {
	Field   string `json:"field"`
	Value   string `json:"value"`
	Version *int   `json:"version"`
}

// parseStatusName spells the domain's pending status for API clients.
func parseStatusName(d hiring.Document) string {
	if d.ParseStatus != hiring.ParsePending {
		return d.ParseStatus
	}
	if d.Kind == "resume" {
		return "pending"
	}
	return "none"
}

func toDocumentProfileJSON(v parsing.View) documentProfileJSON {
	d := v.Document
	d.ParseStatus = v.Status
	out := documentProfileJSON{DocumentID: d.ID, CandidateID: d.CandidateID, ParseStatus: parseStatusName(d), ParseError: v.Error,
		Version: v.Version, EditedFields: []string{}, Text: v.Text}
	if v.Parsed {
		p := v.Profile
		out.Profile = &p
	}
	for k := range v.Edits {
		out.EditedFields = append(out.EditedFields, k)
	}
	slices.Sort(out.EditedFields)
	return out
}

func (h *handler) getDocumentProfile(w http.ResponseWriter, r *http.Request) {
	if h.parsing == nil {
		h.fail(w, r, errors.New("api: no parse pipeline configured"))
		return
	}
	v, err := h.parsing.Profile(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeRecord(w, http.StatusOK, max(v.Version, 1), toDocumentProfileJSON(v))
}

// correctDocumentProfile applies one correction; a contact field (name,
// email, phone, location, headline) also sets the candidate's, as a human
// edit that later parses never overwrite.
func (h *handler) correctDocumentProfile(w http.ResponseWriter, r *http.Request) {
	if h.parsing == nil {
		h.fail(w, r, errors.New("api: no parse pipeline configured"))
		return
	}
	var in profileCorrectionInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	if strings.TrimSpace(in.Field) == "" {
		h.fail(w, r, fieldError(http.StatusUnprocessableEntity, "Name the field to correct.", "field", "is required"))
		return
	}
	ver, err := version(r, in.Version, true)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := h.parsing.Correct(r.Context(), r.PathValue("id"), ver, in.Field, in.Value)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeRecord(w, http.StatusOK, v.Version, toDocumentProfileJSON(v))
}

// parseOnly extracts and parses a document without storing anything: a
// multipart/form-data body with a "file" part, or the raw file as the body.
// The file goes through the same sandbox and limits as uploads.
func (h *handler) parseOnly(w http.ResponseWriter, r *http.Request) {
	if h.parsing == nil {
		h.fail(w, r, errors.New("api: no parse pipeline configured"))
		return
	}
	limit := h.parsing.MaxBytes()
	r.Body = http.MaxBytesReader(w, r.Body, limit+64<<10)
	var (
		data []byte
		err  error
	)
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt == "multipart/form-data" {
		data, err = multipartFile(r, limit)
	} else {
		data, err = io.ReadAll(io.LimitReader(r.Body, limit+1))
		if err != nil {
			err = uploadReadError(err, limit)
		}
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if int64(len(data)) > limit {
		h.fail(w, r, tooLarge(limit))
		return
	}
	p, err := h.parsing.ParseOnly(r.Context(), data)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, p)
}

// multipartFile reads the one "file" part of a multipart body.
func multipartFile(r *http.Request, limit int64) ([]byte, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, statusError(http.StatusBadRequest, "The multipart body could not be read.")
	}
	var data []byte
	found := false
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, uploadReadError(err, limit)
		}
		if part.FormName() != "file" {
			return nil, fieldError(http.StatusBadRequest, "The upload has an unknown part.", part.FormName(), "is not a known field")
		}
		if found {
			return nil, fieldError(http.StatusBadRequest, "Send one file per request.", "file", "was sent twice")
		}
		found = true
		if data, err = io.ReadAll(io.LimitReader(part, limit+1)); err != nil {
			return nil, uploadReadError(err, limit)
		}
	}
	if !found {
		return nil, fieldError(http.StatusUnprocessableEntity, "Attach a file.", "file", "is required")
	}
	return data, nil
}
