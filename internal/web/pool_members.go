package web

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/candor-ats/candor/internal/hiring"
)

type poolAddPage struct {
	view
	IDs   []string
	Query string
	Pools []hiring.Pool
	Back  string
}

// poolAddForm asks which static pool the chosen candidates (ids=…) or a
// search's results (query=…) go into.
func (h *Handler) poolAddForm(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	h.renderPoolAdd(w, r, q["ids"], q.Get("query"), localPath(q.Get("return_to"), "/candidates"))
}

func (h *Handler) renderPoolAdd(w http.ResponseWriter, r *http.Request, ids []string, query, back string) {
	if len(ids) > hiring.MaxPoolAdd {
		ids = ids[:hiring.MaxPoolAdd]
	}
	all, err := h.svc.Pools(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var static []hiring.Pool
	for _, p := range all {
		if !p.Smart {
			static = append(static, p)
		}
	}
	h.render(w, r, http.StatusOK, "pool_add", poolAddPage{view: h.view(w, r, "Add to a talent pool", "pools"),
		IDs: ids, Query: query, Pools: static, Back: back})
}

// poolAdd adds the chosen candidates, or a search's first results, to a pool.
func (h *Handler) poolAdd(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	f := r.PostForm
	back := localPath(f.Get("return_to"), "/candidates")
	poolID := f.Get("pool_id")
	if poolID == "" {
		redirectError(w, r, back, hiring.Errorf(hiring.EInvalid, "Choose a pool."))
		return
	}
	n, err := h.svc.AddToPool(r.Context(), poolID, f["ids"], f.Get("query"))
	msg := fmt.Sprintf("Added %d candidate%s to the pool.", n, plural(n))
	h.actionDone(w, r, localPath(f.Get("next"), "/pools/"+url.PathEscape(poolID)), err, msg)
}

// poolMemberMove puts a member in another stage of the pool.
func (h *Handler) poolMemberMove(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	id := r.PathValue("id")
	_, err := h.svc.MovePoolMember(r.Context(), id, r.PathValue("candidate"), r.PostForm.Get("stage_id"))
	h.actionDone(w, r, localPath(r.PostForm.Get("return_to"), "/pools/"+id), err, "Moved.")
}

// poolMemberRemove takes a member out of a static pool.
func (h *Handler) poolMemberRemove(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	id := r.PathValue("id")
	err := h.svc.RemoveFromPool(r.Context(), id, r.PathValue("candidate"))
	h.actionDone(w, r, localPath(r.PostForm.Get("return_to"), "/pools/"+id), err, "Removed from the pool.")
}

// poolMemberApply adds a member to a job: the application's source names the pool.
func (h *Handler) poolMemberApply(w http.ResponseWriter, r *http.Request) {
	if !h.parseActionForm(w, r) {
		return
	}
	id := r.PathValue("id")
	_, err := h.svc.ApplyFromPool(r.Context(), id, r.PathValue("candidate"), r.PostForm.Get("job_id"))
	h.actionDone(w, r, localPath(r.PostForm.Get("return_to"), "/pools/"+id), err, "Added to the job.")
}
