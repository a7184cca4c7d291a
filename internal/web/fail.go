package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

type errorPage struct {
	view
	Status  int
	Message string
}

// fail renders an error page with the status the error's code maps to.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := httperr.Status(err)
	switch status {
	case http.StatusUnauthorized:
		h.toLogin(w, r)
		return
	case http.StatusInternalServerError:
		h.log.ErrorContext(r.Context(), "web: request failed", "method", r.Method, "path", r.URL.Path, "err", err,
			"request_id", httperr.RequestID(r.Context()))
	case http.StatusTooManyRequests:
		httperr.SetRetryAfter(w, err)
	}
	if isHTMX(r) {
		// Let htmx show the message in place; HX-Reswap keeps the page intact when the target can't take it.
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(hiring.ErrorMessage(err)))
		return
	}
	h.render(w, r, status, "error", errorPage{
		view:    h.view(w, r, http.StatusText(status), ""),
		Status:  status,
		Message: hiring.ErrorMessage(err),
	})
}

func (h *Handler) notFound(w http.ResponseWriter, r *http.Request) {
	h.fail(w, r, hiring.ErrNotFound("Page"))
}

// badRequest is for malformed requests that never reach a service (a bad multipart body).
func badRequest(msg string) error { return hiring.Errorf(hiring.EInvalid, "%s", msg) }
