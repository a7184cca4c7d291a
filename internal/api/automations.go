package api

import (
	"net/http"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// Automations (issue 10 part 4): company-wide rules at /automations, a
// job's at /jobs/{id}/automations; waiting automated mail per application.

type automationJSON struct {
	ID            string    `json:"id"`
	JobID         *string   `json:"job_id"`
	Trigger       string    `json:"trigger"`
	StageID       *string   `json:"stage_id"`
	StageKind     *string   `json:"stage_kind"`
	TemplateID    string    `json:"template_id"`
	TemplateName  string    `json:"template_name"`
	DelayMinutes  int       `json:"delay_minutes"`
	BusinessHours bool      `json:"business_hours"`
	TimeZone      string    `json:"time_zone"`
	Enabled       bool      `json:"enabled"`
	CreatedAt     time.Time `json:"created_at"`
	UpdatedAt     time.Time `json:"updated_at"`
}

func toAutomationJSON(a hiring.Automation) automationJSON {
	return automationJSON{ID: a.ID, JobID: optional(a.JobID), Trigger: string(a.Trigger), StageID: optional(a.StageID),
		StageKind: optional(string(a.StageKind)), TemplateID: a.TemplateID, TemplateName: a.TemplateName, DelayMinutes: a.DelayMinutes,
		BusinessHours: a.BusinessHours, TimeZone: a.TimeZone, Enabled: a.Enabled, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt}
}

type automationInput struct {
	Trigger       string `json:"trigger"`
	StageID       string `json:"stage_id"`
	StageKind     string `json:"stage_kind"`
	TemplateID    string `json:"template_id"`
	DelayMinutes  *int   `json:"delay_minutes"`
	BusinessHours bool   `json:"business_hours"`
	TimeZone      string `json:"time_zone"`
	Enabled       *bool  `json:"enabled"`
}

func (in automationInput) domain(jobID string) hiring.Automation {
	a := hiring.Automation{JobID: jobID, Trigger: hiring.AutomationTrigger(in.Trigger), StageID: in.StageID,
		StageKind: hiring.StageKind(in.StageKind), TemplateID: in.TemplateID, BusinessHours: in.BusinessHours, TimeZone: in.TimeZone, Enabled: true}
	if in.Enabled != nil {
		a.Enabled = *in.Enabled
	}
	switch {
	case in.DelayMinutes != nil:
		a.DelayMinutes = *in.DelayMinutes
	case a.Trigger == hiring.TriggerRejected:
		a.DelayMinutes = int(hiring.DefaultRejectionDelay.Minutes())
	}
	return a
}

func (h *handler) listAutomations(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.Automations(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(mapList(list, toAutomationJSON), ""))
}

func (h *handler) createAutomation(w http.ResponseWriter, r *http.Request) {
	var in automationInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	a, err := h.svc.CreateAutomation(r.Context(), in.domain(r.PathValue("id")))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeCreated(w, "/automations/"+a.ID, 0, toAutomationJSON(a))
}

func (h *handler) getAutomation(w http.ResponseWriter, r *http.Request) {
	a, err := h.svc.Automation(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toAutomationJSON(a))
}

func (h *handler) updateAutomation(w http.ResponseWriter, r *http.Request) {
	var in automationInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	a, err := h.svc.UpdateAutomation(r.Context(), r.PathValue("id"), in.domain(""))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toAutomationJSON(a))
}

func (h *handler) deleteAutomation(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.DeleteAutomation(r.Context(), r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *handler) pendingMessages(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.PendingMessages(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(mapList(list, toMessageJSON), ""))
}

func (h *handler) sendMessageNow(w http.ResponseWriter, r *http.Request) {
	m, err := h.svc.SendMessageNow(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toMessageJSON(m))
}
