package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// CandidateListSQL is the candidates list query for f as the system sees it
// (no visibility condition), for query-plan tests.
func (db *DB) CandidateListSQL(f hiring.CandidateFilter) (string, []any, error) {
	q, _, params, _, err := db.candidateListSQL(hiring.SystemActor(), f, nil, hiring.DefaultLimit, "c.id")
	return q, params, err
}

// RerunMigration runs the Up part of an embedded migration of the dialect
// again, as a data migration would meet rows written before it.
func (db *DB) RerunMigration(ctx context.Context, file string) error {
	b, err := migrations.ReadFile("migrations/" + db.dialect + "/" + file)
	if err != nil {
		return err
	}
	up := strings.SplitN(strings.SplitN(string(b), "-- +goose Up", 2)[1], "-- +goose Down", 2)[0]
	for _, stmt := range strings.Split(up, ";") {
		if strings.TrimSpace(stmt) == "" {
			continue
		}
		if _, err := db.writer.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("%s: %w", stmt, err)
		}
	}
	return nil
}

// BackfillReportEvents empties application_events and fills it again with
// the INSERT statements of migration 00040, as it met rows written before it.
func (db *DB) BackfillReportEvents(ctx context.Context) error {
	if _, err := db.writer.ExecContext(ctx, "DELETE FROM application_events"); err != nil {
		return err
	}
	b, err := migrations.ReadFile("migrations/" + db.dialect + "/00040_application_events.sql")
	if err != nil {
		return err
	}
	up := strings.SplitN(strings.SplitN(string(b), "-- +goose Up", 2)[1], "-- +goose Down", 2)[0]
	for _, stmt := range strings.Split(up, ";") {
		if !strings.HasPrefix(strings.TrimSpace(stmt), "INSERT") {
			continue
		}
		if _, err := db.writer.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("%s: %w", stmt, err)
		}
	}
	return nil
}

// AddEventForTest writes one application_events row at a chosen time, as
// the write paths do (its rollup kept current in the same transaction), so
// tests can lay a history over months.
func (db *DB) AddEventForTest(ctx context.Context, appID, kind string, s hiring.Stage, fromID, reasonID string, at time.Time) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		if kind == evEntered {
			return enteredEvent(ctx, tx, hiring.SystemActor(), appID, s.JobID, s, fromID, at)
		}
		return statusEvent(ctx, tx, hiring.SystemActor(), kind, appID, s.JobID, s.ID, "", reasonID, "", at)
	})
}

// ReportFunnelRaw is the funnel per stage kind read from the events alone.
func (db *DB) ReportFunnelRaw(ctx context.Context, f hiring.ReportFilter) ([]hiring.FunnelCount, error) {
	q := &args{}
	_, scope, err := reportScope(ctx, f, q)
	if err != nil {
		return nil, err
	}
	return db.reportFunnelRaw(ctx, f, false, scope, q)
}

// RollupRows lists the rollup's non-zero rows, for comparing the rollup
// kept current with one rebuilt.
func (db *DB) RollupRows(ctx context.Context) ([]string, error) {
	rows, err := db.reader.QueryContext(ctx, `SELECT level, bucket, job_id, source_key, measure, stage_kind, reason_id, prev_us, n
		FROM report_rollup WHERE n <> 0 ORDER BY level, bucket, job_id, source_key, measure, stage_kind, reason_id, prev_us`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var l, b, j, s, m, k, r string
		var p int64
		var n int
		if err := rows.Scan(&l, &b, &j, &s, &m, &k, &r, &p, &n); err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprint(l, b, j, s, m, k, r, p, n))
	}
	return out, rows.Err()
}
