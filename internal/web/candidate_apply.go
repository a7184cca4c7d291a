package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

// candidateApply adds the candidate to a job's pipeline.
func (h *Handler) candidateApply(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	ctx := r.Context()
	a, _ := hiring.ActorFrom(ctx)
	id := r.PathValue("id")
	_, err := h.svc.CreateApplication(ctx, hiring.NewApplication{
		CandidateID:  id,
		JobID:        r.PostForm.Get("job_id"),
		StageID:      r.PostForm.Get("stage_id"),
		Source:       "recruiter",
		CreditedToID: a.UserID,
	})
	switch {
	case err == nil:
		redirect(w, r, localPath(r.PostForm.Get("return_to"), "/candidates/"+id), "Added to the job.")
	case isFormError(err):
		h.renderCandidate(w, r, httperr.Status(err), profileForms{apply: newForm(r.PostForm).withError(err)})
	default:
		h.fail(w, r, err)
	}
}
