package web

import (
	"net/http"
	"strconv"

	"github.com/candor-ats/candor/internal/hiring"
)

type adminQueuePage struct {
	view
	State  string
	States []string
	Jobs   []hiring.QueuedJob
	NoQ    bool
}

func (h *Handler) adminQueue(w http.ResponseWriter, r *http.Request) {
	state := r.URL.Query().Get("state")
	p := adminQueuePage{view: h.view(w, r, "Background jobs", "admin"), State: state, States: hiring.QueueStates(), NoQ: h.queue == nil}
	if h.queue != nil {
		jobs, err := h.queue.List(r.Context(), state, 100)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		p.Jobs = jobs
	}
	h.render(w, r, http.StatusOK, "admin_jobs", p)
}

func (h *Handler) adminQueueRetry(w http.ResponseWriter, r *http.Request) {
	h.queueAction(w, r, "Job queued to run again.", func(id int64) error { return h.queue.Retry(r.Context(), id) })
}

func (h *Handler) adminQueueCancel(w http.ResponseWriter, r *http.Request) {
	h.queueAction(w, r, "Job cancelled.", func(id int64) error { return h.queue.Cancel(r.Context(), id) })
}

func (h *Handler) queueAction(w http.ResponseWriter, r *http.Request, ok string, fn func(int64) error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || h.queue == nil {
		h.fail(w, r, hiring.ErrNotFound("Job"))
		return
	}
	back := localPath(r.PostFormValue("return_to"), "/admin/jobs")
	h.actionDone(w, r, back, fn(id), ok)
}
