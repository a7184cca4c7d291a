package web

import (
	"net/http"
	"slices"

	"github.com/candor-ats/candor/internal/hiring"
)

type debriefPage struct {
	view
	App        hiring.Application
	Cards      []hiring.Scorecard
	Attributes []string
	Interviews []hiring.Interview
}

// Rating answers the card's rating of an attribute ("" when not rated).
func (debriefPage) Rating(c hiring.Scorecard, attr string) hiring.Rating {
	for _, r := range c.Ratings {
		if r.Attribute == attr {
			return r.Rating
		}
	}
	return ""
}

// debrief shows an application's feedback side by side: attributes ×
// interviewers, recommendations and notes, under the independence rule.
func (h *Handler) debrief(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	cards, err := h.svc.Scorecards(ctx, id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ivs, err := h.svc.ListInterviews(ctx, hiring.InterviewFilter{ApplicationID: id, Cancelled: true, Limit: 100})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := debriefPage{Cards: cards, Interviews: ivs}
	title := "Debrief"
	if app, err := h.svc.Application(ctx, id); err == nil {
		p.App = app
		title = "Debrief — " + app.CandidateName
	} else if len(ivs) > 0 {
		p.App = hiring.Application{ID: id, CandidateID: ivs[0].CandidateID, CandidateName: ivs[0].CandidateName, JobTitle: ivs[0].JobTitle}
	}
	for _, c := range cards {
		for _, x := range c.Ratings {
			if !slices.Contains(p.Attributes, x.Attribute) {
				p.Attributes = append(p.Attributes, x.Attribute)
			}
		}
	}
	p.view = h.view(w, r, title, "interviews")
	h.render(w, r, http.StatusOK, "debrief", p)
}
