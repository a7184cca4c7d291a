package web

import (
	"net/http"
	"strings"
)

// mergeUndo undoes a merge from its timeline entry and says what could not
// be restored.
func (h *Handler) mergeUndo(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	m, err := h.svc.UndoMerge(r.Context(), r.PathValue("id"))
	switch {
	case err == nil:
		msg := "Undid the merge: " + m.MergedName + " is back."
		if len(m.NotRestored) > 0 {
			msg += " Not restored: " + strings.Join(m.NotRestored, " ")
		}
		redirect(w, r, "/candidates/"+m.MergedID, msg)
	case isFormError(err):
		redirectError(w, r, localPath(r.PostForm.Get("return_to"), "/candidates"), err)
	default:
		h.fail(w, r, err)
	}
}
