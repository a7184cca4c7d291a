package httperr

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// ProblemDoc is an RFC 9457 problem document. Code and Errors are extension
// members: the machine-readable hiring error code and the fields at fault,
// each named by its snake_case path ("salary.max", "hiring_team.0.user_id").
type ProblemDoc struct {
	Type      string              `json:"type"`
	Title     string              `json:"title"`
	Status    int                 `json:"status"`
	Detail    string              `json:"detail,omitempty"`
	Instance  string              `json:"instance,omitempty"`
	Code      string              `json:"code"`
	Errors    []hiring.FieldError `json:"errors,omitempty"`
	RequestID string              `json:"request_id,omitempty"`
}

// ProblemFor builds the problem document for err. Internal errors get a
// generic detail: their cause is for the log, never for the client.
func ProblemFor(r *http.Request, err error) ProblemDoc {
	status := Status(err)
	code := hiring.ErrorCode(err)
	p := ProblemDoc{
		Type:      "about:blank",
		Title:     http.StatusText(status),
		Status:    status,
		Detail:    hiring.ErrorMessage(err),
		Code:      code,
		Errors:    hiring.ErrorFields(err),
		RequestID: requestIDOf(r),
	}
	if r != nil {
		p.Instance = r.URL.Path
	}
	if status == http.StatusInternalServerError {
		p.Code = hiring.EInternal
		p.Detail = "Something went wrong on our side. It has been logged."
		p.Errors = nil
	}
	return p
}

// Problem writes err as application/problem+json. A 500 logs its cause with
// the request's logger; 429 answers carry Retry-After when the error knows it.
func Problem(w http.ResponseWriter, r *http.Request, err error) {
	p := ProblemFor(r, err)
	if p.Status == http.StatusInternalServerError && r != nil {
		Logger(r.Context()).ErrorContext(r.Context(), "internal error", "err", err, "method", r.Method, "path", r.URL.Path)
	}
	SetRetryAfter(w, err)
	WriteProblem(w, p)
}

// WriteProblem writes a prepared problem document.
func WriteProblem(w http.ResponseWriter, p ProblemDoc) {
	body, err := json.Marshal(p)
	if err != nil {
		// A ProblemDoc always marshals; keep a valid answer regardless.
		body = []byte(`{"type":"about:blank","title":"Internal Server Error","status":500,"code":"internal"}`)
		p.Status = http.StatusInternalServerError
	}
	h := w.Header()
	h.Set("Content-Type", "application/problem+json")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(p.Status)
	_, _ = w.Write(append(body, '\n'))
}

// SetRetryAfter sets the Retry-After header (whole seconds, at least 1) when
// err carries a wait.
func SetRetryAfter(w http.ResponseWriter, err error) {
	d, ok := RetryAfter(err)
	if !ok {
		return
	}
	secs := int((d + time.Second - 1) / time.Second)
	if secs < 1 {
		secs = 1
	}
	w.Header().Set("Retry-After", strconv.Itoa(secs))
}

// RequestIDHeader is the header carrying the request ID, set by the server.
const RequestIDHeader = "X-Request-ID"

type requestIDKey struct{}

func requestIDOf(r *http.Request) string {
	if r == nil {
		return ""
	}
	return RequestID(r.Context())
}
