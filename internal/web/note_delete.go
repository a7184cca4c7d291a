package web

import "net/http"

func (h *Handler) noteDelete(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	back := localPath(r.PostForm.Get("return_to"), "/candidates")
	err := h.svc.DeleteNote(r.Context(), r.PathValue("id"))
	switch {
	case err == nil:
		redirect(w, r, back+"#notes", "Note deleted.")
	case isFormError(err):
		redirectError(w, r, back, err)
	default:
		h.fail(w, r, err)
	}
}
