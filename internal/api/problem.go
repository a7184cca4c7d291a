package api

import (
	"errors"
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

// httpError is a transport-level failure (malformed JSON, wrong content
// type, missing If-Match…) whose status has no domain error code. Domain
// errors go through httperr, the one place that maps codes to statuses.
type httpError struct {
	Status int
	Title  string
	Fields []hiring.FieldError
	Code   string // "" = derived from Status by transportCode
}

func (e *httpError) Error() string { return e.Title }

func statusError(status int, title string) *httpError {
	return &httpError{Status: status, Title: title}
}

func fieldError(status int, title, field, message string) *httpError {
	return &httpError{Status: status, Title: title, Fields: []hiring.FieldError{{Field: field, Message: message}}}
}

// fail answers with a problem document for err.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	var he *httpError
	if errors.As(err, &he) {
		writeProblem(w, r, he)
		return
	}
	httperr.Problem(w, r, err)
}

func writeProblem(w http.ResponseWriter, r *http.Request, e *httpError) {
	code := e.Code
	if code == "" {
		code = transportCode(e.Status)
	}
	httperr.WriteProblem(w, httperr.ProblemDoc{
		Type:      "about:blank",
		Title:     http.StatusText(e.Status),
		Status:    e.Status,
		Detail:    e.Title,
		Instance:  r.URL.Path,
		Code:      code,
		Errors:    e.Fields,
		RequestID: httperr.RequestID(r.Context()),
	})
}

// transportCode gives transport failures a machine-readable code in the
// same vocabulary as the domain's.
func transportCode(status int) string {
	switch status {
	case http.StatusNotFound:
		return hiring.ENotFound
	case http.StatusPreconditionFailed, http.StatusPreconditionRequired:
		return hiring.EPrecondition
	case http.StatusMethodNotAllowed:
		return "method_not_allowed"
	case http.StatusRequestEntityTooLarge:
		return "too_large"
	case http.StatusUnsupportedMediaType:
		return "unsupported_media_type"
	}
	return hiring.EInvalid
}
