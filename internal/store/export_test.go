package store

import (
	"context"
	"fmt"
	"strings"

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
