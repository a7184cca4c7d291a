package api

import (
	"net/http"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

type activityJSON struct {
	ID          string         `json:"id"`
	ActorID     string         `json:"actor_id"`
	ActorName   string         `json:"actor_name"`
	Action      string         `json:"action"`
	SubjectType string         `json:"subject_type"`
	SubjectID   string         `json:"subject_id"`
	CandidateID string         `json:"candidate_id"`
	JobID       string         `json:"job_id"`
	Summary     string         `json:"summary"`
	Before      map[string]any `json:"before"`
	After       map[string]any `json:"after"`
	CreatedAt   time.Time      `json:"created_at"`
}

func toActivityJSON(a hiring.Activity) activityJSON {
	return activityJSON{ID: a.ID, ActorID: a.ActorID, ActorName: a.ActorName, Action: a.Action,
		SubjectType: a.SubjectType, SubjectID: a.SubjectID, CandidateID: a.CandidateID, JobID: a.JobID,
		Summary: a.Summary, Before: a.Before, After: a.After, CreatedAt: a.CreatedAt}
}

func (h *handler) activityPage(w http.ResponseWriter, r *http.Request, get func(hiring.PageRequest) (hiring.Page[hiring.Activity], error)) {
	q := newQuery(r)
	p := q.page()
	if err := q.err(); err != nil {
		h.fail(w, r, err)
		return
	}
	page, err := get(p)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(mapList(page.Items, toActivityJSON), page.NextCursor))
}

func (h *handler) jobActivity(w http.ResponseWriter, r *http.Request) {
	h.activityPage(w, r, func(p hiring.PageRequest) (hiring.Page[hiring.Activity], error) {
		return h.svc.JobActivity(r.Context(), r.PathValue("id"), p)
	})
}

func (h *handler) candidateActivity(w http.ResponseWriter, r *http.Request) {
	h.activityPage(w, r, func(p hiring.PageRequest) (hiring.Page[hiring.Activity], error) {
		return h.svc.CandidateActivity(r.Context(), r.PathValue("id"), p)
	})
}

// auditLog is the admin's unfiltered trail; the service refuses other roles.
func (h *handler) auditLog(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r, "actor_id", "action", "subject_type", "candidate_id", "job_id", "since", "until")
	f := hiring.ActivityFilter{ActorID: q.str("actor_id"), Action: q.str("action"), SubjectType: q.str("subject_type"),
		CandidateID: q.str("candidate_id"), JobID: q.str("job_id"), Since: q.time("since"), Until: q.time("until")}
	p := q.page()
	if err := q.err(); err != nil {
		h.fail(w, r, err)
		return
	}
	page, err := h.svc.AuditLog(r.Context(), f, p)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(mapList(page.Items, toActivityJSON), page.NextCursor))
}
