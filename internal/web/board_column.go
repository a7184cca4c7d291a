package web

import (
	"html/template"
	"net/http"
	"net/url"

	"github.com/candor-ats/candor/internal/hiring"
)

type columnPage struct {
	view
	Job    hiring.Job
	Stage  hiring.Stage
	Stages []hiring.Stage
	Cards  []hiring.Application
	Next   string // URL of the following cards
	Back   string
	// CardsHTML is Cards written by writeCards.
	CardsHTML template.HTML
}

// boardColumn pages one stage's cards: a fragment for htmx "load more", a
// whole page without JavaScript.
func (h *Handler) boardColumn(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	jobID, stageID := r.PathValue("id"), r.PathValue("stage")
	stages, err := h.svc.Stages(ctx, jobID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var stage hiring.Stage
	for _, s := range stages {
		if s.ID == stageID {
			stage = s
		}
	}
	if stage.ID == "" {
		h.fail(w, r, hiring.ErrNotFound("Stage"))
		return
	}
	page, err := h.svc.Column(ctx, stageID, hiring.PageRequest{Cursor: r.URL.Query().Get("cursor"), Limit: cardsPerColumn})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := columnPage{
		view:   h.view(w, r, stage.Name, "jobs"),
		Stage:  stage,
		Stages: stages,
		Cards:  page.Items,
		Back:   "/jobs/" + jobID,
	}
	p.CardsHTML = h.cardsHTML(p.Cards, newCardContext(p.view, stages, p.Back))
	if page.NextCursor != "" {
		p.Next = "/jobs/" + jobID + "/stages/" + stageID + "/cards?cursor=" + url.QueryEscape(page.NextCursor)
	}
	if isHTMX(r) {
		h.renderTemplate(w, r, http.StatusOK, "column", "column-cards", p)
		return
	}
	job, err := h.svc.Job(ctx, jobID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p.Job = job
	p.Title = stage.Name + " · " + job.Title
	h.render(w, r, http.StatusOK, "column", p)
}
