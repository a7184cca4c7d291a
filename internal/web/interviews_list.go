package web

import (
	"net/http"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

type interviewsPage struct {
	view
	Mine     []hiring.Interview
	Due      []hiring.Interview // ended interviews still waiting for the viewer's scorecard
	Others   []hiring.Interview // upcoming interviews the viewer schedules for (not on them)
	Schedule bool
}

// interviews is "My interviews": the viewer's upcoming interviews, and for
// those who schedule, the other upcoming interviews they see.
func (h *Handler) interviews(w http.ResponseWriter, r *http.Request) {
	v := h.view(w, r, "Interviews", "interviews")
	from := time.Now().Add(-2 * time.Hour)
	mine, err := h.svc.ListInterviews(r.Context(), hiring.InterviewFilter{InterviewerID: v.User.ID, From: from, Limit: 200})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	due, err := h.svc.FeedbackDue(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := interviewsPage{view: v, Mine: mine, Due: due, Schedule: v.CanMove()}
	if p.Schedule {
		all, err := h.svc.ListInterviews(r.Context(), hiring.InterviewFilter{From: from, Limit: 200})
		if err != nil {
			h.fail(w, r, err)
			return
		}
		for _, iv := range all {
			if !iv.HasInterviewer(v.User.ID) {
				p.Others = append(p.Others, iv)
			}
		}
	}
	h.render(w, r, http.StatusOK, "interviews", p)
}
