package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

type dashboardPage struct {
	view
	Jobs     []hiring.Job
	Activity []hiring.Activity
}

func (h *Handler) dashboard(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	jobs, err := h.svc.ListJobs(ctx, hiring.JobFilter{Statuses: []hiring.JobStatus{hiring.JobOpen}, MineOnly: true}, hiring.PageRequest{Limit: 50})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	recent, err := h.svc.RecentActivity(ctx, hiring.PageRequest{Limit: 20})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "dashboard", dashboardPage{
		view:     h.view(w, r, "Dashboard", "home"),
		Jobs:     jobs.Items,
		Activity: recent.Items,
	})
}
