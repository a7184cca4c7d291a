package importer

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/candor-ats/candor/internal/hiring"
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
	if err := river.AddWorkerSafely(w, &Worker{Runner: r}); err != nil {
		return err
	}
	return river.AddWorkerSafely(w, &sweepWorker{runner: r})
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

// StaleAfter is how long an upload may wait for its mapping or its real run
// before the sweep discards it with its file.
const StaleAfter = 7 * 24 * time.Hour

// SweepArgs is the periodic "import_sweep" job: abandoned uploads.
type SweepArgs struct{}

// Kind implements river.JobArgs.
func (SweepArgs) Kind() string { return "import_sweep" }

// InsertOpts keeps one sweep per hour whatever the number of replicas.
func (SweepArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: time.Hour}}
}

// SweepJob runs the sweep daily (and once at start).
func SweepJob() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(24*time.Hour),
		func() (river.JobArgs, *river.InsertOpts) { return SweepArgs{}, nil },
		&river.PeriodicJobOpts{RunOnStart: true, ID: "import_sweep"})
}

type sweepWorker struct {
	river.WorkerDefaults[SweepArgs]
	runner *Runner
}

func (w *sweepWorker) Work(ctx context.Context, _ *river.Job[SweepArgs]) error {
	n, err := w.runner.Sweep(hiring.WithActor(ctx, hiring.SystemActor()), time.Now().Add(-StaleAfter))
	if n > 0 {
		w.runner.log.InfoContext(ctx, "discarded abandoned imports", "count", n)
	}
	return err
}

// Sweep discards the imports uploaded before the time that added no
// candidates and were left there, with their files; it returns how many.
func (r *Runner) Sweep(ctx context.Context, before time.Time) (int, error) {
	const batch = 100
	n := 0
	for {
		ims, err := r.svc.StaleImports(ctx, before, batch)
		if err != nil {
			return n, err
		}
		for _, im := range ims {
			err := Discard(ctx, r.svc, r.blobs, im.ID)
			switch hiring.ErrorCode(err) {
			case "":
				n++
			case hiring.EConflict, hiring.ENotFound:
				// Started or discarded meanwhile: no longer the sweep's.
			default:
				return n, err
			}
		}
		if len(ims) < batch {
			return n, nil
		}
	}
}
