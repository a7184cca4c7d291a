package web

import (
	"net/http"
	"net/url"

	"github.com/candor-ats/candor/internal/hiring"
)

type dashboardPage struct {
	view
	Jobs     []hiring.Job
	Activity []hiring.Activity
	// The role's report panel, fetched after the page (reports.go):
	// recruiters their jobs' funnel, hiring managers their jobs', admins the
	// company's; none for interviewers.
	ReportURL, ReportTitle string
}

// dashboardReport is the URL of the dashboard's report panel for u.
func dashboardReport(u hiring.User) (string, string) {
	switch u.Role {
	case hiring.RoleAdmin:
		return "/reports/funnel?compare=0", "The company's funnel, last 30 days"
	case hiring.RoleRecruiter:
		return "/reports/funnel?compare=0&recruiter_id=" + url.QueryEscape(u.ID), "Funnel of the jobs you recruit for, last 30 days"
	case hiring.RoleHiringManager:
		return "/reports/funnel?compare=0", "Funnel of your jobs, last 30 days"
	}
	return "", ""
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
	page := dashboardPage{
		view:     h.view(w, r, "Dashboard", "home"),
		Jobs:     jobs.Items,
		Activity: recent.Items,
	}
	page.ReportURL, page.ReportTitle = dashboardReport(page.User)
	h.render(w, r, http.StatusOK, "dashboard", page)
}
