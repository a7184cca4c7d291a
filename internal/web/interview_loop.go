package web

import (
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

// loopSession is one session of a suggested loop, for display.
type loopSession struct {
	Name       string
	Start, End time.Time
	People     []string
}

// loopOption is one suggested loop: its sessions and the value that books it.
type loopOption struct {
	Value    string
	Sessions []loopSession
	Load     int
}

type loopPage struct {
	view
	App         hiring.Application
	Templates   []hiring.InterviewTemplate
	Chosen      map[string]bool
	BreakMin    int
	BreakMax    string // "" = any gap: the next session may fall on a later day
	From        string
	Days        int
	Options     []loopOption
	Searched    bool
	SearchError string
	Form        *form
}

// Span formats a session in the viewer's zone.
func (p loopPage) Span(s loopSession) string {
	return s.Start.In(p.loc).Format("Mon 2 Jan, 15:04") + "–" + s.End.In(p.loc).Format("15:04")
}

// interviewLoop suggests loops from the job's interview plan: the chosen
// templates in plan order, each with its required people and the pool's
// least busy, with breaks between them; the least loaded loops come first.
func (h *Handler) interviewLoop(w http.ResponseWriter, r *http.Request) {
	h.renderLoop(w, r, http.StatusOK, r.URL.Query(), nil)
}

func (h *Handler) renderLoop(w http.ResponseWriter, r *http.Request, status int, q url.Values, f *form) {
	ctx := r.Context()
	app, err := h.svc.Application(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := h.view(w, r, "Book an interview loop — "+app.CandidateName, "interviews")
	if !v.CanMove() {
		h.fail(w, r, hiring.Errorf(hiring.EForbidden, "Interviewers do not schedule interviews."))
		return
	}
	plan, err := h.svc.InterviewPlan(ctx, app.JobID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := loopPage{view: v, App: app, Templates: plan, Chosen: map[string]bool{}, BreakMin: 15, BreakMax: "60", Days: 10, Form: f}
	if p.Form == nil {
		p.Form = newForm(nil)
	}
	for _, id := range q["template_ids"] {
		p.Chosen[id] = true
	}
	if s := q.Get("break_min"); s != "" {
		if n, err := strconv.Atoi(s); err == nil && n >= 0 && n <= 7*24*60 {
			p.BreakMin = n
		} else {
			p.SearchError = "The shortest break must be a number of minutes."
		}
	}
	if q.Has("break_max") {
		p.BreakMax = strings.TrimSpace(q.Get("break_max"))
	}
	maxBreak := 0
	if p.BreakMax != "" {
		n, err := strconv.Atoi(p.BreakMax)
		switch {
		case err != nil || n < 0 || n > 7*24*60:
			p.SearchError = "The longest break must be a number of minutes, or empty for any."
		case n < p.BreakMin:
			p.SearchError = "The longest break must be at least the shortest."
		default:
			maxBreak = n
		}
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
	var chosen []hiring.InterviewTemplate
	for _, t := range plan {
		if p.Chosen[t.ID] {
			chosen = append(chosen, t)
		}
	}
	if len(chosen) > hiring.MaxLoopSessions {
		p.SearchError = "A loop has at most 10 sessions."
	}
	if len(chosen) > 0 && p.SearchError == "" {
		p.Searched = true
		start := from
		if now := time.Now(); start.Before(now) {
			start = now
		}
		opts, err := h.suggestLoops(r, chosen, start, from.AddDate(0, 0, p.Days), time.Duration(p.BreakMin)*time.Minute, time.Duration(maxBreak)*time.Minute)
		switch {
		case err == nil:
			p.Options = opts
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
	h.render(w, r, status, "interview_loop", p)
}

// suggestLoops asks calendar.Loop for the chosen templates as sessions.
func (h *Handler) suggestLoops(r *http.Request, chosen []hiring.InterviewTemplate, from, to time.Time, breakMin, breakMax time.Duration) ([]loopOption, error) {
	var ids []string
	idx := map[string]int{}
	add := func(ps []hiring.Interviewer) []int {
		var out []int
		for _, x := range ps {
			if _, ok := idx[x.UserID]; !ok {
				idx[x.UserID] = len(ids)
				ids = append(ids, x.UserID)
			}
			out = append(out, idx[x.UserID])
		}
		return out
	}
	sessions := make([]calendar.Session, len(chosen))
	for i, t := range chosen {
		if len(t.Required)+t.PoolPick == 0 {
			return nil, fieldError("template_ids", "Please correct the plan.", "“"+t.Name+"” names no interviewers: add required people or a pool in the interview plan")
		}
		sessions[i] = calendar.Session{Duration: time.Duration(t.DurationMinutes) * time.Minute, Required: add(t.Required), Pool: add(t.Pool), Need: t.PoolPick}
	}
	av, err := h.svc.Availability(r.Context(), ids, from, to)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, u := range av {
		names[u.UserID] = u.Name
	}
	loops, err := calendar.Loop(scheduling.People(av), calendar.LoopRequest{Request: calendar.Request{From: from, To: to, Step: 15 * time.Minute, Limit: 10},
		Sessions: sessions, BreakMin: breakMin, BreakMax: breakMax})
	if err != nil {
		return nil, fieldError("template_ids", "No loops: "+err.Error(), err.Error())
	}
	out := make([]loopOption, 0, len(loops))
	for _, l := range loops {
		var o loopOption
		o.Load = l.Load
		var parts []string
		for k, s := range l.Sessions {
			ls := loopSession{Name: chosen[k].Name, Start: s.Start, End: s.End}
			for _, id := range s.Interviewers {
				ls.People = append(ls.People, names[id])
			}
			o.Sessions = append(o.Sessions, ls)
			parts = append(parts, chosen[k].ID+"~"+strconv.FormatInt(s.Start.Unix(), 10)+"~"+strings.Join(s.Interviewers, "+"))
		}
		o.Value = strings.Join(parts, "|")
		out = append(out, o)
	}
	return out, nil
}

// interviewLoopBook books the chosen loop: every session or none.
func (h *Handler) interviewLoopBook(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	ctx := r.Context()
	f := r.PostForm
	back := url.Values{"template_ids": f["template_ids"], "break_min": {f.Get("break_min")}, "break_max": {f.Get("break_max")},
		"from": {f.Get("from")}, "days": {f.Get("days")}}
	fail := func(status int, err error) { h.renderLoop(w, r, status, back, newForm(f).withError(err)) }
	app, err := h.svc.Application(ctx, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	plan, err := h.svc.InterviewPlan(ctx, app.JobID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	bad := fieldError("loop", "Please choose one of the suggested loops.", "choose a suggested loop")
	parts := strings.Split(f.Get("loop"), "|")
	if f.Get("loop") == "" || len(parts) > hiring.MaxLoopSessions {
		fail(http.StatusUnprocessableEntity, bad)
		return
	}
	var sessions []hiring.NewInterview
	for _, part := range parts {
		fs := strings.Split(part, "~")
		if len(fs) != 3 {
			fail(http.StatusUnprocessableEntity, bad)
			return
		}
		k := slices.IndexFunc(plan, func(t hiring.InterviewTemplate) bool { return t.ID == fs[0] })
		unix, err := strconv.ParseInt(fs[1], 10, 64)
		if k < 0 || err != nil {
			fail(http.StatusUnprocessableEntity, bad)
			return
		}
		in := hiring.NewInterview{ApplicationID: app.ID, StartsAt: time.Unix(unix, 0).UTC(), InterviewerIDs: strings.Split(fs[2], "+"),
			AllowConflicts: f.Get("allow_conflicts") != ""}
		scheduling.Prefill(plan[k], &in)
		sessions = append(sessions, in)
	}
	ivs, err := h.svc.ScheduleLoop(ctx, sessions)
	switch {
	case err == nil:
		redirect(w, r, "/interviews/"+ivs[0].ID, "Loop booked: "+strconv.Itoa(len(ivs))+" interviews. Each has its invitation below its page.")
	case isFormError(err):
		fail(httperr.Status(err), err)
	default:
		h.fail(w, r, err)
	}
}
