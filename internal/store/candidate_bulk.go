package store

import (
	"context"
	"database/sql"
	"strconv"

	"github.com/candor-ats/candor/internal/hiring"
)

func checkBulkCandidates(ids []string) ([]string, error) {
	if len(ids) == 0 {
		return nil, invalid("ids", "select at least one candidate")
	}
	if len(ids) > hiring.MaxBulk {
		return nil, invalid("ids", "at most "+strconv.Itoa(hiring.MaxBulk)+" candidates at once")
	}
	return checkBulkIDs(ids)
}

// BulkTagCandidates adds tags to every listed candidate in one transaction;
// any candidate the actor may not see or tag changes nothing.
func (db *DB) BulkTagCandidates(ctx context.Context, ids []string, tags []string) (int, error) {
	a, err := actor(ctx)
	if err != nil {
		return 0, err
	}
	if ids, err = checkBulkCandidates(ids); err != nil {
		return 0, err
	}
	if tags, err = hiring.CheckTags(tags); err != nil {
		return 0, err
	}
	err = db.write(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			// Seeing comes before being allowed, as for one candidate: an
			// unseen candidate is not found, whoever asks.
			c, err := db.loadCandidate(ctx, tx, a, id)
			if err != nil {
				return err
			}
			if err := canTag(a); err != nil {
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

// BulkApply adds every listed candidate to the job's first stage in one
// transaction. Candidates already active on the job are skipped; any other
// refusal (a candidate or job the actor may not see, a closed job) changes
// nothing.
func (db *DB) BulkApply(ctx context.Context, candidateIDs []string, jobID string) (int, error) {
	a, err := actor(ctx)
	if err != nil {
		return 0, err
	}
	if candidateIDs, err = checkBulkCandidates(candidateIDs); err != nil {
		return 0, err
	}
	if jobID == "" {
		return 0, invalid("job_id", "is required")
	}
	n := 0
	err = db.write(ctx, func(tx *sql.Tx) error {
		n = 0
		// Visibility first, so that skipping never tells about a record the
		// actor may not see.
		if err := db.canSeeJob(ctx, tx, a, jobID); err != nil {
			return err
		}
		for _, id := range candidateIDs {
			if _, err := db.loadCandidate(ctx, tx, a, id); err != nil {
				return err
			}
			var active int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM applications WHERE candidate_id = $1 AND job_id = $2 AND status = 'active'`,
				id, jobID).Scan(&active); err != nil {
				return dbErr("bulk apply", err)
			}
			if active > 0 {
				continue
			}
			if _, err := db.insertApplication(ctx, tx, a, hiring.NewApplication{CandidateID: id, JobID: jobID}); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}
