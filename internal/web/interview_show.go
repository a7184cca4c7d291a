package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/candor-ats/candor/internal/hiring"
)

type interviewPage struct {
	view
	Interview hiring.Interview
	Form      *form // the reschedule form (failed, or fresh)
	Local     string
}

func (h *Handler) interviewShow(w http.ResponseWriter, r *http.Request) {
	h.renderInterview(w, r, http.StatusOK, nil)
}

func (h *Handler) renderInterview(w http.ResponseWriter, r *http.Request, status int, f *form) {
	iv, err := h.svc.Interview(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := h.view(w, r, iv.Title+" — "+iv.CandidateName, "interviews")
	local := iv.StartsAt.In(v.loc).Format(localInputLayout)
	if f == nil {
		f = newForm(url.Values{"starts_at_local": {local}, "duration_minutes": {strconv.Itoa(iv.DurationMinutes)},
			"title": {iv.Title}, "location": {iv.Location}, "version": {strconv.Itoa(iv.Version)}})
	}
	h.render(w, r, status, "interview", interviewPage{view: v, Interview: iv, Form: f, Local: local})
}
