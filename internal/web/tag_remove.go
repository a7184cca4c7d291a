package web

import "net/http"

func (h *Handler) tagRemove(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	id := r.PathValue("id")
	_, err := h.svc.RemoveTag(r.Context(), id, r.PostForm.Get("tag"))
	h.actionDone(w, r, "/candidates/"+id, err, "")
}
