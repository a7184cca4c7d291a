package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/calendar"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
	"github.com/candor-ats/candor/internal/scheduling"
)

// localInputLayout is the value of an <input type="datetime-local">.
const localInputLayout = "2006-01-02T15:04"

// parseLocal reads a datetime-local value in the viewer's zone.
func parseLocal(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, errors.New("is required")
	}
	t, err := time.ParseInLocation(localInputLayout, s, loc)
	if err != nil {
		return time.Time{}, errors.New("must be a date and time like 2026-03-30T09:00")
	}
	return t, nil
}

type schedulePage struct {
	view
	App         hiring.Application
	Users       []hiring.User
	Chosen      map[string]bool
	ChosenIDs   []string
	Duration    int
	From        string // date in the viewer's zone
	Days        int
	Slots       []calendar.Slot
	Searched    bool
	SearchError string
	Form        *form
	HasPersonal bool
	// The job's interview plan, and the template picked from it.
	Templates []hiring.InterviewTemplate
	Template  *hiring.InterviewTemplate
}

// Slot formats a suggestion in the viewer's zone.
func (p schedulePage) SlotLabel(s calendar.Slot) string {
	return s.Start.In(p.loc).Format("Mon 2 Jan, 15:04") + "–" + s.End.In(p.loc).Format("15:04")
}

// SlotRFC is the slot's start as RFC 3339 UTC (offered times).
func (p schedulePage) SlotRFC(s calendar.Slot) string { return s.Start.UTC().Format(time.RFC3339) }

// SlotValue is the slot's datetime-local value in the viewer's zone.
func (p schedulePage) SlotValue(s calendar.Slot) string {
	return s.Start.In(p.loc).Format(localInputLayout)
}

// scheduleForm shows the scheduling page of an application: pick the
// interviewers, find times everyone is free, book one (or any time).
func (h *Handler) scheduleForm(w http.ResponseWriter, r *http.Request) {
	h.renderSchedule(w, r, http.StatusOK, r.URL.Query(), nil)
}

func (h *Handler) renderSchedule(w http.ResponseWriter, r *http.Request, status int, q url.Values, f *form) {
	ctx := r.Context()
	app, err := h.svc.Application(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := h.view(w, r, "Schedule an interview — "+app.CandidateName, "interviews")
	if !v.CanMove() {
		h.fail(w, r, hiring.Errorf(hiring.EForbidden, "Interviewers do not schedule interviews."))
		return
	}
	users, err := h.svc.ListUsers(ctx, false)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := schedulePage{view: v, App: app, Users: users, Chosen: map[string]bool{}, Duration: 60, Days: 7, Form: f}
	for _, id := range q["interviewer_ids"] {
		if len(p.ChosenIDs) < hiring.MaxInterviewers && id != "" && !p.Chosen[id] {
			p.Chosen[id] = true
			p.ChosenIDs = append(p.ChosenIDs, id)
		}
	}
	if p.Templates, err = h.svc.InterviewPlan(ctx, app.JobID); err != nil {
		h.fail(w, r, err)
		return
	}
	prefill := url.Values{"title": {"Interview"}}
	if tid := q.Get("template_id"); tid != "" {
		for i := range p.Templates {
			if p.Templates[i].ID == tid {
				p.Template = &p.Templates[i]
			}
		}
		if p.Template == nil {
			p.SearchError = "That interview is not in this job's plan."
		} else {
			t := *p.Template
			p.Duration = t.DurationMinutes
			if len(p.ChosenIDs) == 0 {
				// The required people and the pool's least busy over the next two weeks.
				load := map[string]int{}
				if ids := t.PoolIDs(); len(ids) > 0 && t.PoolPick > 0 {
					now := time.Now()
					if av, err := h.svc.Availability(ctx, ids, now, now.AddDate(0, 0, 14)); err == nil {
						for _, u := range av {
							load[u.UserID] = u.Interviews
						}
					}
				}
				for _, id := range scheduling.PickPanel(t, load) {
					p.Chosen[id] = true
					p.ChosenIDs = append(p.ChosenIDs, id)
				}
			}
			var n hiring.NewInterview
			scheduling.Prefill(t, &n)
			prefill = url.Values{"title": {n.Title}, "location": {n.Location}, "video": {n.Video}, "template_id": {t.ID}}
		}
	}
	if d, err := strconv.Atoi(q.Get("duration_minutes")); err == nil && d >= hiring.MinInterviewMinutes && d <= hiring.MaxInterviewMinutes {
		p.Duration = d
	}
	if d, err := strconv.Atoi(q.Get("days")); err == nil && d >= 1 && d <= 31 {
		p.Days = d
	}
	today := time.Now().In(v.loc)
	from := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, v.loc)
	if s := q.Get("from"); s != "" {
		if t, err := time.ParseInLocation("2006-01-02", s, v.loc); err == nil && t.Year() >= 2000 && t.Year() <= 2200 {
			from = t
		} else {
			p.SearchError = "The first day must be a date like 2026-03-30."
		}
	}
	p.From = from.Format("2006-01-02")
	if len(p.ChosenIDs) > 0 && p.SearchError == "" {
		p.Searched = true
		start := from
		if now := time.Now(); start.Before(now) {
			start = now
		}
		av, err := h.svc.Availability(ctx, p.ChosenIDs, start, from.AddDate(0, 0, p.Days))
		switch {
		case err == nil:
			p.Slots, err = calendar.Panel(scheduling.People(av), calendar.Request{From: start, To: from.AddDate(0, 0, p.Days),
				Duration: time.Duration(p.Duration) * time.Minute, Step: 30 * time.Minute, Limit: 24, PerDay: 4})
			if err != nil {
				p.SearchError = "No times: " + err.Error()
			}
		case isFormError(err) || hiring.ErrorCode(err) == hiring.EForbidden:
			p.SearchError = hiring.ErrorMessage(err)
			if fs := hiring.ErrorFields(err); len(fs) > 0 {
				p.SearchError = fs[0].Message
			}
		default:
			h.fail(w, r, err)
			return
		}
	}
	if set, err := h.svc.CalendarSettings(ctx); err == nil {
		p.HasPersonal = set.MeetingLink != ""
	}
	if p.Form == nil {
		prefill.Set("duration_minutes", strconv.Itoa(p.Duration))
		p.Form = newForm(prefill)
	}
	h.render(w, r, status, "schedule", p)
}

// scheduleCreate books the interview (a suggested slot or any time).
func (h *Handler) scheduleCreate(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	v := h.view(w, r, "", "")
	f := r.PostForm
	back := url.Values{"interviewer_ids": f["interviewer_ids"], "duration_minutes": {f.Get("duration_minutes")}, "template_id": {f.Get("template_id")}}
	fail := func(status int, err error) { h.renderSchedule(w, r, status, back, newForm(f).withError(err)) }
	at := f.Get("slot")
	if at == "" || at == "other" {
		at = f.Get("starts_at_local")
	}
	start, err := parseLocal(at, v.loc)
	if err != nil {
		fail(http.StatusUnprocessableEntity, fieldError("starts_at_local", "Please correct the highlighted fields.", "Choose a suggested time, or give a date and time"))
		return
	}
	dur, err := strconv.Atoi(strings.TrimSpace(f.Get("duration_minutes")))
	if err != nil {
		fail(http.StatusUnprocessableEntity, fieldError("duration_minutes", "Please correct the highlighted fields.", "must be a number of minutes"))
		return
	}
	ids := slices.DeleteFunc(slices.Clone(f["interviewer_ids"]), func(s string) bool { return s == "" })
	iv, err := h.svc.ScheduleInterview(r.Context(), hiring.NewInterview{ApplicationID: r.PathValue("id"), Title: f.Get("title"),
		StartsAt: start, DurationMinutes: dur, InterviewerIDs: ids, Location: f.Get("location"), Video: f.Get("video"),
		AllowConflicts: f.Get("allow_conflicts") != "", TemplateID: f.Get("template_id")})
	switch {
	case err == nil:
		redirect(w, r, "/interviews/"+iv.ID, "Interview scheduled. Download the invitations below for the interviewers' and the candidate's calendars.")
	case isFormError(err):
		fail(httperr.Status(err), err)
	default:
		h.fail(w, r, err)
	}
}
