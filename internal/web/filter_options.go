package web

import (
	"context"
	"sync"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// filterOptionsTTL is how long the candidates page reuses its filter menus.
// They change rarely, and a few seconds of staleness in a <select> is
// harmless, while the list page is the one people (and load tests) hammer.
const filterOptionsTTL = 5 * time.Second

type filterOptions struct {
	users []hiring.User
	jobs  []hiring.Job
	at    time.Time
}

// optionCache holds the menus per viewer: jobs depend on what the viewer may see.
type optionCache struct {
	mu sync.Mutex
	m  map[string]filterOptions
}

func (h *Handler) candidateFilterOptions(ctx context.Context) ([]hiring.User, []hiring.Job, error) {
	a, _ := hiring.ActorFrom(ctx)
	key := a.UserID + "|" + string(a.Role)
	now := time.Now()
	h.options.mu.Lock()
	o, ok := h.options.m[key]
	h.options.mu.Unlock()
	if ok && now.Sub(o.at) < filterOptionsTTL {
		return o.users, o.jobs, nil
	}
	users, err := h.svc.ListUsers(ctx, false)
	if err != nil {
		return nil, nil, err
	}
	jobs, err := h.svc.ListJobs(ctx, hiring.JobFilter{Statuses: []hiring.JobStatus{hiring.JobOpen, hiring.JobPaused}}, hiring.PageRequest{Limit: hiring.MaxLimit})
	if err != nil {
		return nil, nil, err
	}
	h.options.mu.Lock()
	if h.options.m == nil || len(h.options.m) > 1000 {
		h.options.m = make(map[string]filterOptions)
	}
	h.options.m[key] = filterOptions{users: users, jobs: jobs.Items, at: now}
	h.options.mu.Unlock()
	return users, jobs.Items, nil
}
