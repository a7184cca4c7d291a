package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

type jobApplicationsPage struct {
	view
	Job          hiring.Job
	Status       hiring.ApplicationStatus
	Applications []hiring.Application
	Total        int
	Pager        pager
	NextStatuses []hiring.JobStatus
}

// jobApplications lists a job's applications that have left the board —
// hired, rejected or withdrawn — one click from the pipeline.
func (h *Handler) jobApplications(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	job, err := h.svc.Job(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	status := hiring.ApplicationStatus(q.Get("status"))
	switch status {
	case hiring.AppHired, hiring.AppRejected, hiring.AppWithdrawn:
	default: // active applications are the board's
		status = hiring.AppRejected
	}
	page, err := h.svc.ListApplications(ctx, hiring.ApplicationFilter{JobID: job.ID, Status: status},
		hiring.PageRequest{Cursor: q.Get("cursor"), Limit: 50, CountTotal: q.Get("cursor") == ""})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "job_applications", jobApplicationsPage{
		view:         h.view(w, r, label(status)+" · "+job.Title, "jobs"),
		Job:          job,
		Status:       status,
		Applications: page.Items,
		Total:        page.Total,
		Pager:        newPager("/jobs/"+job.ID+"/applications", q, page.NextCursor),
		NextStatuses: nextStatuses(job.Status),
	})
}
