package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/httperr"
)

func (h *Handler) tagAdd(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	id := r.PathValue("id")
	_, err := h.svc.AddTags(r.Context(), id, splitList(r.PostForm.Get("tags")))
	switch {
	case err == nil:
		redirect(w, r, "/candidates/"+id, "")
	case isFormError(err):
		h.renderCandidate(w, r, httperr.Status(err), profileForms{tag: newForm(r.PostForm).withError(err)})
	default:
		h.fail(w, r, err)
	}
}
