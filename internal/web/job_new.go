package web

import (
	"net/http"
	"net/url"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

func (h *Handler) jobNew(w http.ResponseWriter, r *http.Request) {
	if a, _ := hiring.ActorFrom(r.Context()); !a.CanManageRecords() {
		h.fail(w, r, hiring.Errorf(hiring.EForbidden, "Only admins and recruiters may create jobs."))
		return
	}
	v := url.Values{
		"workplace_type":  {string(hiring.OnSite)},
		"employment_type": {string(hiring.FullTime)},
		"openings":        {"1"},
		"salary.period":   {string(hiring.PerYear)},
	}
	h.renderJobForm(w, r, http.StatusOK, hiring.Job{}, newForm(v))
}

func (h *Handler) jobCreate(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	in, values, err := parseJobForm(r.PostForm)
	if err == nil {
		var job hiring.Job
		job, err = h.svc.CreateJob(r.Context(), in)
		if err == nil {
			redirect(w, r, "/jobs/"+job.ID, "Job created.")
			return
		}
	}
	if !isFormError(err) {
		h.fail(w, r, err)
		return
	}
	h.renderJobForm(w, r, httperr.Status(err), hiring.Job{}, newForm(values).withError(err))
}
