package importer

import (
	"context"
	"time"

	"github.com/riverqueue/river"
)

// RunArgs is the "import" job. store.ImportJob enqueues the same kind with
// the same JSON shape (River matches jobs to workers by kind).
type RunArgs struct {
	ImportID string `json:"import_id"`
}

// Kind implements river.JobArgs.
func (RunArgs) Kind() string { return "import" }

// Worker runs import jobs.
type Worker struct {
	river.WorkerDefaults[RunArgs]
	Runner *Runner
}

// Register adds the import worker to a River worker set (work.Options.Register).
func Register(w *river.Workers, r *Runner) error {
	return river.AddWorkerSafely(w, &Worker{Runner: r})
}

// Timeout leaves room for a large file; River's default of one minute is
// the target for 100,000 rows, not a bound.
func (w *Worker) Timeout(*river.Job[RunArgs]) time.Duration { return 30 * time.Minute }

// Work runs the import; on the last attempt a persisting fault ends the
// import as failed so its page stops saying "running".
func (w *Worker) Work(ctx context.Context, job *river.Job[RunArgs]) error {
	err := w.Runner.Run(ctx, job.Args.ImportID)
	if err != nil && job.Attempt >= job.MaxAttempts {
		w.Runner.log.ErrorContext(ctx, "import failed for good", "import_id", job.Args.ImportID, "err", err)
		if ferr := w.Runner.Fail(context.WithoutCancel(ctx), job.Args.ImportID, "The import stopped on an internal error; it has been logged."); ferr != nil {
			w.Runner.log.ErrorContext(ctx, "import: record failure", "err", ferr)
		}
	}
	return err
}
