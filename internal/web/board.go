package web

import (
	"html/template"
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

// cardsPerColumn caps the first render of each column; more load on demand,
// so a job with thousands of applications still renders quickly.
const cardsPerColumn = 50

type boardPage struct {
	view
	Job          hiring.Job
	Columns      []hiring.BoardColumn
	Stages       []hiring.Stage
	Reasons      []hiring.RejectionReason
	NextStatuses []hiring.JobStatus
	Back         string // where application actions return to
	// CardsHTML holds each column's cards, by column (writeCards).
	CardsHTML []template.HTML
}

func (h *Handler) board(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	job, err := h.svc.Job(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	cols, err := h.svc.Board(ctx, job.ID, cardsPerColumn)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	reasons, err := h.svc.ListRejectionReasons(ctx, false)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	stages := make([]hiring.Stage, len(cols))
	for i, c := range cols {
		stages[i] = c.Stage
	}
	v := h.view(w, r, job.Title, "jobs")
	v.Wide = true
	cc := newCardContext(v, stages, "/jobs/"+job.ID)
	cards := make([]template.HTML, len(cols))
	for i, c := range cols {
		cards[i] = h.cardsHTML(c.Cards, cc)
	}
	h.render(w, r, http.StatusOK, "board", boardPage{
		view:         v,
		CardsHTML:    cards,
		Job:          job,
		Columns:      cols,
		Stages:       stages,
		Reasons:      reasons,
		NextStatuses: nextStatuses(job.Status),
		Back:         "/jobs/" + job.ID,
	})
}

// nextStatuses lists the statuses a job may move to from s, in life order.
func nextStatuses(s hiring.JobStatus) []hiring.JobStatus {
	var out []hiring.JobStatus
	for _, t := range hiring.JobStatuses {
		if t != s && s.CanBecome(t) {
			out = append(out, t)
		}
	}
	return out
}
