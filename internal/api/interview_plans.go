package api

import (
	"net/http"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/scheduling"
)

type planPersonJSON struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email,omitempty"`
}

type kitJSON struct {
	Attributes []string `json:"attributes"`
	Questions  []string `json:"questions"`
	Guidance   string   `json:"guidance"`
}

type interviewTemplateJSON struct {
	ID              string           `json:"id"`
	JobID           string           `json:"job_id"`
	StageID         string           `json:"stage_id"`
	StageName       string           `json:"stage_name"`
	Position        int              `json:"position"`
	Name            string           `json:"name"`
	DurationMinutes int              `json:"duration_minutes"`
	LocationKind    string           `json:"location_kind"`
	Room            string           `json:"room"`
	Required        []planPersonJSON `json:"required"`
	Pool            []planPersonJSON `json:"pool"`
	PoolPick        int              `json:"pool_pick"`
	Kit             kitJSON          `json:"kit"`
	Version         int              `json:"version"`
	UpdatedAt       time.Time        `json:"updated_at"`
}

type interviewTemplateInput struct {
	StageID         string   `json:"stage_id"`
	Name            string   `json:"name"`
	DurationMinutes int      `json:"duration_minutes"`
	LocationKind    string   `json:"location_kind"`
	Room            string   `json:"room"`
	RequiredIDs     []string `json:"required_ids"`
	PoolIDs         []string `json:"pool_ids"`
	PoolPick        int      `json:"pool_pick"`
	Kit             kitJSON  `json:"kit"`
	Version         *int     `json:"version"`
}

type libraryKitJSON struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Kit       kitJSON   `json:"kit"`
	UpdatedAt time.Time `json:"updated_at"`
}

type libraryKitInput struct {
	Name string  `json:"name"`
	Kit  kitJSON `json:"kit"`
}

type libraryAttributeJSON struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

type libraryAttributeInput struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

func toKitJSON(k hiring.InterviewKit) kitJSON {
	out := kitJSON{Attributes: k.Attributes, Questions: k.Questions, Guidance: k.Guidance}
	if out.Attributes == nil {
		out.Attributes = []string{}
	}
	if out.Questions == nil {
		out.Questions = []string{}
	}
	return out
}

func (k kitJSON) kit() hiring.InterviewKit {
	return hiring.InterviewKit{Attributes: k.Attributes, Questions: k.Questions, Guidance: k.Guidance}
}

func toPlanPeople(ps []hiring.Interviewer) []planPersonJSON {
	out := make([]planPersonJSON, len(ps))
	for i, p := range ps {
		out[i] = planPersonJSON{ID: p.UserID, Name: p.Name, Email: p.Email}
	}
	return out
}

func toPlanTemplateJSON(t hiring.InterviewTemplate) interviewTemplateJSON {
	return interviewTemplateJSON{ID: t.ID, JobID: t.JobID, StageID: t.StageID, StageName: t.StageName, Position: t.Position, Name: t.Name,
		DurationMinutes: t.DurationMinutes, LocationKind: string(t.LocationKind), Room: t.Room, Required: toPlanPeople(t.Required),
		Pool: toPlanPeople(t.Pool), PoolPick: t.PoolPick, Kit: toKitJSON(t.Kit), Version: t.Version, UpdatedAt: t.UpdatedAt}
}

func (in interviewTemplateInput) input() hiring.InterviewTemplateInput {
	return hiring.InterviewTemplateInput{StageID: in.StageID, Name: in.Name, DurationMinutes: in.DurationMinutes,
		LocationKind: hiring.LocationKind(in.LocationKind), Room: in.Room, RequiredIDs: in.RequiredIDs, PoolIDs: in.PoolIDs,
		PoolPick: in.PoolPick, Kit: in.Kit.kit()}
}

func toLibraryKitJSON(k hiring.LibraryKit) libraryKitJSON {
	return libraryKitJSON{ID: k.ID, Name: k.Name, Kit: toKitJSON(k.Kit), UpdatedAt: k.UpdatedAt}
}

func toLibraryAttributeJSON(x hiring.LibraryAttribute) libraryAttributeJSON {
	return libraryAttributeJSON{ID: x.ID, Name: x.Name, Description: x.Description}
}

func (h *handler) interviewPlan(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.InterviewPlan(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(mapList(list, toPlanTemplateJSON), ""))
}

func (h *handler) createInterviewTemplate(w http.ResponseWriter, r *http.Request) {
	var in interviewTemplateInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	t, err := h.svc.CreateInterviewTemplate(r.Context(), r.PathValue("id"), in.input())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeCreated(w, "/interview-templates/"+t.ID, t.Version, toPlanTemplateJSON(t))
}

func (h *handler) getInterviewTemplate(w http.ResponseWriter, r *http.Request) {
	t, err := h.svc.InterviewTemplate(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeRecord(w, http.StatusOK, t.Version, toPlanTemplateJSON(t))
}

// updateInterviewTemplate replaces the template (PUT: every field).
func (h *handler) updateInterviewTemplate(w http.ResponseWriter, r *http.Request) {
	var in interviewTemplateInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := version(r, in.Version, false)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	x := in.input()
	x.Version = v
	t, err := h.svc.UpdateInterviewTemplate(r.Context(), r.PathValue("id"), x)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeRecord(w, http.StatusOK, t.Version, toPlanTemplateJSON(t))
}

func (h *handler) deleteInterviewTemplate(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.DeleteInterviewTemplate(r.Context(), r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// interviewKit answers the kit of an interview booked from a template, to
// everyone who sees the interview (its interviewers included).
func (h *handler) interviewKit(w http.ResponseWriter, r *http.Request) {
	t, err := h.svc.InterviewKitOf(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toPlanTemplateJSON(t))
}

func (h *handler) listLibraryKits(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.LibraryKits(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(mapList(list, toLibraryKitJSON), ""))
}

func (h *handler) getLibraryKit(w http.ResponseWriter, r *http.Request) {
	k, err := h.svc.LibraryKit(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toLibraryKitJSON(k))
}

func (h *handler) saveLibraryKit(w http.ResponseWriter, r *http.Request, id string) {
	var in libraryKitInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	k, err := h.svc.SaveLibraryKit(r.Context(), id, hiring.LibraryKitInput{Name: in.Name, Kit: in.Kit.kit()})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if id == "" {
		writeCreated(w, "/interview-kits/"+k.ID, 0, toLibraryKitJSON(k))
		return
	}
	writeJSON(w, http.StatusOK, toLibraryKitJSON(k))
}

func (h *handler) createLibraryKit(w http.ResponseWriter, r *http.Request) {
	h.saveLibraryKit(w, r, "")
}

func (h *handler) updateLibraryKit(w http.ResponseWriter, r *http.Request) {
	h.saveLibraryKit(w, r, r.PathValue("id"))
}

func (h *handler) deleteLibraryKit(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.DeleteLibraryKit(r.Context(), r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *handler) listLibraryAttributes(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.LibraryAttributes(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newList(mapList(list, toLibraryAttributeJSON), ""))
}

func (h *handler) saveLibraryAttribute(w http.ResponseWriter, r *http.Request, id string) {
	var in libraryAttributeInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	x, err := h.svc.SaveLibraryAttribute(r.Context(), hiring.LibraryAttribute{ID: id, Name: in.Name, Description: in.Description})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if id == "" {
		writeCreated(w, "/interview-attributes/"+x.ID, 0, toLibraryAttributeJSON(x))
		return
	}
	writeJSON(w, http.StatusOK, toLibraryAttributeJSON(x))
}

func (h *handler) createLibraryAttribute(w http.ResponseWriter, r *http.Request) {
	h.saveLibraryAttribute(w, r, "")
}

func (h *handler) updateLibraryAttribute(w http.ResponseWriter, r *http.Request) {
	h.saveLibraryAttribute(w, r, r.PathValue("id"))
}

func (h *handler) deleteLibraryAttribute(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.DeleteLibraryAttribute(r.Context(), r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// fromTemplate prefills a new interview from the job plan's template: what
// the request leaves out comes from the template, and with no
// interviewer_ids the required people plus the pool's least busy in the
// week either side of the start (scheduling.PickPanel).
func (h *handler) fromTemplate(r *http.Request, n *hiring.NewInterview) error {
	ctx := r.Context()
	t, err := h.svc.InterviewTemplate(ctx, n.TemplateID)
	if err != nil {
		if hiring.ErrorCode(err) == hiring.ENotFound {
			var v hiring.Validation
			v.Add("template_id", "is not an interview template you can see")
			return v.Err()
		}
		return err
	}
	scheduling.Prefill(t, n)
	if len(n.InterviewerIDs) > 0 {
		return nil
	}
	load := map[string]int{}
	if ids := t.PoolIDs(); len(ids) > 0 && t.PoolPick > 0 && !n.StartsAt.IsZero() {
		av, err := h.svc.Availability(ctx, ids, n.StartsAt.AddDate(0, 0, -7), n.StartsAt.AddDate(0, 0, 7))
		if err != nil {
			return err
		}
		for _, u := range av {
			load[u.UserID] = u.Interviews
		}
	}
	n.InterviewerIDs = scheduling.PickPanel(t, load)
	return nil
}
