package work

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/candor-ats/candor/internal/store"
)

// migrateLockKey serializes River migrations across replicas starting at
// once (an arbitrary constant, distinct from the store's goose lock).
const migrateLockKey int64 = 0x63616e646f72 // "candor"

// newPostgres builds a pgx client that works jobs (with LISTEN/NOTIFY for
// prompt pickup and leader election) and a database/sql client that only
// inserts, so the store can enqueue inside its own *sql.Tx.
func newPostgres(ctx context.Context, db *store.DB, cfg *river.Config) (*Queue, error) {
	connString, err := connString(ctx, db.Writer())
	if err != nil {
		return nil, err
	}
	pcfg, err := pgxpool.ParseConfig(connString)
	if err != nil {
		return nil, fmt.Errorf("work: pgx config: %w", err)
	}
	pcfg.MaxConns = int32(max(4, cfg.Queues[river.QueueDefault].MaxWorkers+2))
	pool, err := pgxpool.NewWithConfig(ctx, pcfg)
	if err != nil {
		return nil, fmt.Errorf("work: pgx pool: %w", err)
	}
	if err := migratePostgres(ctx, pool); err != nil {
		pool.Close()
		return nil, err
	}
	worker, err := river.NewClient[pgx.Tx](riverpgxv5.New(pool), cfg)
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("work: client: %w", err)
	}
	// Insert-only: no queues, no workers, so it never fetches; kinds are
	// checked by the working client, which rejects unknown ones when worked.
	// Its inserts notify the working clients (pg_notify in the inserting
	// transaction, delivered at commit); with the least cooldown every
	// committed insert does (see NewWithOptions).
	inserter, err := river.NewClient[*sql.Tx](riverdatabasesql.New(db.Writer()), &river.Config{Logger: cfg.Logger,
		FetchCooldown: river.FetchCooldownMin})
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("work: insert client: %w", err)
	}
	return &Queue{worker: worker, inserter: inserter, pool: pool}, nil
}

// migratePostgres applies River's migrations while holding a session
// advisory lock on a dedicated connection, so replicas starting together
// migrate one at a time. (One transaction around them all cannot work: a
// migration adds an enum value that a later one uses, which PostgreSQL
// forbids within one transaction.)
func migratePostgres(ctx context.Context, pool *pgxpool.Pool) error {
	m, err := rivermigrate.New(riverpgxv5.New(pool), nil)
	if err != nil {
		return fmt.Errorf("work: migrator: %w", err)
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("work: migrate river: %w", err)
	}
	defer conn.Release()
	unlock, err := store.PGSessionLock(ctx, conn, migrateLockKey)
	if err != nil {
		return fmt.Errorf("work: migrate river: %w", err)
	}
	defer unlock()
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("work: migrate river (postgres): %w", err)
	}
	return nil
}

// connString recovers the connection string the store opened PostgreSQL
// with, from a pgx stdlib connection, so that the queue's pool reaches the
// same database without a second configuration path.
func connString(ctx context.Context, sdb *sql.DB) (string, error) {
	conn, err := sdb.Conn(ctx)
	if err != nil {
		return "", fmt.Errorf("work: connection: %w", err)
	}
	defer conn.Close()
	var s string
	err = conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return errors.New("store's PostgreSQL connection is not pgx")
		}
		s = c.Conn().Config().ConnString()
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("work: %w", err)
	}
	return s, nil
}
