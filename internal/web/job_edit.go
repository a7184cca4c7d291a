package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/httperr"
)

func (h *Handler) jobEdit(w http.ResponseWriter, r *http.Request) {
	job, err := h.svc.Job(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !h.editorOnly(w, r) {
		return
	}
	h.renderJobForm(w, r, http.StatusOK, job, newForm(jobValues(job)))
}

func (h *Handler) jobUpdate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	job, err := h.svc.Job(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !h.parseActionForm(w, r) {
		return
	}
	in, values, err := parseJobForm(r.PostForm)
	if err == nil {
		_, err = h.svc.UpdateJob(ctx, job.ID, version(r.PostForm), in)
		if err == nil {
			redirect(w, r, "/jobs/"+job.ID, "Job saved.")
			return
		}
	}
	if !isFormError(err) {
		h.fail(w, r, err)
		return
	}
	h.renderJobForm(w, r, httperr.Status(err), job, newForm(values).withError(err))
}
