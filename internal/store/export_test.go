package store

import "github.com/candor-ats/candor/internal/hiring"

// CandidateListSQL is the candidates list query for f as the system sees it
// (no visibility condition), for query-plan tests.
func (db *DB) CandidateListSQL(f hiring.CandidateFilter) (string, []any, error) {
	q, _, params, _, err := db.candidateListSQL(hiring.SystemActor(), f, nil, hiring.DefaultLimit, "c.id")
	return q, params, err
}
