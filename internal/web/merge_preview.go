package web

import (
	"net/http"

	"github.com/candor-ats/candor/internal/hiring"
)

type mergePage struct {
	view
	Plan hiring.MergePlan
	// Without ?other= the page lets the user choose among the candidate's duplicates.
	Choose  bool
	Choices []hiring.DuplicateMatch
}

// mergePreview shows what merging ?other= into the candidate would move,
// with a swap link to keep the other record instead.
func (h *Handler) mergePreview(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("other") == "" {
		h.mergeChoose(w, r)
		return
	}
	plan, err := h.svc.PreviewMerge(r.Context(), r.PathValue("id"), r.URL.Query().Get("other"))
	if err != nil {
		if isFormError(err) {
			redirectError(w, r, "/candidates/"+r.PathValue("id"), err)
			return
		}
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "merge", mergePage{view: h.view(w, r, "Merge "+plan.Merged.Name()+" into "+plan.Survivor.Name(), "candidates"), Plan: plan})
}

// mergeSubmit folds the form's other_id into the candidate of the path.
func (h *Handler) mergeSubmit(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	id := r.PathValue("id")
	m, err := h.svc.MergeCandidates(r.Context(), id, r.PostForm.Get("other_id"))
	h.actionDone(w, r, "/candidates/"+id, err, "Merged "+m.MergedName+" into "+m.SurvivorName+". You can undo it from the timeline.")
}

func (h *Handler) mergeChoose(w http.ResponseWriter, r *http.Request) {
	c, err := h.svc.Candidate(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	v := h.view(w, r, "Merge into "+c.Name(), "candidates")
	if !v.CanManage() {
		h.fail(w, r, hiring.Errorf(hiring.EForbidden, "Only admins and recruiters merge candidates."))
		return
	}
	dups, err := h.svc.DuplicatesOf(r.Context(), c.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "merge", mergePage{view: v, Plan: hiring.MergePlan{Survivor: c}, Choose: true, Choices: dups})
}
