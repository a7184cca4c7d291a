package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

type candidateMatchesPage struct {
	view
	Candidate hiring.Candidate
	Matches   []hiring.JobMatch
}

// candidateMatches ranks the open jobs the candidate fits and is not active
// on, each with the reasons.
func (h *Handler) candidateMatches(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := h.svc.Candidate(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ms, err := h.svc.CandidateMatches(ctx, c.ID, 50)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "candidate_matches", candidateMatchesPage{
		view:      h.view(w, r, "Jobs for "+c.Name(), "candidates"),
		Candidate: c,
		Matches:   ms,
	})
}
