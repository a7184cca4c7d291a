package web

import (
	"net/http"
	"net/url"
	"slices"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

type debriefPage struct {
	view
	App        hiring.Application
	Cards      []hiring.Scorecard
	Attributes []string
	Interviews []hiring.Interview
	// The decision: deciders record advance, reject or hold here.
	CanDecide bool
	Decisions []hiring.DebriefRecord
	Reasons   []hiring.RejectionReason
	Form      *form
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
	h.renderDebrief(w, r, http.StatusOK, nil)
}

func (h *Handler) renderDebrief(w http.ResponseWriter, r *http.Request, status int, f *form) {
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
	if p.Decisions, err = h.svc.DebriefDecisions(ctx, id); err != nil {
		h.fail(w, r, err)
		return
	}
	if p.App.JobID != "" && p.App.Status == hiring.AppActive {
		if job, err := h.svc.Job(ctx, p.App.JobID); err == nil {
			a, _ := hiring.ActorFrom(ctx)
			p.CanDecide = a.CanDecide(job.HiringTeam)
		}
	}
	if p.CanDecide {
		if p.Reasons, err = h.svc.ListRejectionReasons(ctx, false); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	if f == nil {
		f = newForm(url.Values{"decision": {hiring.DecisionAdvance}})
	}
	p.Form = f
	p.view = h.view(w, r, title, "interviews")
	h.render(w, r, status, "debrief", p)
}

// debriefDecide records the debrief's decision (advance, reject, hold) and
// acts on the application in the same step.
func (h *Handler) debriefDecide(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	f := r.PostForm
	id := r.PathValue("id")
	_, err := h.svc.DecideAfterDebrief(r.Context(), id, hiring.DebriefDecision{Decision: f.Get("decision"), Note: f.Get("note"),
		ReasonID: f.Get("reason_id"), Version: version(f)})
	switch {
	case err == nil:
		redirect(w, r, "/applications/"+id+"/debrief#decisions", "Decision recorded on the timeline.")
	case isFormError(err):
		h.renderDebrief(w, r, httperr.Status(err), newForm(f).withError(err))
	default:
		h.fail(w, r, err)
	}
}
