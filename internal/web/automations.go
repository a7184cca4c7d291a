package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

// Automations (issue 10 part 4): company-wide rules at /automations
// (admins and recruiters), a job's own at /jobs/{id}/automations (whoever
// decides on the job changes them).

type automationsPage struct {
	view
	Job       *hiring.Job // nil: company-wide
	Rules     []hiring.Automation
	Templates []hiring.MessageTemplate
	Stages    []hiring.Stage
	Kinds     []hiring.StageKind
	Triggers  []hiring.AutomationTrigger
	Form      *form
	Action    string // where the new-rule form posts
}

func (h *Handler) automationsCompany(w http.ResponseWriter, r *http.Request) {
	h.renderAutomations(w, r, http.StatusOK, "", newForm(nil))
}

func (h *Handler) automationsJob(w http.ResponseWriter, r *http.Request) {
	h.renderAutomations(w, r, http.StatusOK, r.PathValue("id"), newForm(nil))
}

func (h *Handler) renderAutomations(w http.ResponseWriter, r *http.Request, status int, jobID string, f *form) {
	ctx := r.Context()
	p := automationsPage{Form: f, Kinds: hiring.StageKinds, Action: "/automations",
		Triggers: []hiring.AutomationTrigger{hiring.TriggerStageEntered, hiring.TriggerRejected, hiring.TriggerReceived}}
	title := "Automations"
	if jobID != "" {
		job, err := h.svc.Job(ctx, jobID)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		p.Job, p.Action = &job, "/jobs/"+job.ID+"/automations"
		if p.Stages, err = h.svc.Stages(ctx, job.ID); err != nil {
			h.fail(w, r, err)
			return
		}
		title = "Automations · " + job.Title
	}
	rules, err := h.svc.Automations(ctx, jobID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p.Rules = rules
	if p.Templates, err = h.svc.ListTemplates(ctx); err != nil {
		h.fail(w, r, err)
		return
	}
	nav := "admin"
	if jobID != "" {
		nav = "jobs"
	}
	p.view = h.view(w, r, title, nav)
	h.render(w, r, status, "automations", p)
}

// automationInput reads a rule from a form.
func automationInput(r *http.Request) (hiring.Automation, error) {
	f := r.PostForm
	in := hiring.Automation{Trigger: hiring.AutomationTrigger(f.Get("trigger")), StageID: f.Get("stage_id"),
		StageKind: hiring.StageKind(f.Get("stage_kind")), TemplateID: f.Get("template_id"), BusinessHours: f.Get("business_hours") != "",
		TimeZone: strings.TrimSpace(f.Get("time_zone")), Enabled: f.Get("enabled") != ""}
	var v hiring.Validation
	if d := strings.TrimSpace(f.Get("delay_hours")); d != "" {
		x, err := strconv.ParseFloat(d, 64)
		if err != nil || x < 0 || x > float64(hiring.MaxAutomationDelay)/60 {
			v.Add("delay_hours", "must be a number of hours between 0 and 720")
		} else {
			in.DelayMinutes = int(x*60 + 0.5)
		}
	} else if in.Trigger == hiring.TriggerRejected {
		in.DelayMinutes = int(hiring.DefaultRejectionDelay.Minutes())
	}
	return in, v.Err()
}

// automationSave creates a rule (POST /automations, POST
// /jobs/{id}/automations) or changes one (POST /automations/{id}).
func (h *Handler) automationSave(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	ctx := r.Context()
	in, err := automationInput(r)
	jobID := r.PathValue("id")
	var back string
	if strings.HasPrefix(r.URL.Path, "/automations/") {
		old, lerr := h.svc.Automation(ctx, jobID)
		if lerr != nil {
			h.fail(w, r, lerr)
			return
		}
		jobID, back = old.JobID, automationsBack(old.JobID)
		if err == nil {
			_, err = h.svc.UpdateAutomation(ctx, old.ID, in)
		}
	} else {
		if !strings.HasPrefix(r.URL.Path, "/jobs/") {
			jobID = ""
		}
		back = automationsBack(jobID)
		in.JobID = jobID
		if err == nil {
			_, err = h.svc.CreateAutomation(ctx, in)
		}
	}
	switch {
	case err == nil:
		redirect(w, r, back, "Automation saved.")
	case isFormError(err):
		h.renderAutomations(w, r, httperr.Status(err), jobID, newForm(r.PostForm).withError(err))
	default:
		h.fail(w, r, err)
	}
}

func automationsBack(jobID string) string {
	if jobID == "" {
		return "/automations"
	}
	return "/jobs/" + jobID + "/automations"
}

// automationDelete removes a rule (POST /automations/{id}/delete).
func (h *Handler) automationDelete(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	ctx := r.Context()
	old, err := h.svc.Automation(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.actionDone(w, r, automationsBack(old.JobID), h.svc.DeleteAutomation(ctx, old.ID), "Automation removed.")
}

// Delay shows a rule's delay in hours.
func (automationsPage) Delay(min int) string {
	return strconv.FormatFloat(float64(min)/60, 'f', -1, 64)
}
