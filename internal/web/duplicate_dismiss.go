package web

import "net/http"

// duplicateDismiss remembers that the candidate and other_id are different people.
func (h *Handler) duplicateDismiss(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	id := r.PathValue("id")
	back := localPath(r.PostForm.Get("return_to"), "/candidates/"+id)
	err := h.svc.DismissDuplicate(r.Context(), id, r.PostForm.Get("other_id"))
	h.actionDone(w, r, back, err, "Marked as different people.")
}
