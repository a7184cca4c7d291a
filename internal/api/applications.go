package api

import (
	"net/http"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

type applicationJSON struct {
	ID                string     `json:"id"`
	CandidateID       string     `json:"candidate_id"`
	JobID             string     `json:"job_id"`
	StageID           string     `json:"stage_id"`
	Status            string     `json:"status"`
	Source            string     `json:"source"`
	CreditedToID      string     `json:"credited_to_id"`
	AppliedAt         time.Time  `json:"applied_at"`
	StageEnteredAt    time.Time  `json:"stage_entered_at"`
	RejectionReasonID string     `json:"rejection_reason_id"`
	RejectionReason   string     `json:"rejection_reason"`
	RejectedAt        *time.Time `json:"rejected_at"`
	HiredAt           *time.Time `json:"hired_at"`
	WithdrawnAt       *time.Time `json:"withdrawn_at"`
	CandidateName     string     `json:"candidate_name"`
	CandidateTitle    string     `json:"candidate_title"`
	JobTitle          string     `json:"job_title"`
	StageName         string     `json:"stage_name"`
	Tags              []string   `json:"tags"`
	Version           int        `json:"version"`
	CreatedAt         time.Time  `json:"created_at"`
	UpdatedAt         time.Time  `json:"updated_at"`
}

type applicationInput struct {
	CandidateID  string     `json:"candidate_id"`
	JobID        string     `json:"job_id"`
	StageID      string     `json:"stage_id"`
	Source       string     `json:"source"`
	CreditedToID string     `json:"credited_to_id"`
	AppliedAt    *time.Time `json:"applied_at"`
}

type stageVisitJSON struct {
	StageID   string     `json:"stage_id"`
	StageName string     `json:"stage_name"`
	EnteredAt time.Time  `json:"entered_at"`
	LeftAt    *time.Time `json:"left_at"`
	ActorName string     `json:"actor_name"`
}

func toApplicationJSON(a hiring.Application) applicationJSON {
	return applicationJSON{
		ID: a.ID, CandidateID: a.CandidateID, JobID: a.JobID, StageID: a.StageID, Status: string(a.Status),
		Source: a.Source, CreditedToID: a.CreditedToID, AppliedAt: a.AppliedAt, StageEnteredAt: a.StageEnteredAt,
		RejectionReasonID: a.RejectionReasonID, RejectionReason: a.RejectionReason, RejectedAt: a.RejectedAt,
		HiredAt: a.HiredAt, WithdrawnAt: a.WithdrawnAt, CandidateName: a.CandidateName,
		CandidateTitle: a.CandidateTitle, JobTitle: a.JobTitle, StageName: a.StageName, Tags: orEmpty(a.Tags),
		Version: a.Version, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt,
	}
}

func (h *handler) listApplications(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r, "job_id", "candidate_id", "stage_id", "status")
	f := hiring.ApplicationFilter{JobID: q.str("job_id"), CandidateID: q.str("candidate_id"), StageID: q.str("stage_id"),
		Status: hiring.ApplicationStatus(q.str("status"))}
	switch f.Status {
	case "", hiring.AppActive, hiring.AppRejected, hiring.AppWithdrawn, hiring.AppHired:
	default:
		q.add("status", "must be active, rejected, withdrawn or hired")
	}
	p := q.page()
	if err := q.err(); err != nil {
		h.fail(w, r, err)
		return
	}
	page, err := h.svc.ListApplications(r.Context(), f, p)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(mapList(page.Items, toApplicationJSON), page.NextCursor))
}

func (h *handler) createApplication(w http.ResponseWriter, r *http.Request) {
	var in applicationInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	na := hiring.NewApplication{CandidateID: in.CandidateID, JobID: in.JobID, StageID: in.StageID, Source: in.Source, CreditedToID: in.CreditedToID}
	if in.AppliedAt != nil {
		na.AppliedAt = *in.AppliedAt
	}
	a, err := h.svc.CreateApplication(r.Context(), na)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeCreated(w, "/applications/"+a.ID, a.Version, toApplicationJSON(a))
}

func (h *handler) getApplication(w http.ResponseWriter, r *http.Request) {
	a, err := h.svc.Application(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeRecord(w, http.StatusOK, a.Version, toApplicationJSON(a))
}

func (h *handler) applicationHistory(w http.ResponseWriter, r *http.Request) {
	visits, err := h.svc.StageHistory(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(mapList(visits, func(v hiring.StageVisit) stageVisitJSON {
		return stageVisitJSON{StageID: v.StageID, StageName: v.StageName, EnteredAt: v.EnteredAt, LeftAt: v.LeftAt, ActorName: v.ActorName}
	}), ""))
}

type moveInput struct {
	StageID string `json:"stage_id"`
	Version *int   `json:"version,omitempty"`
}

type rejectInput struct {
	ReasonID string `json:"reason_id"`
	Reason   string `json:"reason"`
	Version  *int   `json:"version,omitempty"`
}

type versionInput struct {
	Version *int `json:"version,omitempty"`
}

// action decodes the body into in, resolves the version and runs do. The
// version (body or If-Match) is optional on actions: without it the action
// applies to whatever state the application is in now.
func (h *handler) action(w http.ResponseWriter, r *http.Request, in any, ver func() *int, do func(id string, version int) (hiring.Application, error)) {
	if err := decode(w, r, in, true); err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := version(r, ver(), false)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	a, err := do(r.PathValue("id"), v)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeRecord(w, http.StatusOK, a.Version, toApplicationJSON(a))
}

func (h *handler) moveApplication(w http.ResponseWriter, r *http.Request) {
	var in moveInput
	h.action(w, r, &in, func() *int { return in.Version }, func(id string, v int) (hiring.Application, error) {
		if in.StageID == "" {
			var val hiring.Validation
			val.Add("stage_id", "is required")
			return hiring.Application{}, val.Err()
		}
		return h.svc.MoveApplication(r.Context(), id, v, in.StageID)
	})
}

func (h *handler) rejectApplication(w http.ResponseWriter, r *http.Request) {
	var in rejectInput
	h.action(w, r, &in, func() *int { return in.Version }, func(id string, v int) (hiring.Application, error) {
		return h.svc.RejectApplication(r.Context(), id, v, in.ReasonID, in.Reason)
	})
}

func (h *handler) hireApplication(w http.ResponseWriter, r *http.Request) {
	var in versionInput
	h.action(w, r, &in, func() *int { return in.Version }, func(id string, v int) (hiring.Application, error) {
		return h.svc.HireApplication(r.Context(), id, v)
	})
}

func (h *handler) withdrawApplication(w http.ResponseWriter, r *http.Request) {
	var in versionInput
	h.action(w, r, &in, func() *int { return in.Version }, func(id string, v int) (hiring.Application, error) {
		return h.svc.WithdrawApplication(r.Context(), id, v)
	})
}

func (h *handler) reopenApplication(w http.ResponseWriter, r *http.Request) {
	var in versionInput
	h.action(w, r, &in, func() *int { return in.Version }, func(id string, v int) (hiring.Application, error) {
		return h.svc.ReopenApplication(r.Context(), id, v)
	})
}
