package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

// notificationsRead marks every notification of the user read.
func (h *Handler) notificationsRead(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	back := localPath(r.PostForm.Get("return_to"), "/notifications")
	h.actionDone(w, r, back, h.svc.ReadNotifications(r.Context()), "All notifications marked read.")
}

// notificationOpen marks one notification read and goes to the note it is
// about. A POST, so that a link elsewhere cannot mark anything read.
func (h *Handler) notificationOpen(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	ctx := r.Context()
	id := r.PathValue("id")
	items, err := h.svc.Notifications(ctx, hiring.MaxNotifications)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, n := range items {
		if n.ID == id {
			if err := h.svc.ReadNotifications(ctx, id); err != nil {
				h.fail(w, r, err)
				return
			}
			http.Redirect(w, r, "/candidates/"+n.CandidateID+"#note-"+n.NoteID, http.StatusSeeOther)
			return
		}
	}
	h.fail(w, r, hiring.ErrNotFound("notification"))
}
