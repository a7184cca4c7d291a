package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
)

// bulkAction applies one action to the cards selected on the board, all or nothing.
func (h *Handler) bulkAction(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	ctx := r.Context()
	f := r.PostForm
	back := "/jobs/" + r.PathValue("id")
	ids := f["ids"]
	if len(ids) == 0 {
		redirectError(w, r, back, hiring.Errorf(hiring.EInvalid, "Select at least one card first."))
		return
	}
	if len(ids) > hiring.MaxBulk {
		redirectError(w, r, back, hiring.Errorf(hiring.EInvalid, "Select at most %d cards at once.", hiring.MaxBulk))
		return
	}
	var (
		n    int
		err  error
		verb string
	)
	switch f.Get("action") {
	case "move":
		if !confirmed(r) && h.isHiredStage(ctx, r.PathValue("id"), f.Get("stage_id")) {
			job, err := h.svc.Job(ctx, r.PathValue("id"))
			if err != nil {
				h.fail(w, r, err)
				return
			}
			h.askHire(w, r, job.ID, hireQuestion(fmt.Sprintf("%d candidate%s", len(ids), plural(len(ids))), job.Title), back)
			return
		}
		n, err = h.svc.BulkMove(ctx, ids, f.Get("stage_id"))
		verb = "Moved"
	case "reject":
		n, err = h.svc.BulkReject(ctx, ids, f.Get("reason_id"), strings.TrimSpace(f.Get("reason")))
		verb = "Rejected"
	case "tag":
		n, err = h.svc.BulkTag(ctx, ids, splitList(f.Get("tags")))
		verb = "Tagged"
	default:
		err = hiring.Errorf(hiring.EInvalid, "Choose move, reject or tag.")
	}
	if err != nil {
		if isFormError(err) {
			redirectError(w, r, back, err)
			return
		}
		h.fail(w, r, err)
		return
	}
	redirect(w, r, back, fmt.Sprintf("%s %d application%s.", verb, n, plural(n)))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
