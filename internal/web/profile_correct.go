package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/httperr"
)

// profileCorrect saves a person's correction of one parsed field (form
// fields: field, value, version). With htmx the panel is swapped in place;
// without, the candidate page is shown again at the panel.
func (h *Handler) profileCorrect(w http.ResponseWriter, r *http.Request) {
	if h.parsing == nil {
		h.fail(w, r, hiring.ErrNotFound("Profile"))
		return
	}
	if !h.parseActionForm(w, r) {
		return
	}
	ctx := r.Context()
	id := r.PathValue("id")
	field := strings.TrimSpace(r.PostForm.Get("field"))
	v, err := h.parsing.Correct(ctx, id, version(r.PostForm), field, r.PostForm.Get("value"))
	if err == nil {
		if isHTMX(r) {
			p := h.newProfilePanel(r, v)
			p.Saved = field
			// A correction keeps the review open for the next one; "Looks
			// right" folds it.
			p.KeepOpen = r.PostForm.Get("confirm") == ""
			h.renderTemplate(w, r, http.StatusOK, "candidate", "profile-panel", p)
			return
		}
		redirect(w, r, fmt.Sprintf("/candidates/%s#profile-%s", v.Document.CandidateID, id), "Correction saved.")
		return
	}
	if !isFormError(err) {
		h.fail(w, r, err)
		return
	}
	// A refused correction: show it at its field.
	cur, lerr := h.parsing.Profile(ctx, id)
	if lerr != nil {
		h.fail(w, r, lerr)
		return
	}
	msg := hiring.ErrorMessage(err)
	if fs := hiring.ErrorFields(err); len(fs) > 0 {
		msg = fs[0].Message
		if fs[0].Field == "value" {
			msg = "This value " + msg + "."
		}
	}
	if isHTMX(r) {
		p := h.newProfilePanel(r, cur)
		p.markError(field, msg)
		h.renderTemplate(w, r, httperr.Status(err), "candidate", "profile-panel", p)
		return
	}
	redirectError(w, r, fmt.Sprintf("/candidates/%s#profile-%s", cur.Document.CandidateID, id),
		&hiring.Error{Code: hiring.EInvalid, Message: "Not saved: " + msg})
}
