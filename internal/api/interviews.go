package api

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/candor-ats/candor/internal/calendar"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
	"github.com/candor-ats/candor/internal/scheduling"
)

type interviewerJSON struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Email    string `json:"email,omitempty"`
	Response string `json:"response"`
}

type interviewJSON struct {
	ID              string            `json:"id"`
	ApplicationID   string            `json:"application_id"`
	CandidateID     string            `json:"candidate_id"`
	JobID           string            `json:"job_id"`
	CandidateName   string            `json:"candidate_name"`
	JobTitle        string            `json:"job_title"`
	Title           string            `json:"title"`
	StartsAt        time.Time         `json:"starts_at"`
	EndsAt          time.Time         `json:"ends_at"`
	DurationMinutes int               `json:"duration_minutes"`
	Location        string            `json:"location"`
	VideoURL        string            `json:"video_url"`
	Status          string            `json:"status"`
	Sequence        int               `json:"sequence"`
	UID             string            `json:"uid"`
	OrganizerID     string            `json:"organizer_id"`
	OrganizerName   string            `json:"organizer_name"`
	Interviewers    []interviewerJSON `json:"interviewers"`
	Version         int               `json:"version"`
	CreatedAt       time.Time         `json:"created_at"`
	UpdatedAt       time.Time         `json:"updated_at"`
	CancelledAt     *time.Time        `json:"cancelled_at"`
	TemplateID      *string           `json:"template_id"`
}

func toInterviewJSON(iv hiring.Interview) interviewJSON {
	out := interviewJSON{ID: iv.ID, ApplicationID: iv.ApplicationID, CandidateID: iv.CandidateID, JobID: iv.JobID,
		CandidateName: iv.CandidateName, JobTitle: iv.JobTitle, Title: iv.Title, StartsAt: iv.StartsAt.UTC(), EndsAt: iv.EndsAt().UTC(),
		DurationMinutes: iv.DurationMinutes, Location: iv.Location, VideoURL: iv.VideoURL, Status: string(iv.Status), Sequence: iv.Sequence,
		UID: iv.UID(), OrganizerID: iv.OrganizerID, OrganizerName: iv.OrganizerName, Interviewers: []interviewerJSON{},
		Version: iv.Version, CreatedAt: iv.CreatedAt, UpdatedAt: iv.UpdatedAt, CancelledAt: iv.CancelledAt}
	if iv.TemplateID != "" {
		out.TemplateID = &iv.TemplateID
	}
	for _, p := range iv.Interviewers {
		out.Interviewers = append(out.Interviewers, interviewerJSON{ID: p.UserID, Name: p.Name, Email: p.Email, Response: p.Response})
	}
	return out
}

type interviewInput struct {
	Title           string     `json:"title"`
	StartsAt        *time.Time `json:"starts_at"`
	DurationMinutes int        `json:"duration_minutes"`
	InterviewerIDs  []string   `json:"interviewer_ids"`
	Location        string     `json:"location"`
	Video           string     `json:"video"`
	VideoURL        string     `json:"video_url"`
	AllowConflicts  bool       `json:"allow_conflicts"`
	TemplateID      string     `json:"template_id"`
}

type interviewPatch struct {
	Title           *string    `json:"title"`
	StartsAt        *time.Time `json:"starts_at"`
	DurationMinutes *int       `json:"duration_minutes"`
	InterviewerIDs  *[]string  `json:"interviewer_ids"`
	Location        *string    `json:"location"`
	Video           *string    `json:"video"`
	VideoURL        *string    `json:"video_url"`
	AllowConflicts  bool       `json:"allow_conflicts"`
	Version         *int       `json:"version"`
}

type conflictJSON struct {
	UserID   string    `json:"user_id"`
	UserName string    `json:"user_name"`
	StartsAt time.Time `json:"starts_at"`
	EndsAt   time.Time `json:"ends_at"`
}

// failInterview answers a refused schedule with its conflicts (409 with a
// "conflicts" member), anything else as usual.
func (h *handler) failInterview(w http.ResponseWriter, r *http.Request, err error) {
	var ce *hiring.ConflictsError
	if !errors.As(err, &ce) {
		h.fail(w, r, err)
		return
	}
	doc := struct {
		httperr.ProblemDoc
		Conflicts []conflictJSON `json:"conflicts"`
	}{ProblemDoc: httperr.ProblemFor(r, err)}
	for _, c := range ce.Conflicts {
		doc.Conflicts = append(doc.Conflicts, conflictJSON{UserID: c.UserID, UserName: c.UserName, StartsAt: c.StartsAt.UTC(), EndsAt: c.EndsAt.UTC()})
	}
	body, _ := json.Marshal(doc)
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(doc.Status)
	_, _ = w.Write(append(body, '\n'))
}

func (h *handler) scheduleInterview(w http.ResponseWriter, r *http.Request) {
	var in interviewInput
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	n := hiring.NewInterview{ApplicationID: r.PathValue("id"), Title: in.Title, DurationMinutes: in.DurationMinutes,
		InterviewerIDs: in.InterviewerIDs, Location: in.Location, Video: in.Video, VideoURL: in.VideoURL, AllowConflicts: in.AllowConflicts}
	if in.StartsAt != nil {
		n.StartsAt = *in.StartsAt
	}
	if in.TemplateID != "" {
		n.TemplateID = in.TemplateID
		if err := h.fromTemplate(r, &n); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	iv, err := h.svc.ScheduleInterview(r.Context(), n)
	if err != nil {
		h.failInterview(w, r, err)
		return
	}
	writeCreated(w, "/interviews/"+iv.ID, iv.Version, toInterviewJSON(iv))
}

func (h *handler) getInterview(w http.ResponseWriter, r *http.Request) {
	iv, err := h.svc.Interview(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeRecord(w, http.StatusOK, iv.Version, toInterviewJSON(iv))
}

func (h *handler) updateInterview(w http.ResponseWriter, r *http.Request) {
	var in interviewPatch
	if err := decode(w, r, &in, false); err != nil {
		h.fail(w, r, err)
		return
	}
	v, err := version(r, in.Version, false)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	iv, err := h.svc.UpdateInterview(r.Context(), r.PathValue("id"), hiring.InterviewUpdate{Title: in.Title, StartsAt: in.StartsAt,
		DurationMinutes: in.DurationMinutes, InterviewerIDs: in.InterviewerIDs, Location: in.Location, Video: in.Video,
		VideoURL: in.VideoURL, AllowConflicts: in.AllowConflicts, Version: v})
	if err != nil {
		h.failInterview(w, r, err)
		return
	}
	writeRecord(w, http.StatusOK, iv.Version, toInterviewJSON(iv))
}

func (h *handler) cancelInterview(w http.ResponseWriter, r *http.Request) {
	if _, err := h.svc.CancelInterview(r.Context(), r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// interviewInvite answers the invitation as text/calendar: METHOD:REQUEST
// (CANCEL once cancelled) for the interviewers, or ?for=candidate the
// candidate's copy.
func (h *handler) interviewInvite(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r, "for")
	who := scheduling.Audience(q.str("for"))
	switch who {
	case "":
		who = scheduling.ForInterviewers
	case scheduling.ForInterviewers, scheduling.ForCandidate:
	default:
		q.add("for", "must be interviewers or candidate")
	}
	if err := q.err(); err != nil {
		h.fail(w, r, err)
		return
	}
	body, err := inviteFile(r, h.svc, r.PathValue("id"), who)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8; method="+methodOf(body))
	w.Header().Set("Content-Disposition", `attachment; filename="invite.ics"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(body)
}

func methodOf(body []byte) string {
	if len(body) > 0 && containsLine(body, "METHOD:CANCEL") {
		return "CANCEL"
	}
	return "REQUEST"
}

func containsLine(b []byte, line string) bool {
	s := string(b)
	for i := 0; i+len(line) <= len(s); i++ {
		if s[i:i+len(line)] == line && (i == 0 || s[i-1] == '\n') {
			return true
		}
	}
	return false
}

// inviteFile builds an interview's .ics as the actor may see it.
func inviteFile(r *http.Request, svc hiring.Services, id string, who scheduling.Audience) ([]byte, error) {
	ctx := r.Context()
	iv, err := svc.Interview(ctx, id)
	if err != nil {
		return nil, err
	}
	var organizerEmail, candName, candEmail string
	if iv.OrganizerID != "" {
		if u, err := svc.User(ctx, iv.OrganizerID); err == nil {
			organizerEmail = u.Email
		}
	}
	if who == scheduling.ForCandidate {
		c, err := svc.Candidate(ctx, iv.CandidateID)
		if err != nil {
			return nil, err
		}
		candName, candEmail = c.Name(), c.PrimaryEmail()
	}
	return scheduling.InviteFile(scheduling.Invite(iv, who, organizerEmail, candName, candEmail, iv.UpdatedAt))
}

type busyJSON struct {
	StartsAt time.Time `json:"starts_at"`
	EndsAt   time.Time `json:"ends_at"`
}

type availabilityUserJSON struct {
	ID           string     `json:"id"`
	Name         string     `json:"name"`
	TimeZone     string     `json:"time_zone"`
	WorkingHours string     `json:"working_hours"`
	Interviews   int        `json:"interviews"`
	Busy         []busyJSON `json:"busy"`
}

type slotJSON struct {
	StartsAt       time.Time `json:"starts_at"`
	EndsAt         time.Time `json:"ends_at"`
	InterviewerIDs []string  `json:"interviewer_ids"`
}

type availabilityJSON struct {
	Slots []slotJSON             `json:"slots"`
	Users []availabilityUserJSON `json:"users"`
}

// availability answers everyone's busy time and the slots where all of them
// are free inside their working hours.
func (h *handler) availability(w http.ResponseWriter, r *http.Request) {
	q := newQuery(r, "user_ids", "from", "to", "duration_minutes", "step_minutes", "per_day")
	ids := q.list("user_ids")
	from, to := q.time("from"), q.time("to")
	intParam := func(name string, def, lo, hi int) int {
		s := q.str(name)
		if s == "" {
			return def
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < lo || n > hi {
			q.add(name, "must be an integer from "+strconv.Itoa(lo)+" to "+strconv.Itoa(hi))
		}
		return n
	}
	dur := intParam("duration_minutes", 60, hiring.MinInterviewMinutes, hiring.MaxInterviewMinutes)
	step := intParam("step_minutes", 15, 5, 240)
	perDay := intParam("per_day", 0, 0, 96)
	limit := intParam("limit", 20, 1, calendar.MaxSuggestions)
	// Defaults: the caller's own availability, 60-minute slots over the next 14 days.
	if dur == 0 {
		dur = 60
	}
	if from.IsZero() {
		from = time.Now().UTC().Truncate(time.Minute)
	}
	if to.IsZero() {
		to = from.AddDate(0, 0, 14)
	}
	if len(ids) == 0 {
		if a, ok := hiring.ActorFrom(r.Context()); ok && a.UserID != "" {
			ids = []string{a.UserID}
		}
	}
	if err := q.err(); err != nil {
		h.fail(w, r, err)
		return
	}
	av, err := h.svc.Availability(r.Context(), ids, from, to)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	slots, err := calendar.Panel(scheduling.People(av), calendar.Request{From: from, To: to, Duration: time.Duration(dur) * time.Minute,
		Step: time.Duration(step) * time.Minute, Limit: limit, PerDay: perDay})
	if err != nil {
		h.fail(w, r, &httpError{Status: http.StatusUnprocessableEntity, Title: "The availability request is invalid.",
			Fields: []hiring.FieldError{{Field: "to", Message: err.Error()}}})
		return
	}
	out := availabilityJSON{Slots: []slotJSON{}, Users: []availabilityUserJSON{}}
	for _, s := range slots {
		out.Slots = append(out.Slots, slotJSON{StartsAt: s.Start, EndsAt: s.End, InterviewerIDs: s.Interviewers})
	}
	for _, u := range av {
		uj := availabilityUserJSON{ID: u.UserID, Name: u.Name, TimeZone: u.TimeZone, WorkingHours: u.WorkingHours, Interviews: u.Interviews, Busy: []busyJSON{}}
		if uj.WorkingHours == "" {
			uj.WorkingHours = calendar.DefaultHoursSpec
		}
		for _, b := range u.Busy {
			uj.Busy = append(uj.Busy, busyJSON{StartsAt: b.Start.UTC(), EndsAt: b.End.UTC()})
		}
		out.Users = append(out.Users, uj)
	}
	writeJSON(w, http.StatusOK, out)
}
