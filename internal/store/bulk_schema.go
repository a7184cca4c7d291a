package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// sqliteBatchTriggers are the SQLite insert triggers whose work the Batch
// does itself when they are off: candidate_tags' copies of updated_at and
// source, and the duplicate-detection keys.
var sqliteBatchTriggers = []string{"candidate_tags_stamp", "candidates_dup_keys_insert"}

// sqliteQuietTriggers drops the sqliteBatchTriggers for the load and returns
// their definitions, to be created again before commit (DDL is
// transactional). Per-row trigger programs, and the statement journals they
// need, cost more than the rows of the candidates they served.
func sqliteQuietTriggers(ctx context.Context, tx *sql.Tx) ([]indexDef, error) {
	return sqliteDropTriggers(ctx, tx, sqliteBatchTriggers)
}

// sqliteDropTriggers drops the named triggers, when all of them exist, and
// returns their definitions.
func sqliteDropTriggers(ctx context.Context, tx *sql.Tx, names []string) ([]indexDef, error) {
	rows, err := tx.QueryContext(ctx, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (SELECT value FROM json_each($1)) ORDER BY name",
		jsonArg(names))
	if err != nil {
		return nil, fmt.Errorf("store: list triggers: %w", err)
	}
	var defs []indexDef
	for rows.Next() {
		var d indexDef
		if err := rows.Scan(&d.name, &d.sql); err != nil {
			_ = rows.Close()
			return nil, fmt.Errorf("store: list triggers: %w", err)
		}
		defs = append(defs, d)
	}
	_ = rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: list triggers: %w", err)
	}
	if len(defs) != len(names) {
		// A schema without them: leave whatever there is alone.
		return nil, nil
	}
	for _, d := range defs {
		if _, err := tx.ExecContext(ctx, "DROP TRIGGER "+quoteIdent(d.name)); err != nil {
			return nil, fmt.Errorf("store: drop trigger %s: %w", d.name, err)
		}
	}
	return defs, nil
}

// sqliteTriggeredTables returns the tables with insert triggers: those whose
// definition names INSERT before its body (the event always precedes WHEN
// and BEGIN; a trigger merely named *insert* counts too, which only costs a
// statement journal).
func sqliteTriggeredTables(ctx context.Context, tx *sql.Tx) (map[string]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT tbl_name FROM sqlite_master
		WHERE type = 'trigger' AND instr(upper(substr(sql, 1, instr(upper(sql), 'BEGIN'))), 'INSERT') > 0`)
	if err != nil {
		return nil, fmt.Errorf("store: list triggers: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("store: list triggers: %w", err)
		}
		out[name] = true
	}
	return out, rows.Err()
}

// bulkIndexedTables are the tables whose secondary indexes BulkLoad rebuilds.
var bulkIndexedTables = []string{"candidates", "candidate_emails", "candidate_tags", "applications", "stage_visits", "application_events", "activity", "notes"}

type indexDef struct{ name, sql string }

// secondaryIndexes lists the indexes of tables that no constraint owns (a
// primary key or UNIQUE constraint's index cannot be dropped on its own).
func (db *DB) secondaryIndexes(ctx context.Context, tx *sql.Tx, tables []string) ([]indexDef, error) {
	var q string
	if db.dialect == DialectSQLite {
		q = `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each($1))`
	} else {
		q = `SELECT i.indexname, i.indexdef FROM pg_indexes i
		     WHERE i.schemaname = current_schema() AND i.tablename IN (SELECT json_array_elements_text($1::json))
		       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`
	}
	rows, err := tx.QueryContext(ctx, q, jsonArg(tables))
	if err != nil {
		return nil, fmt.Errorf("store: list indexes: %w", err)
	}
	defer rows.Close()
	var out []indexDef
	for rows.Next() {
		var d indexDef
		if err := rows.Scan(&d.name, &d.sql); err != nil {
			return nil, fmt.Errorf("store: list indexes: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

func dropIndexes(ctx context.Context, tx *sql.Tx, idx []indexDef) error {
	for _, d := range idx {
		if _, err := tx.ExecContext(ctx, "DROP INDEX "+quoteIdent(d.name)); err != nil {
			return fmt.Errorf("store: drop index %s: %w", d.name, err)
		}
	}
	return nil
}

func createIndexes(ctx context.Context, tx *sql.Tx, idx []indexDef) error {
	for _, d := range idx {
		if _, err := tx.ExecContext(ctx, d.sql); err != nil {
			return fmt.Errorf("store: recreate %s: %w", d.name, err)
		}
	}
	return nil
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// pgQuietTriggers turns off row triggers (foreign-key checks and the tables
// they maintain) for this transaction when the role may: per-row trigger work
// made a PostgreSQL load grow quadratically. The Batch then writes the rows
// the triggers would have (candidate_tags' copies, duplicate keys). Without
// superuser the load simply runs with triggers on.
func pgQuietTriggers(ctx context.Context, tx *sql.Tx) (bool, error) {
	var super string
	if err := tx.QueryRowContext(ctx, "SELECT current_setting('is_superuser')").Scan(&super); err != nil {
		return false, fmt.Errorf("store: bulk load: %w", err)
	}
	if super != "on" {
		return false, nil
	}
	if _, err := tx.ExecContext(ctx, "SET LOCAL session_replication_role = replica"); err != nil {
		return false, fmt.Errorf("store: bulk load: %w", err)
	}
	return true, nil
}

// sqliteRollbackJournal switches the database out of WAL for the load when no
// other connection has it open. In WAL every page of the load is written
// twice — to the log, then copied into the database by the checkpoint — and
// pages spilled from the cache mid-load are read back through the log. With
// a rollback journal, pages that did not exist before the load (nearly all of
// them) need no journal entry and are written once, in place; a failed load
// still rolls back. synchronous=NORMAL syncs the journal before the database
// is overwritten and the database at commit, so the load stays crash-safe
// and is durable once committed. It reports whether it switched.
func (db *DB) sqliteRollbackJournal(ctx context.Context, conn *sql.Conn) (bool, error) {
	// Idle readers hold the WAL index open, which keeps the mode; they are
	// reopened on demand after the load.
	db.reader.SetMaxIdleConns(0)
	var mode string
	if err := conn.QueryRowContext(ctx, "PRAGMA journal_mode=DELETE").Scan(&mode); err != nil || mode != "delete" {
		// Another connection has the database open (SQLITE_BUSY): load
		// through the WAL.
		db.reader.SetMaxIdleConns(sqliteReaders())
		return false, nil
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA synchronous=NORMAL"); err != nil {
		return true, fmt.Errorf("store: bulk load: %w", err)
	}
	return true, nil
}

// sqliteBackToWAL returns the database to WAL, the mode every other
// connection expects.
func sqliteBackToWAL(ctx context.Context, conn *sql.Conn) error {
	var mode string
	if err := conn.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode); err != nil {
		return fmt.Errorf("store: bulk load journal: %w", err)
	}
	if mode != "wal" {
		return fmt.Errorf("store: bulk load journal: database left in %s mode", mode)
	}
	return nil
}
