package web

import (
	"net/http"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
)

type jobsPage struct {
	view
	Filter      *form
	Jobs        []hiring.Job
	Pager       pager
	Statuses    []hiring.JobStatus
	Departments []hiring.Department
	Locations   []hiring.Location
	// Filtered: the list is narrowed by the person (an empty result then
	// says so; an empty installation says how to start instead).
	Filtered bool
}

func (h *Handler) jobsList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	f := hiring.JobFilter{
		DepartmentID: q.Get("department"),
		LocationID:   q.Get("location"),
		Query:        strings.TrimSpace(q.Get("q")),
		MineOnly:     q.Get("mine") == "1",
	}
	for _, s := range q["status"] {
		if st := hiring.JobStatus(s); st.Valid() {
			f.Statuses = append(f.Statuses, st)
		}
	}
	if len(f.Statuses) == 0 {
		// Archived jobs are clutter unless asked for.
		f.Statuses = []hiring.JobStatus{hiring.JobDraft, hiring.JobOpen, hiring.JobPaused, hiring.JobClosed}
	}
	jobs, err := h.svc.ListJobs(ctx, f, hiring.PageRequest{Cursor: q.Get("cursor"), Limit: 50})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	depts, err := h.svc.ListDepartments(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	locs, err := h.svc.ListLocations(ctx)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "jobs", jobsPage{
		view:        h.view(w, r, "Jobs", "jobs"),
		Filter:      newForm(q),
		Jobs:        jobs.Items,
		Pager:       newPager("/jobs", q, jobs.NextCursor),
		Statuses:    hiring.JobStatuses,
		Departments: depts,
		Locations:   locs,
		Filtered:    q.Get("q") != "" || q.Get("department") != "" || q.Get("location") != "" || q.Has("status") || q.Get("mine") == "1" || q.Get("cursor") != "",
	})
}
