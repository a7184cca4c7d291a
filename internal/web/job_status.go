package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

func (h *Handler) jobStatus(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	id := r.PathValue("id")
	job, err := h.svc.SetJobStatus(r.Context(), id, version(r.PostForm), hiring.JobStatus(r.PostForm.Get("status")))
	h.actionDone(w, r, "/jobs/"+id, err, "The job is now "+label(job.Status)+".")
}
