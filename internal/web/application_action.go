package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

// applicationDone finishes an application action: 204 for the board's
// drag-and-drop (htmx/fetch), otherwise back to the page the form came from.
func (h *Handler) applicationDone(w http.ResponseWriter, r *http.Request, app hiring.Application, err error, flash string) {
	back := h.actionBack(r, app)
	switch {
	case err != nil && isHTMX(r):
		h.fail(w, r, err)
	case err != nil && isFormError(err):
		redirectError(w, r, back, err)
	case err != nil:
		h.fail(w, r, err)
	case isHTMX(r):
		w.WriteHeader(http.StatusNoContent)
	default:
		redirect(w, r, back, flash)
	}
}

// actionBack is where an application action returns: the form's return_to,
// else the application's job.
func (h *Handler) actionBack(r *http.Request, app hiring.Application) string {
	back := localPath(r.PostForm.Get("return_to"), "")
	if back == "" && app.JobID != "" {
		back = "/jobs/" + app.JobID
	}
	if back == "" {
		back = "/"
	}
	return back
}

func (h *Handler) parseActionForm(w http.ResponseWriter, r *http.Request) bool {
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, badRequest("The form could not be read."))
		return false
	}
	return true
}

// actionDone redirects back after a form action: with the flash on success,
// with the error's message when the change was refused (a department still
// used by jobs, a bad name), or the error page for anything else.
func (h *Handler) actionDone(w http.ResponseWriter, r *http.Request, back string, err error, ok string) {
	switch {
	case err == nil:
		redirect(w, r, back, ok)
	case isFormError(err):
		redirectError(w, r, back, err)
	default:
		h.fail(w, r, err)
	}
}
