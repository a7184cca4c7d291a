package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

// planStage is one stage of the job with its interview templates.
type planStage struct {
	Stage     hiring.Stage
	Templates []hiring.InterviewTemplate
}

type interviewPlanPage struct {
	view
	Job          hiring.Job
	NextStatuses []hiring.JobStatus
	Plan         []planStage
	Count        int
	CanEdit      bool
	// The template form (add, or edit when Editing is set).
	Editing *hiring.InterviewTemplate
	Form    *form
	Stages  []hiring.Stage
	Users   []hiring.User
	Kits    []hiring.LibraryKit
	Attrs   []hiring.LibraryAttribute
	Kinds   []hiring.LocationKind
}

// Person answers the form's choice for a user: "required", "pool" or "".
func (p interviewPlanPage) Person(userID string) string { return p.Form.Get("people." + userID) }

// interviewPlan is the job's "Interview plan" tab: its stages with their
// interview templates, and for editors the form to add one.
func (h *Handler) interviewPlan(w http.ResponseWriter, r *http.Request) {
	h.renderPlan(w, r, http.StatusOK, r.PathValue("id"), nil, nil)
}

// interviewTemplateEdit shows the plan with one template's form filled in.
func (h *Handler) interviewTemplateEdit(w http.ResponseWriter, r *http.Request) {
	t, err := h.svc.InterviewTemplate(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if !h.editorOnly(w, r) {
		return
	}
	h.renderPlan(w, r, http.StatusOK, t.JobID, &t, nil)
}

func templateValues(t hiring.InterviewTemplate) url.Values {
	v := url.Values{"name": {t.Name}, "stage_id": {t.StageID}, "duration_minutes": {strconv.Itoa(t.DurationMinutes)},
		"location_kind": {string(t.LocationKind)}, "room": {t.Room}, "pool_pick": {strconv.Itoa(t.PoolPick)},
		"kit.attributes": {strings.Join(t.Kit.Attributes, "\n")}, "kit.questions": {strings.Join(t.Kit.Questions, "\n")},
		"kit.guidance": {t.Kit.Guidance}, "version": {strconv.Itoa(t.Version)}}
	for _, p := range t.Required {
		v.Set("people."+p.UserID, "required")
	}
	for _, p := range t.Pool {
		v.Set("people."+p.UserID, "pool")
	}
	return v
}

func (h *Handler) renderPlan(w http.ResponseWriter, r *http.Request, status int, jobID string, editing *hiring.InterviewTemplate, f *form) {
	ctx := r.Context()
	job, err := h.svc.Job(ctx, jobID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	templates, err := h.svc.InterviewPlan(ctx, job.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	stages, err := h.svc.Stages(ctx, job.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := h.view(w, r, "Interview plan · "+job.Title, "jobs")
	a, _ := hiring.ActorFrom(ctx)
	p := interviewPlanPage{view: v, Job: job, NextStatuses: nextStatuses(job.Status), Count: len(templates), Editing: editing,
		CanEdit: a.CanDecide(job.HiringTeam), Stages: stages, Kinds: hiring.LocationKinds}
	for _, s := range stages {
		ps := planStage{Stage: s}
		for _, t := range templates {
			if t.StageID == s.ID {
				ps.Templates = append(ps.Templates, t)
			}
		}
		p.Plan = append(p.Plan, ps)
	}
	if p.CanEdit {
		if p.Users, err = h.svc.ListUsers(ctx, false); err != nil {
			h.fail(w, r, err)
			return
		}
		if p.Kits, err = h.svc.LibraryKits(ctx); err != nil {
			h.fail(w, r, err)
			return
		}
		if p.Attrs, err = h.svc.LibraryAttributes(ctx); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	switch {
	case f != nil:
	case editing != nil:
		f = newForm(templateValues(*editing))
	default:
		vals := url.Values{"duration_minutes": {"60"}, "location_kind": {string(hiring.LocationVideo)}, "pool_pick": {"0"}}
		for _, s := range stages {
			if s.Kind == hiring.StageInterview {
				vals.Set("stage_id", s.ID)
				break
			}
		}
		f = newForm(vals)
	}
	p.Form = f
	h.render(w, r, status, "interview_plan", p)
}

// templateInput reads the template form. A library kit chosen in "kit_id"
// fills the kit where the form leaves it empty; library attributes ticked in
// "library_attributes" join the attributes.
func (h *Handler) templateInput(r *http.Request) (hiring.InterviewTemplateInput, error) {
	f := r.PostForm
	in := hiring.InterviewTemplateInput{StageID: f.Get("stage_id"), Name: f.Get("name"), LocationKind: hiring.LocationKind(f.Get("location_kind")),
		Room: f.Get("room"), Kit: hiring.InterviewKit{Attributes: splitLines(f.Get("kit.attributes")), Questions: splitLines(f.Get("kit.questions")),
			Guidance: f.Get("kit.guidance")}, Version: version(f)}
	var v hiring.Validation
	in.DurationMinutes = int(formInt(&v, f, "duration_minutes"))
	in.PoolPick = int(formInt(&v, f, "pool_pick"))
	if err := v.Err(); err != nil {
		return in, err
	}
	for key, vals := range f {
		id, ok := strings.CutPrefix(key, "people.")
		if !ok || len(vals) == 0 {
			continue
		}
		switch vals[0] {
		case "required":
			in.RequiredIDs = append(in.RequiredIDs, id)
		case "pool":
			in.PoolIDs = append(in.PoolIDs, id)
		}
	}
	if kid := f.Get("kit_id"); kid != "" {
		k, err := h.svc.LibraryKit(r.Context(), kid)
		if err != nil {
			return in, fieldError("kit_id", "Please correct the highlighted fields.", "is not a kit of the library")
		}
		if len(in.Kit.Attributes) == 0 {
			in.Kit.Attributes = k.Kit.Attributes
		}
		if len(in.Kit.Questions) == 0 {
			in.Kit.Questions = k.Kit.Questions
		}
		if strings.TrimSpace(in.Kit.Guidance) == "" {
			in.Kit.Guidance = k.Kit.Guidance
		}
	}
	for _, name := range f["library_attributes"] {
		dup := false
		for _, a := range in.Kit.Attributes {
			dup = dup || strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(name))
		}
		if !dup {
			in.Kit.Attributes = append(in.Kit.Attributes, name)
		}
	}
	return in, nil
}

// splitLines reads a textarea one item per line.
func splitLines(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}

// interviewTemplateCreate adds a template to the job's plan.
func (h *Handler) interviewTemplateCreate(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	jobID := r.PathValue("id")
	in, err := h.templateInput(r)
	if err == nil {
		_, err = h.svc.CreateInterviewTemplate(r.Context(), jobID, in)
	}
	switch {
	case err == nil:
		redirect(w, r, "/jobs/"+jobID+"/interview-plan", "Interview added to the plan.")
	case isFormError(err):
		h.renderPlan(w, r, httperr.Status(err), jobID, nil, newForm(r.PostForm).withError(err))
	default:
		h.fail(w, r, err)
	}
}

// interviewTemplateUpdate replaces a template.
func (h *Handler) interviewTemplateUpdate(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	cur, err := h.svc.InterviewTemplate(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	in, err := h.templateInput(r)
	if err == nil {
		_, err = h.svc.UpdateInterviewTemplate(r.Context(), cur.ID, in)
	}
	switch {
	case err == nil:
		redirect(w, r, "/jobs/"+cur.JobID+"/interview-plan", "Interview saved.")
	case isFormError(err):
		h.renderPlan(w, r, httperr.Status(err), cur.JobID, &cur, newForm(r.PostForm).withError(err))
	default:
		h.fail(w, r, err)
	}
}

// interviewTemplateDelete removes a template from the plan.
func (h *Handler) interviewTemplateDelete(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	cur, err := h.svc.InterviewTemplate(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.svc.DeleteInterviewTemplate(r.Context(), cur.ID); err != nil {
		h.fail(w, r, err)
		return
	}
	redirect(w, r, "/jobs/"+cur.JobID+"/interview-plan", "Interview removed from the plan. Interviews booked from it keep their time and people.")
}

// PoolText names a pool's people.
func (interviewPlanPage) PoolText(ps []hiring.Interviewer) string {
	names := make([]string, len(ps))
	for i, x := range ps {
		names[i] = x.Name
	}
	return strings.Join(names, ", ")
}
