package store

import (
	"context"
	"database/sql"
	"strconv"

	"github.com/candor-ats/candor/internal/hiring"
)

func checkBulkIDs(ids []string) ([]string, error) {
	if len(ids) == 0 {
		return nil, invalid("ids", "select at least one application")
	}
	if len(ids) > hiring.MaxBulk {
		return nil, invalid("ids", "at most "+strconv.Itoa(hiring.MaxBulk)+" applications at once")
	}
	seen := map[string]bool{}
	out := ids[:0:0]
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out, nil
}

// BulkMove moves every listed application in one transaction; any failure
// (not found, forbidden, stage of another job, inactive) changes nothing.
func (db *DB) BulkMove(ctx context.Context, ids []string, stageID string) (int, error) {
	a, err := actor(ctx)
	if err != nil {
		return 0, err
	}
	if ids, err = checkBulkIDs(ids); err != nil {
		return 0, err
	}
	n := 0
	err = db.write(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			_, moved, err := db.moveTx(ctx, tx, a, id, 0, stageID)
			if err != nil {
				return err
			}
			if moved {
				n++
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// BulkReject rejects every listed application in one transaction.
func (db *DB) BulkReject(ctx context.Context, ids []string, reasonID, reasonText string) (int, error) {
	a, err := actor(ctx)
	if err != nil {
		return 0, err
	}
	if ids, err = checkBulkIDs(ids); err != nil {
		return 0, err
	}
	err = db.write(ctx, func(tx *sql.Tx) error {
		reason, err := resolveReason(ctx, tx, reasonID, reasonText)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if _, err := db.rejectTx(ctx, tx, a, id, 0, reasonID, reason); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(ids), nil
}

// BulkTag adds tags to the candidates of every listed application.
func (db *DB) BulkTag(ctx context.Context, ids []string, tags []string) (int, error) {
	a, err := actor(ctx)
	if err != nil {
		return 0, err
	}
	if ids, err = checkBulkIDs(ids); err != nil {
		return 0, err
	}
	if tags, err = hiring.CheckTags(tags); err != nil {
		return 0, err
	}
	err = db.write(ctx, func(tx *sql.Tx) error {
		done := map[string]bool{}
		for _, id := range ids {
			x, err := db.loadApp(ctx, tx, a, id)
			if err != nil {
				return err
			}
			if err := canTag(a); err != nil {
				return err
			}
			if done[x.CandidateID] {
				continue
			}
			done[x.CandidateID] = true
			c, err := db.loadCandidate(ctx, tx, hiring.SystemActor(), x.CandidateID)
			if err != nil {
				return err
			}
			if _, err := db.setTags(ctx, tx, a, c, mergeTags(c.Tags, tags), "candidate.tagged", "tagged "+c.Name()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(ids), nil
}
