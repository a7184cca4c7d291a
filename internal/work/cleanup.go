package work

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"

	"github.com/candor-ats/candor/internal/store"
)

// CleanupArgs is the periodic housekeeping job: expired sessions, old
// login-failure records and old idempotency keys.
type CleanupArgs struct{}

// Kind implements river.JobArgs.
func (CleanupArgs) Kind() string { return "cleanup" }

// InsertOpts keeps at most one cleanup queued at a time, whatever the number
// of replicas or restarts.
func (CleanupArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: 10 * time.Minute}}
}

type cleanupWorker struct {
	river.WorkerDefaults[CleanupArgs]
	db     *store.DB
	logger *slog.Logger
}

func (w *cleanupWorker) Work(ctx context.Context, job *river.Job[CleanupArgs]) error {
	c, err := w.db.DeleteExpired(ctx, time.Now())
	if err != nil {
		return fmt.Errorf("cleanup: %w", err)
	}
	w.logger.InfoContext(ctx, "cleanup done", "sessions", c.Sessions, "login_failures", c.LoginFailures, "idempotency_keys", c.IdempotencyKeys)
	return nil
}
