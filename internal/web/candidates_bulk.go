package web

import (
	"fmt"
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

type candidatesBulkPage struct {
	view
	IDs  []string
	Jobs []hiring.Job
	Back string
}

// candidatesBulk applies one action to the candidates selected on the list,
// all or nothing: tag them, or add them to a job. Adding without a job first
// asks which one (a page of its own, so the list stays light).
func (h *Handler) candidatesBulk(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	ctx := r.Context()
	f := r.PostForm
	back := localPath(f.Get("return_to"), "/candidates")
	ids := f["ids"]
	if len(ids) == 0 {
		redirectError(w, r, back, hiring.Errorf(hiring.EInvalid, "Select at least one candidate first."))
		return
	}
	if len(ids) > hiring.MaxBulk {
		redirectError(w, r, back, hiring.Errorf(hiring.EInvalid, "Select at most %d candidates at once.", hiring.MaxBulk))
		return
	}
	var (
		n   int
		err error
		msg string
	)
	switch f.Get("action") {
	case "tag":
		n, err = h.svc.BulkTagCandidates(ctx, ids, splitList(f.Get("tags")))
		msg = fmt.Sprintf("Tagged %d candidate%s.", n, plural(n))
	case "apply":
		if f.Get("job_id") == "" {
			_, jobs, err := h.candidateFilterOptions(ctx)
			if err != nil {
				h.fail(w, r, err)
				return
			}
			h.render(w, r, http.StatusOK, "candidates_bulk", candidatesBulkPage{
				view: h.view(w, r, "Add to a job", "candidates"), IDs: ids, Jobs: jobs, Back: back})
			return
		}
		n, err = h.svc.BulkApply(ctx, ids, f.Get("job_id"))
		msg = fmt.Sprintf("Added %d candidate%s to the job.", n, plural(n))
		if skipped := len(ids) - n; err == nil && skipped > 0 {
			msg += fmt.Sprintf(" %d %s already on it.", skipped, map[bool]string{true: "was", false: "were"}[skipped == 1])
		}
	case "pool":
		h.renderPoolAdd(w, r, ids, "", back)
		return
	default:
		err = hiring.Errorf(hiring.EInvalid, "Choose tag, add to a job or add to a pool.")
	}
	h.actionDone(w, r, back, err, msg)
}
