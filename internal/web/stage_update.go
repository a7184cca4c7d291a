package web

import (
	"net/http"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
)

// stageUpdate renames a stage or changes its kind.
func (h *Handler) stageUpdate(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	back := "/jobs/" + r.PathValue("id") + "/stages"
	f := r.PostForm
	_, err := h.svc.UpdateStage(r.Context(), r.PathValue("stage"), strings.TrimSpace(f.Get("name")), hiring.StageKind(f.Get("kind")))
	h.actionDone(w, r, back, err, "Stage saved.")
}
