package web

import (
	"net/http"
	"net/url"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

func (h *Handler) candidateNew(w http.ResponseWriter, r *http.Request) {
	a, _ := hiring.ActorFrom(r.Context())
	if !a.CanManageRecords() {
		h.fail(w, r, hiring.Errorf(hiring.EForbidden, "Only admins and recruiters may add candidates."))
		return
	}
	h.renderCandidateForm(w, r, http.StatusOK, hiring.Candidate{}, newForm(url.Values{"owner_id": {a.UserID}}))
}

func (h *Handler) candidateCreate(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	in, values := parseCandidateForm(r.PostForm, hiring.Consent{}, time.Now())
	c, err := h.svc.CreateCandidate(r.Context(), in)
	switch {
	case err == nil:
		redirect(w, r, "/candidates/"+c.ID, "Candidate added.")
	case isFormError(err):
		h.renderCandidateForm(w, r, httperr.Status(err), hiring.Candidate{}, newForm(values).withError(err))
	default:
		h.fail(w, r, err)
	}
}
