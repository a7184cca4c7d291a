package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"database/sql/driver"
)

// BulkLoad writes many records in one transaction through a Batch: the demo
// loader and benchmarks use it. Records arrive complete (IDs, times, versions
// set by the caller); no per-record authorization applies, so only trusted
// code (the CLI) may call it. A crash mid-load loses the whole load, never
// part of it, because it is one transaction; once BulkLoad returns nil the
// load is on disk.
func (db *DB) BulkLoad(ctx context.Context, fn func(b *Batch) error) (err error) {
	conn, err := db.writer.Conn(ctx)
	if err != nil {
		return fmt.Errorf("store: bulk load: %w", err)
	}
	defer conn.Close()
	rollbackJournal := false
	if db.dialect == DialectSQLite {
		// A big page cache and in-memory statement journals keep the load
		// off the disk until commit. Foreign keys are off for the load (the
		// generator is trusted code). The cache is not shrunk afterwards —
		// freeing it page by page costs seconds — so the connection is
		// discarded instead of returned to the pool.
		for _, p := range []string{"synchronous=OFF", "cache_size=-262144", "temp_store=MEMORY", "foreign_keys=OFF"} {
			if _, err := conn.ExecContext(ctx, "PRAGMA "+p); err != nil {
				return fmt.Errorf("store: bulk load: %w", err)
			}
		}
		defer func() {
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
		}()
		rollbackJournal, err = db.sqliteRollbackJournal(ctx, conn)
		if err != nil {
			return err
		}
		if rollbackJournal {
			// Back to WAL whether the load committed or not.
			defer func() {
				err = errors.Join(err, sqliteBackToWAL(context.WithoutCancel(ctx), conn))
				db.reader.SetMaxIdleConns(sqliteReaders())
			}()
		}
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: bulk load: %w", err)
	}
	b := &Batch{ctx: ctx, tx: tx, tables: map[string]*bulkTable{}, sqlite: db.dialect == DialectSQLite}
	// Secondary indexes of the big tables are dropped and rebuilt after the
	// rows are in: building an index from sorted data is far cheaper than
	// millions of random inserts. DDL is transactional on both engines, so a
	// failed load leaves every index (and trigger) in place.
	indexes, err := db.secondaryIndexes(ctx, tx, bulkIndexedTables)
	if err == nil {
		err = dropIndexes(ctx, tx, indexes)
	}
	// Phase times, logged at debug level, show where a slow load went.
	start := time.Now()
	var inserted, indexed time.Time
	var triggers, searchTriggers []indexDef
	if err == nil && db.dialect == DialectPostgres {
		b.quiet, err = pgQuietTriggers(ctx, tx)
	}
	if err == nil && b.sqlite {
		triggers, err = sqliteQuietTriggers(ctx, tx)
		b.quiet = err == nil && len(triggers) == len(sqliteBatchTriggers)
		if err == nil {
			// The search index's triggers (migration 00030) would run per
			// row; the index is rebuilt set-wise after the load instead.
			searchTriggers, err = sqliteDropTriggers(ctx, tx, sqliteSearchTriggers)
		}
		if err == nil {
			b.triggered, err = sqliteTriggeredTables(ctx, tx)
		}
	}
	if err == nil {
		b.startWriter()
		err = fn(b)
		if err == nil {
			err = b.flushAll()
		}
		// The writer is done with the transaction before it ends.
		if werr := b.stopWriter(); err == nil {
			err = werr
		}
	}
	inserted = time.Now()
	if err == nil && b.quiet && !b.sqlite {
		_, err = tx.ExecContext(ctx, "SET LOCAL session_replication_role = origin")
		if err == nil {
			// The search index's triggers were quiet too (migration 00030).
			_, err = tx.ExecContext(ctx, pgSearchRebuild)
		}
	}
	if err == nil && len(searchTriggers) > 0 {
		err = sqliteRebuildSearch(ctx, tx)
		if err == nil {
			err = createIndexes(ctx, tx, searchTriggers)
		}
	}
	if err == nil {
		err = createIndexes(ctx, tx, triggers)
	}
	if err == nil {
		err = createIndexes(ctx, tx, indexes)
	}
	indexed = time.Now()
	if err != nil {
		_ = tx.Rollback()
		return err
	}
	// Nor the reports' rollup of the stage history.
	if err := db.rebuildRollup(ctx, tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	// Batch rows don't maintain the jobs' active-application counters.
	if _, err := tx.ExecContext(ctx, `UPDATE jobs SET active_applications =
		(SELECT COUNT(*) FROM applications a WHERE a.job_id = jobs.id AND a.status = 'active')`); err != nil {
		_ = tx.Rollback()
		return fmt.Errorf("store: bulk load recount: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: bulk load commit: %w", err)
	}
	committed := time.Now()
	if db.dialect == DialectSQLite {
		// Through the WAL the load committed unsynced; ANALYZE's commit
		// syncs the log, and with it the load.
		if _, err := conn.ExecContext(ctx, "PRAGMA synchronous=FULL"); err != nil {
			return fmt.Errorf("store: bulk load: %w", err)
		}
	}
	// Fresh statistics keep the planner on the filter indexes after a big load.
	if err := db.analyze(ctx, conn); err != nil {
		return err
	}
	db.logger.Debug("bulk load", "insert", inserted.Sub(start), "index", indexed.Sub(inserted),
		"commit", committed.Sub(indexed), "analyze", time.Since(committed), "rollback_journal", rollbackJournal)
	return nil
}
