package web

import (
	"context"

	"github.com/candor-ats/candor/internal/hiring"
)

// QueueAdmin is what the background-jobs admin page needs from the queue;
// *work.Queue satisfies it, and tests can pass a fake that fails on demand.
type QueueAdmin interface {
	List(ctx context.Context, state string, limit int) ([]hiring.QueuedJob, error)
	Retry(ctx context.Context, id int64) error
	Cancel(ctx context.Context, id int64) error
}
