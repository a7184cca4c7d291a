package web

import (
	"net/http"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
)

// inboxAssign files an unassigned message with a candidate: a suggested
// one (candidate_id), or the one candidate with the address typed in.
func (h *Handler) inboxAssign(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	id := r.PathValue("id")
	back := "/inbox/" + id
	cand := strings.TrimSpace(r.PostForm.Get("candidate_id"))
	if cand == "" {
		email := strings.TrimSpace(r.PostForm.Get("email"))
		found, err := h.svc.CandidatesByEmail(r.Context(), email)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		if len(found) != 1 {
			msg := "No candidate you can see has that email address."
			if len(found) > 1 {
				msg = "Several candidates have that email address: choose one of them above."
			}
			redirectError(w, r, back, hiring.Errorf(hiring.EInvalid, "%s", msg))
			return
		}
		cand = found[0].ID
	}
	m, err := h.svc.AssignMessage(r.Context(), id, cand)
	if err != nil {
		if isFormError(err) || hiring.ErrorCode(err) == hiring.EConflict {
			redirectError(w, r, back, err)
			return
		}
		h.fail(w, r, err)
		return
	}
	redirect(w, r, "/candidates/"+m.CandidateID+"/messages", "The email is filed with the candidate.")
}
