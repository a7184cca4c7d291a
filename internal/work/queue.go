// Package work runs Candor's background jobs on River: the SQLite driver over
// the store's single writer connection on the embedded default, and on
// PostgreSQL the pgx driver for working plus an insert-only database/sql
// client, so jobs can be inserted inside the store's *sql.Tx. Either way a job
// exists exactly when the transaction that caused it commits.
package work

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/candor-ats/candor/internal/store"
)

// Options tunes the queue. The zero value is right for production.
type Options struct {
	Logger *slog.Logger
	// Register adds workers beyond the built-in ones (later capabilities,
	// tests). Every kind the store enqueues must have a worker here.
	Register func(w *river.Workers)
	// PollInterval is how often idle workers look for new jobs when no
	// notification arrives (always, on SQLite). Default 1s.
	PollInterval time.Duration
	// MaxWorkers bounds concurrent jobs in this process. Default 4.
	MaxWorkers int
	// CleanupEvery is the period of the housekeeping job. Default 1h.
	CleanupEvery time.Duration
	// Periodic adds periodic jobs beyond the housekeeping one; each runs
	// once per cluster (River's leader inserts it).
	Periodic []*river.PeriodicJob
	// Activity, when set, is told when each job begins and ends (the idle
	// memory release, idlemem).
	Activity interface {
		Begin()
		End()
	}
}

// runner is what the admin page and the process lifecycle need from a River
// client, whatever its driver's transaction type.
type runner interface {
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
	StopAndCancel(ctx context.Context) error
	JobList(ctx context.Context, params *river.JobListParams) (*river.JobListResult, error)
	JobRetry(ctx context.Context, id int64) (*rivertype.JobRow, error)
	JobCancel(ctx context.Context, id int64) (*rivertype.JobRow, error)
}

// Queue is the process's handle on the job system.
type Queue struct {
	worker runner
	// inserter inserts inside store transactions (*sql.Tx).
	inserter *river.Client[*sql.Tx]
	pool     *pgxpool.Pool // PostgreSQL only; owned here

	mu      sync.Mutex
	started bool
}

var _ store.Enqueuer = (*Queue)(nil)

// New migrates River's tables, builds the clients, registers the workers and
// attaches the queue to the store (db.SetEnqueuer). It does not start
// working: Start does.
func New(ctx context.Context, db *store.DB, logger *slog.Logger) (*Queue, error) {
	return NewWithOptions(ctx, db, Options{Logger: logger})
}

// NewWithOptions is New with tuning.
func NewWithOptions(ctx context.Context, db *store.DB, opts Options) (*Queue, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opts.PollInterval <= 0 {
		opts.PollInterval = time.Second
	}
	if opts.MaxWorkers <= 0 {
		opts.MaxWorkers = 4
	}
	if opts.CleanupEvery <= 0 {
		opts.CleanupEvery = time.Hour
	}
	workers := river.NewWorkers()
	if err := river.AddWorkerSafely(workers, &cleanupWorker{db: db, logger: opts.Logger}); err != nil {
		return nil, fmt.Errorf("work: register cleanup: %w", err)
	}
	if opts.Register != nil {
		opts.Register(workers)
	}
	cfg := &river.Config{
		Logger:            opts.Logger.With("component", "river"),
		Workers:           workers,
		Queues:            map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: opts.MaxWorkers}},
		FetchPollInterval: opts.PollInterval,
		FetchCooldown:     min(opts.PollInterval, 100*time.Millisecond),
		PeriodicJobs: append([]*river.PeriodicJob{
			river.NewPeriodicJob(river.PeriodicInterval(opts.CleanupEvery),
				func() (river.JobArgs, *river.InsertOpts) { return CleanupArgs{}, nil },
				&river.PeriodicJobOpts{RunOnStart: true, ID: "cleanup"}),
		}, opts.Periodic...),
	}
	if opts.Activity != nil {
		cfg.Middleware = []rivertype.Middleware{&activityMiddleware{a: opts.Activity}}
	}
	var (
		q   *Queue
		err error
	)
	switch db.Dialect() {
	case store.DialectSQLite:
		q, err = newSQLite(ctx, db, cfg)
	case store.DialectPostgres:
		q, err = newPostgres(ctx, db, cfg)
	default:
		err = fmt.Errorf("work: unknown dialect %q", db.Dialect())
	}
	if err != nil {
		return nil, err
	}
	db.SetEnqueuer(q)
	return q, nil
}

// InsertTx inserts a job in the caller's transaction (store.Enqueuer).
func (q *Queue) InsertTx(ctx context.Context, tx *sql.Tx, args river.JobArgs) error {
	if _, err := q.inserter.InsertTx(ctx, tx, args, nil); err != nil {
		return fmt.Errorf("work: insert %s: %w", args.Kind(), err)
	}
	return nil
}

// Start begins working jobs (and, on the elected leader, periodic jobs and
// maintenance). It returns at once; work goes on until Stop. Cancelling ctx
// makes River stop abruptly, so callers wanting a graceful shutdown pass a
// context without cancellation and call Stop.
func (q *Queue) Start(ctx context.Context) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.started {
		return nil
	}
	if err := q.worker.Start(ctx); err != nil {
		return fmt.Errorf("work: start: %w", err)
	}
	q.started = true
	return nil
}

// Stop lets running jobs finish until ctx is done, then cancels them, and
// releases the queue's connections. Call it once, at shutdown.
func (q *Queue) Stop(ctx context.Context) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	var err error
	if q.started {
		err = q.worker.Stop(ctx)
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
			// Jobs are idempotent and River rescues interrupted ones later.
			cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			err = q.worker.StopAndCancel(cctx)
			cancel()
		}
		q.started = false
	}
	if q.pool != nil {
		q.pool.Close()
		q.pool = nil
	}
	if err != nil {
		return fmt.Errorf("work: stop: %w", err)
	}
	return nil
}
