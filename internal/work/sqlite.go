package work

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"

	"github.com/candor-ats/candor/internal/store"
)

// newSQLite builds one client that both inserts and works, over the store's
// single writer connection: SQLite allows one writer, and River's driver is
// made to share it (its own transactions run on the same connection, and
// the store's transactions hand it their *sql.Tx).
func newSQLite(ctx context.Context, db *store.DB, cfg *river.Config) (*Queue, error) {
	driver := &sqliteDriver{Driver: riversqlite.New(db.Writer()), poll: cfg.FetchPollInterval, wake: make(chan struct{}, 1)}
	for name := range cfg.Queues {
		driver.queues = append(driver.queues, name)
	}
	m, err := rivermigrate.New(driver.Driver, nil)
	if err != nil {
		return nil, fmt.Errorf("work: migrator: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return nil, fmt.Errorf("work: migrate river (sqlite): %w", err)
	}
	client, err := river.NewClient[*sql.Tx](driver, cfg)
	if err != nil {
		return nil, fmt.Errorf("work: client: %w", err)
	}
	return &Queue{worker: client, inserter: client, wake: driver.wake}, nil
}
