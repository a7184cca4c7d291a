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

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
)

// Options tunes the queue. The zero value is right for production.
type Options struct {
	Logger *slog.Logger
	// Register adds workers beyond the built-in ones (later capabilities,
	// tests). Every kind the store enqueues must have a worker here.
	Register func(w *river.Workers)
	// PollInterval is how often idle workers look for new jobs when no
	// notification arrives. Jobs this process enqueues start at once
	// (LISTEN/NOTIFY on PostgreSQL, an in-process wake-up on SQLite), so
	// the poll only catches what notifications miss: jobs enqueued by
	// another process on SQLite, jobs whose retry time came. Default
	// DefaultPollInterval.
	PollInterval time.Duration
	// OnApplicationReceived are called, in order, for every
	// application_received job (hiring.ApplicationReceivedJob).
	OnApplicationReceived []hiring.ApplicationReceivedHandler
	// MaxWorkers bounds concurrent jobs in this process. Default 4.
	MaxWorkers int
	// Queues adds named queues beside the default one (the mail outbox's
	// "mail" queue); their fetch cooldown is the default queue's.
	Queues map[string]river.QueueConfig
	// CleanupEvery is the period of the housekeeping job. Default 1h.
	CleanupEvery time.Duration
	// Periodic adds periodic jobs beyond the housekeeping one; each runs
	// once per cluster (River's leader inserts it).
	Periodic []*river.PeriodicJob
	// IdleAfter is how long River runs with nothing to do before the queue
	// stops it until there is work again (lazy.go). Default
	// DefaultIdleAfter.
	IdleAfter time.Duration
	// Activity, when set, is told when each job begins and ends (the idle
	// memory release, idlemem).
	Activity interface {
		Begin()
		End()
	}
}

// DefaultPollInterval is the idle poll: long, so that a server at rest stays
// asleep (issue 8: ≤ 10 wake-ups a second).
const DefaultPollInterval = 5 * time.Second

// fetchCooldown is the least time between two fetches of one producer;
// notifications arriving meanwhile are folded into one fetch after it.
const fetchCooldown = 100 * time.Millisecond

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
	// wake, on SQLite, tells the queue's listener that jobs were committed
	// (Committed); nil on PostgreSQL, where NOTIFY does it.
	wake chan struct{}
	// kick asks supervise to start River if it is stopped (lazy.go).
	kick   chan struct{}
	jobs   *jobClock
	logger *slog.Logger
	// poll and idleAfter: Options.PollInterval and Options.IdleAfter.
	poll, idleAfter time.Duration

	mu        sync.Mutex
	started   bool // Start was called and Stop not yet
	running   bool // River itself is working (lazy.go)
	runCtx    context.Context
	lastStart time.Time
	quit      chan struct{} // closed by Stop: supervise returns
	done      chan struct{} // closed by supervise
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
		opts.PollInterval = DefaultPollInterval
	}
	if opts.MaxWorkers <= 0 {
		opts.MaxWorkers = 4
	}
	if opts.IdleAfter <= 0 {
		opts.IdleAfter = DefaultIdleAfter
	}
	if opts.CleanupEvery <= 0 {
		opts.CleanupEvery = time.Hour
	}
	workers := river.NewWorkers()
	if err := river.AddWorkerSafely(workers, &cleanupWorker{db: db, logger: opts.Logger}); err != nil {
		return nil, fmt.Errorf("work: register cleanup: %w", err)
	}
	if err := river.AddWorkerSafely(workers, &receivedWorker{handlers: opts.OnApplicationReceived}); err != nil {
		return nil, fmt.Errorf("work: register application_received: %w", err)
	}
	if opts.Register != nil {
		opts.Register(workers)
	}
	cfg := &river.Config{
		Logger:  opts.Logger.With("component", "river"),
		Workers: workers,
		Queues: map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: opts.MaxWorkers,
			FetchCooldown: min(opts.PollInterval, fetchCooldown)}},
		FetchPollInterval: opts.PollInterval,
		// The client-wide cooldown is also how often one client may send an
		// insert notification per queue: at the minimum every committed
		// insert notifies, so a second job enqueued within 100 ms of the
		// first does not wait for the idle poll. The producers keep the
		// queue's cooldown above.
		FetchCooldown: river.FetchCooldownMin,
		PeriodicJobs: append([]*river.PeriodicJob{
			river.NewPeriodicJob(river.PeriodicInterval(opts.CleanupEvery),
				func() (river.JobArgs, *river.InsertOpts) { return CleanupArgs{}, nil },
				&river.PeriodicJobOpts{RunOnStart: true, ID: "cleanup"}),
		}, opts.Periodic...),
	}
	// The queue's own clock sees every job (it stops River when idle) and
	// passes each on to Activity.
	for name, qc := range opts.Queues {
		if qc.FetchCooldown == 0 {
			qc.FetchCooldown = min(opts.PollInterval, fetchCooldown)
		}
		cfg.Queues[name] = qc
	}
	clock := &jobClock{next: opts.Activity}
	cfg.Middleware = []rivertype.Middleware{&activityMiddleware{a: clock}}
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
	q.jobs = clock
	q.kick = make(chan struct{}, 1)
	q.logger, q.poll, q.idleAfter = opts.Logger, opts.PollInterval, opts.IdleAfter
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

// InsertManyTx inserts jobs in the caller's transaction with one statement.
func (q *Queue) InsertManyTx(ctx context.Context, tx *sql.Tx, args []river.JobArgs) error {
	params := make([]river.InsertManyParams, len(args))
	for i, a := range args {
		params[i] = river.InsertManyParams{Args: a}
	}
	if _, err := q.inserter.InsertManyTx(ctx, tx, params); err != nil {
		return fmt.Errorf("work: insert %d jobs: %w", len(args), err)
	}
	return nil
}

// Committed is told by the store after a transaction in which InsertTx
// inserted jobs has committed (store.Enqueuer), so that this process's
// workers start them now rather than at the next poll.
func (q *Queue) Committed() {
	for _, c := range []chan struct{}{q.wake, q.kick} {
		if c == nil {
			continue
		}
		select {
		case c <- struct{}{}:
		default: // a wake-up is pending already
		}
	}
}

// Start begins working jobs (and, on the elected leader, periodic jobs and
// maintenance). It returns at once; work goes on until Stop, River itself
// running only while there is work (lazy.go). Cancelling ctx
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
	q.started, q.running, q.runCtx, q.lastStart = true, true, ctx, time.Now()
	q.jobs.touch()
	q.quit, q.done = make(chan struct{}), make(chan struct{})
	go q.supervise(q.quit, q.done)
	return nil
}

// Stop lets running jobs finish until ctx is done, then cancels them, and
// releases the queue's connections. Call it once, at shutdown.
func (q *Queue) Stop(ctx context.Context) error {
	q.mu.Lock()
	quit, done := q.quit, q.done
	q.quit, q.done = nil, nil
	q.mu.Unlock()
	if quit != nil {
		close(quit)
		<-done
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	var err error
	if q.started && q.running {
		err = q.worker.Stop(ctx)
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
			// Jobs are idempotent and River rescues interrupted ones later.
			cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			err = q.worker.StopAndCancel(cctx)
			cancel()
		}
	}
	q.started, q.running = false, false
	if q.pool != nil {
		q.pool.Close()
		q.pool = nil
	}
	if err != nil {
		return fmt.Errorf("work: stop: %w", err)
	}
	return nil
}
