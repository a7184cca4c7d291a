package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/candor-ats/candor/internal/hiring"
)

// Hiring is one decision however it is asked for — the Hire button, a card
// dropped on the hired column, the Move menu or a bulk move to the hired
// stage (the store makes them the same change) — so it is confirmed the same
// way: a form posted without confirm=yes gets the question instead of the
// change. A fetch (the board's drop) gets 409 with the question as text and
// the header ConfirmHeader, and re-posts with confirm=yes when the user
// agrees; a plain form gets a page whose button re-posts it confirmed.

// ConfirmHeader marks an answer that is a question, not an error.
const ConfirmHeader = "Candor-Confirm"

// hireQuestion is the confirmation's wording, shared by every way in.
func hireQuestion(name, job string) string {
	return fmt.Sprintf("Hire %s for %s? The application moves to the hired stage and leaves the active pipeline.", name, job)
}

type confirmPage struct {
	view
	Question string
	Action   string
	Fields   url.Values // the form as posted, re-posted with confirm=yes
	Back     string
	Button   string
}

// confirmed reports whether the form already carries the user's yes.
func confirmed(r *http.Request) bool { return r.PostForm.Get("confirm") == "yes" }

// askHire answers a hiring form that is not confirmed yet with the question,
// or with 403 for someone who could not hire on the job anyway (rather than
// ask them something the store would then refuse).
func (h *Handler) askHire(w http.ResponseWriter, r *http.Request, jobID, question, back string) {
	job, err := h.svc.Job(r.Context(), jobID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if a, _ := hiring.ActorFrom(r.Context()); !a.CanDecide(job.HiringTeam) {
		h.fail(w, r, hiring.Errorf(hiring.EForbidden, "You may not change applications of this job."))
		return
	}
	if isHTMX(r) {
		w.Header().Set(ConfirmHeader, "hire")
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusConflict)
		_, _ = w.Write([]byte(question))
		return
	}
	fields := url.Values{}
	for k, v := range r.PostForm {
		if k != "csrf_token" && k != "confirm" {
			fields[k] = v
		}
	}
	h.render(w, r, http.StatusOK, "confirm", &confirmPage{
		view: h.view(w, r, "Confirm hire", ""), Question: question, Action: r.URL.Path, Fields: fields,
		Back: back, Button: "Hire",
	})
}

// askHireApp asks before hiring app (see askHire).
func (h *Handler) askHireApp(w http.ResponseWriter, r *http.Request, app hiring.Application) {
	h.askHire(w, r, app.JobID, hireQuestion(app.CandidateName, app.JobTitle), h.actionBack(r, app))
}

// moveHires reports whether moving the application to stageID would hire
// it (an active application into a hired stage), with the application. A
// lookup that fails says no: the move itself then reports the problem.
func (h *Handler) moveHires(ctx context.Context, id, stageID string) (hiring.Application, bool) {
	app, err := h.svc.Application(ctx, id)
	if err != nil || app.Status != hiring.AppActive {
		return app, false
	}
	return app, h.isHiredStage(ctx, app.JobID, stageID)
}

func (h *Handler) isHiredStage(ctx context.Context, jobID, stageID string) bool {
	stages, err := h.svc.StagesByJob(ctx, []string{jobID})
	if err != nil {
		return false
	}
	for _, s := range stages[jobID] {
		if s.ID == stageID {
			return s.Kind == hiring.StageHired
		}
	}
	return false
}
