package web

import (
	"net/http"
	"time"

	"github.com/candor-ats/candor/internal/httperr"
)

func (h *Handler) candidateEdit(w http.ResponseWriter, r *http.Request) {
	c, err := h.svc.Candidate(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !h.managerOnly(w, r) {
		return
	}
	h.renderCandidateForm(w, r, http.StatusOK, c, newForm(candidateValues(c)))
}

func (h *Handler) candidateUpdate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := h.svc.Candidate(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !h.parseActionForm(w, r) {
		return
	}
	in, values := parseCandidateForm(r.PostForm, c.Consent, time.Now())
	_, err = h.svc.UpdateCandidate(ctx, c.ID, version(r.PostForm), in)
	switch {
	case err == nil:
		redirect(w, r, "/candidates/"+c.ID, "Candidate saved.")
	case isFormError(err):
		h.renderCandidateForm(w, r, httperr.Status(err), c, newForm(values).withError(err))
	default:
		h.fail(w, r, err)
	}
}
