package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

// interviewReschedule changes the time, length, title or place.
func (h *Handler) interviewReschedule(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	v := h.view(w, r, "", "")
	id := r.PathValue("id")
	f := r.PostForm
	var u hiring.InterviewUpdate
	start, err := parseLocal(f.Get("starts_at_local"), v.loc)
	if err != nil {
		h.renderInterview(w, r, http.StatusUnprocessableEntity, newForm(f).withError(fieldError("starts_at", "Please correct the highlighted fields.", err.Error())))
		return
	}
	u.StartsAt = &start
	if d, err := strconv.Atoi(strings.TrimSpace(f.Get("duration_minutes"))); err == nil {
		u.DurationMinutes = &d
	} else {
		h.renderInterview(w, r, http.StatusUnprocessableEntity, newForm(f).withError(fieldError("duration_minutes", "Please correct the highlighted fields.", "must be a number of minutes")))
		return
	}
	title, loc := f.Get("title"), f.Get("location")
	u.Title, u.Location = &title, &loc
	u.Version, _ = strconv.Atoi(f.Get("version"))
	u.AllowConflicts = f.Get("allow_conflicts") != ""
	_, err = h.svc.UpdateInterview(r.Context(), id, u)
	switch {
	case err == nil:
		redirect(w, r, "/interviews/"+id, "Interview updated; download the new invitation for the calendars.")
	case isFormError(err) || hiring.ErrorCode(err) == hiring.EConflict:
		h.renderInterview(w, r, httperr.Status(err), newForm(f).withError(err))
	default:
		h.fail(w, r, err)
	}
}

// interviewCancel cancels the interview.
func (h *Handler) interviewCancel(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	id := r.PathValue("id")
	_, err := h.svc.CancelInterview(r.Context(), id)
	h.actionDone(w, r, "/interviews/"+id, err, "Interview cancelled; download the cancellation for the calendars.")
}
