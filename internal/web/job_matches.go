package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

type jobMatchesPage struct {
	view
	Job          hiring.Job
	Matches      []hiring.CandidateMatch
	NextStatuses []hiring.JobStatus
	// Pools names a pool each matched candidate is in (admins and
	// recruiters): adding them to the job then credits the pool.
	Pools map[string]hiring.PoolRef
}

// jobMatches ranks the candidates on file who fit the job and are not in
// its pipeline (rediscovery), each with the reasons; people who may add
// candidates to jobs get an "Add to job" button.
func (h *Handler) jobMatches(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	job, err := h.svc.Job(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ms, err := h.svc.JobMatches(ctx, job.ID, 50)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	pools := map[string]hiring.PoolRef{}
	if a, _ := hiring.ActorFrom(ctx); a.CanManageRecords() && len(ms) > 0 {
		ids := make([]string, len(ms))
		for i, m := range ms {
			ids[i] = m.Candidate.ID
		}
		refs, err := h.svc.CandidatePools(ctx, ids)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		for id, rs := range refs {
			pools[id] = rs[0]
		}
	}
	h.render(w, r, http.StatusOK, "job_matches", jobMatchesPage{
		view:         h.view(w, r, "Matches · "+job.Title, "jobs"),
		Job:          job,
		Matches:      ms,
		NextStatuses: nextStatuses(job.Status),
		Pools:        pools,
	})
}
