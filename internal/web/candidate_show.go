package web

import (
	"net/http"
	"slices"

	"github.com/candor-ats/candor/internal/hiring"
)

type candidatePage struct {
	view
	Candidate  hiring.Candidate
	Apps       []applicationView
	Activity   []hiring.Activity
	MoreAct    bool
	Notes      []hiring.Note
	Documents  []hiring.Document
	Profiles   []*profilePanel // resumes beside their parsed profiles
	Duplicates []hiring.DuplicateMatch
	Jobs       []hiring.Job // open jobs to add the candidate to
	Reasons    []hiring.RejectionReason
	// InPools are the pools the candidate is in; PoolChoices the static
	// pools to add them to (both only for those who use pools).
	InPools     []hiring.PoolRef
	PoolChoices []hiring.Pool
	NoteForm    *form
	ApplyForm   *form
	UploadForm  *form
	TagForm     *form
	Back        string
}

// applicationView is one application on the profile with what its forms need.
type applicationView struct {
	hiring.Application
	History []hiring.StageVisit
	Stages  []hiring.Stage
	// Intake is how it came through the careers site (nil otherwise).
	Intake *hiring.Intake
	// Pending is the automated mail waiting to go (cancel or send now).
	Pending []hiring.Message
}

// Active reports whether the application is still in the pipeline.
func (a applicationView) Active() bool { return a.Status == hiring.AppActive }

// profileForms are the profile's own forms; a failed one re-renders with its messages.
type profileForms struct{ note, apply, upload, tag *form }

func (h *Handler) candidateShow(w http.ResponseWriter, r *http.Request) {
	h.renderCandidate(w, r, http.StatusOK, profileForms{})
}

func (h *Handler) renderCandidate(w http.ResponseWriter, r *http.Request, status int, pf profileForms) {
	ctx := r.Context()
	c, err := h.svc.Candidate(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	apps, err := h.svc.ListApplications(ctx, hiring.ApplicationFilter{CandidateID: c.ID}, hiring.PageRequest{Limit: hiring.MaxLimit})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	// Histories and the stage menus of active applications come in one
	// query each, however many applications the person has.
	appIDs := make([]string, 0, len(apps.Items))
	var jobIDs []string
	for _, a := range apps.Items {
		appIDs = append(appIDs, a.ID)
		if a.Status == hiring.AppActive && !slices.Contains(jobIDs, a.JobID) {
			jobIDs = append(jobIDs, a.JobID)
		}
	}
	hist, err := h.svc.StageHistories(ctx, appIDs)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	stagesByJob, err := h.svc.StagesByJob(ctx, jobIDs)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	views := make([]applicationView, 0, len(apps.Items))
	for _, a := range apps.Items {
		v := applicationView{Application: a, History: hist[a.ID]}
		if a.Status == hiring.AppActive {
			v.Stages = stagesByJob[a.JobID]
		}
		if in, err := h.svc.ApplicationIntake(ctx, a.ID); err == nil {
			v.Intake = &in
		} else if hiring.ErrorCode(err) != hiring.ENotFound {
			h.fail(w, r, err)
			return
		}
		if pm, err := h.svc.PendingMessages(ctx, a.ID); err == nil {
			v.Pending = pm
		}
		views = append(views, v)
	}
	act, err := h.svc.CandidateActivity(ctx, c.ID, hiring.PageRequest{Limit: 50})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	notes, err := h.svc.Notes(ctx, c.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	docs, err := h.svc.Documents(ctx, c.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	profiles, err := h.profilePanels(ctx, r, docs)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	reasons, err := h.svc.ListRejectionReasons(ctx, false)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := candidatePage{
		view:       h.view(w, r, c.Name(), "candidates"),
		Candidate:  c,
		Apps:       views,
		Activity:   act.Items,
		MoreAct:    act.NextCursor != "",
		Notes:      notes,
		Documents:  docs,
		Profiles:   profiles,
		Reasons:    reasons,
		NoteForm:   orNew(pf.note),
		ApplyForm:  orNew(pf.apply),
		UploadForm: orNew(pf.upload),
		TagForm:    orNew(pf.tag),
		Back:       "/candidates/" + c.ID,
	}
	if p.CanManage() {
		jobs, err := h.svc.ListJobs(ctx, hiring.JobFilter{Statuses: []hiring.JobStatus{hiring.JobOpen, hiring.JobPaused, hiring.JobDraft}}, hiring.PageRequest{Limit: hiring.MaxLimit})
		if err != nil {
			h.fail(w, r, err)
			return
		}
		p.Jobs = jobs.Items
		refs, err := h.svc.CandidatePools(ctx, []string{c.ID})
		if err != nil {
			h.fail(w, r, err)
			return
		}
		p.InPools = refs[c.ID]
		pools, err := h.svc.Pools(ctx)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		for _, pl := range pools {
			if !pl.Smart && !slices.ContainsFunc(p.InPools, func(x hiring.PoolRef) bool { return x.PoolID == pl.ID }) {
				p.PoolChoices = append(p.PoolChoices, pl)
			}
		}
		// Only those who may merge are offered duplicates.
		if p.Duplicates, err = h.svc.DuplicatesOf(ctx, c.ID); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	h.render(w, r, status, "candidate", p)
}

func orNew(f *form) *form {
	if f == nil {
		return newForm(nil)
	}
	return f
}
