package store

import (
	"context"
	"database/sql"
	"slices"
	"sort"
	"strconv"

	"github.com/candor-ats/candor/internal/hiring"
)

// canTag: admins, recruiters and hiring managers tag the candidates they see.
func canTag(a hiring.Actor) error {
	if a.CanManageRecords() || a.Role == hiring.RoleHiringManager {
		return nil
	}
	return forbidden("You may not tag candidates.")
}

// setTags changes a candidate's tags in tx and records it; it returns whether anything changed.
func (db *DB) setTags(ctx context.Context, tx *sql.Tx, a hiring.Actor, c hiring.Candidate, tags []string, action, summary string) (bool, error) {
	if equalJSON(c.Tags, tags) {
		return false, nil
	}
	if len(tags) > hiring.MaxTags {
		return false, invalid("tags", "at most "+strconv.Itoa(hiring.MaxTags)+" tags")
	}
	if _, err := tx.ExecContext(ctx, "UPDATE candidates SET tags = $1, version = version + 1, updated_at = $2 WHERE id = $3",
		jsonArg(tags), TimeArg(now()), c.ID); err != nil {
		return false, dbErr("tag candidate", err)
	}
	if err := writeCandidateTags(ctx, tx, c.ID, tags); err != nil {
		return false, err
	}
	return true, db.record(ctx, tx, a, hiring.Activity{Action: action, SubjectType: "candidate", SubjectID: c.ID, CandidateID: c.ID,
		Summary: summary, Before: map[string]any{"tags": c.Tags}, After: map[string]any{"tags": tags}}, false)
}

func mergeTags(have, add []string) []string {
	out := slices.Clone(have)
	for _, t := range add {
		if !slices.Contains(have, t) {
			out = append(out, t)
		}
	}
	return out
}

// AddTags adds tags to a candidate.
func (db *DB) AddTags(ctx context.Context, candidateID string, tags []string) (hiring.Candidate, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Candidate{}, err
	}
	tags, err = hiring.CheckTags(tags)
	if err != nil {
		return hiring.Candidate{}, err
	}
	var c hiring.Candidate
	err = db.write(ctx, func(tx *sql.Tx) error {
		old, err := db.loadCandidate(ctx, tx, a, candidateID)
		if err != nil {
			return err
		}
		if err := canTag(a); err != nil {
			return err
		}
		if _, err := db.setTags(ctx, tx, a, old, mergeTags(old.Tags, tags), "candidate.tagged", "tagged "+old.Name()); err != nil {
			return err
		}
		c, err = db.loadCandidate(ctx, tx, hiring.SystemActor(), candidateID)
		return err
	})
	return c, err
}

// RemoveTag removes one tag from a candidate.
func (db *DB) RemoveTag(ctx context.Context, candidateID string, tag string) (hiring.Candidate, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Candidate{}, err
	}
	tag = hiring.NormalizeTag(tag)
	var c hiring.Candidate
	err = db.write(ctx, func(tx *sql.Tx) error {
		old, err := db.loadCandidate(ctx, tx, a, candidateID)
		if err != nil {
			return err
		}
		if err := canTag(a); err != nil {
			return err
		}
		rest := []string{}
		for _, t := range old.Tags {
			if t != tag {
				rest = append(rest, t)
			}
		}
		if _, err := db.setTags(ctx, tx, a, old, rest, "candidate.untagged", "removed the tag "+tag+" from "+old.Name()); err != nil {
			return err
		}
		c, err = db.loadCandidate(ctx, tx, hiring.SystemActor(), candidateID)
		return err
	})
	return c, err
}

// ListTags lists the tags in use on candidates the actor may see.
func (db *DB) ListTags(ctx context.Context) ([]string, error) {
	return db.distinct(ctx, "SELECT DISTINCT ct.tag FROM candidate_tags ct", "ct.candidate_id", "ct.tag <> ''")
}

// ListSources lists the candidate sources in use.
func (db *DB) ListSources(ctx context.Context) ([]string, error) {
	return db.distinct(ctx, "SELECT DISTINCT c.source FROM candidates c", "c.id", "c.source <> ''")
}

func (db *DB) distinct(ctx context.Context, query, candExpr, cond string) ([]string, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	p := &args{}
	query += " WHERE " + cond
	if restricted(a) {
		query += " AND " + candidateVisible(a, candExpr, p)
	}
	// Ordered before the cap, so that past 1000 values the same ones come
	// back on either engine.
	rows, err := db.rd.QueryContext(ctx, query+" ORDER BY 1 LIMIT 1000", p.list...)
	if err != nil {
		return nil, dbErr("list values", err)
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, dbErr("list values", err)
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out, dbErr("list values", rows.Err())
}
