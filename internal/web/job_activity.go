package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

type jobActivityPage struct {
	view
	Job      hiring.Job
	Activity []hiring.Activity
	Pager    pager
}

func (h *Handler) jobActivity(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	job, err := h.svc.Job(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	page, err := h.svc.JobActivity(ctx, job.ID, hiring.PageRequest{Cursor: q.Get("cursor"), Limit: 50})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "job_activity", jobActivityPage{
		view:     h.view(w, r, "Activity · "+job.Title, "jobs"),
		Job:      job,
		Activity: page.Items,
		Pager:    newPager("/jobs/"+job.ID+"/activity", q, page.NextCursor),
	})
}
