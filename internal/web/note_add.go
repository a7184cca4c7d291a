package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

func (h *Handler) noteAdd(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	id := r.PathValue("id")
	_, err := h.svc.AddNote(r.Context(), hiring.NewNote{
		CandidateID:   id,
		ApplicationID: r.PostForm.Get("application_id"),
		Body:          r.PostForm.Get("body"),
		Private:       r.PostForm.Get("private") == "on",
	})
	switch {
	case err == nil:
		redirect(w, r, "/candidates/"+id+"#notes", "Note added.")
	case isFormError(err):
		h.renderCandidate(w, r, httperr.Status(err), profileForms{note: newForm(r.PostForm).withError(err)})
	default:
		h.fail(w, r, err)
	}
}
