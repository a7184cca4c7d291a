package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
)

// undismissed is the SQL condition that the pair (older, c.id) was not dismissed.
func undismissed(older string) string {
	return "NOT EXISTS (SELECT 1 FROM duplicate_dismissals dd WHERE dd.candidate_a = " + older + " AND dd.candidate_b = c.id)"
}

// hasOlderTwin is true for a candidate c with an earlier candidate that
// matches a rule and was not dismissed. Every branch is an index probe.
func hasOlderTwin() string {
	return "(EXISTS (SELECT 1 FROM candidate_emails e1 JOIN candidate_emails e2 ON e2.email = e1.email WHERE e1.candidate_id = c.id AND " +
		notPlaceholder("e1.email") + " AND e2.candidate_id < c.id AND " + undismissed("e2.candidate_id") + ")" +
		" OR EXISTS (SELECT 1 FROM candidate_phones p1 JOIN candidate_phones p2 ON p2.phone_key = p1.phone_key WHERE p1.candidate_id = c.id AND p2.candidate_id < c.id AND " + undismissed("p2.candidate_id") + ")" +
		" OR EXISTS (SELECT 1 FROM candidate_linkedin l1 JOIN candidate_linkedin l2 ON l2.url_key = l1.url_key WHERE l1.candidate_id = c.id AND l2.candidate_id < c.id AND " + undismissed("l2.candidate_id") + ")" +
		" OR (c.current_company <> '' AND c.sort_name <> '' AND EXISTS (SELECT 1 FROM candidates c2 WHERE c2.sort_name = c.sort_name AND lower(c2.current_company) = lower(c.current_company) AND c2.id < c.id AND " + undismissed("c2.id") + ")))"
}

// notPlaceholder is the SQL condition that an address is not one of
// hiring's placeholders (hiring.PlaceholderEmail), which match nobody.
func notPlaceholder(col string) string {
	var b strings.Builder
	b.WriteString("NOT (" + col + " IN (")
	for i, e := range hiring.PlaceholderEmails() {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(sqlString(e))
	}
	b.WriteString(")")
	for _, l := range hiring.PlaceholderLocalParts() {
		// "_" is a LIKE wildcard; escaped so the pattern means the name.
		l = strings.ReplaceAll(l, "_", `\_`)
		b.WriteString(" OR " + col + " LIKE " + sqlString(l+"@%") + ` ESCAPE '\' OR ` + col + " LIKE " + sqlString(l+"+%") + ` ESCAPE '\'`)
	}
	b.WriteString(")")
	return b.String()
}

// sqlString quotes a constant as an SQL string literal.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// DuplicatePairs is the review queue. It walks candidates newest first and
// pairs each with the earlier ones it matches, so a pair shows once, under
// its newer side. A page holds up to p.Limit newer candidates (each with one
// or more pairs).
func (db *DB) DuplicatePairs(ctx context.Context, pr hiring.PageRequest) (hiring.Page[hiring.DuplicatePair], error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Page[hiring.DuplicatePair]{}, err
	}
	limit := pr.Clamp()
	cur, err := decodeCursor(pr.Cursor, 1)
	if err != nil {
		return hiring.Page[hiring.DuplicatePair]{}, err
	}
	p := &args{}
	where := []string{hasOlderTwin()}
	if restricted(a) {
		where = append(where, candidateVisible(a, "c.id", p))
	}
	if cur != nil {
		where = append(where, "c.id < "+p.add(cur[0]))
	}
	ids, err := queryStrings(ctx, db.rd, "SELECT c.id FROM candidates c"+whereSQL(where)+" ORDER BY c.id DESC LIMIT "+strconv.Itoa(limit+1), p.list...)
	if err != nil {
		return hiring.Page[hiring.DuplicatePair]{}, err
	}
	page := hiring.Page[hiring.DuplicatePair]{Items: []hiring.DuplicatePair{}}
	if len(ids) > limit {
		ids = ids[:limit]
		page.NextCursor = encodeCursor(ids[limit-1])
	}
	newer, err := db.visibleCandidates(ctx, db.rd, a, ids)
	if err != nil {
		return page, err
	}
	for _, id := range ids {
		c, ok := newer[id]
		if !ok {
			continue
		}
		pb := probeOf(c.ID, candidateInputOf(c))
		if err := db.storedKeys(ctx, db.rd, c.ID, &pb); err != nil {
			return page, err
		}
		ms, err := db.findDuplicates(ctx, db.rd, a, pb)
		if err != nil {
			return page, err
		}
		for _, m := range ms {
			if m.Candidate.ID < c.ID {
				page.Items = append(page.Items, hiring.DuplicatePair{Newer: c, Older: m.Candidate, Reasons: m.Reasons})
			}
		}
	}
	return page, nil
}

// DismissDuplicate records that two candidates are different people.
func (db *DB) DismissDuplicate(ctx context.Context, candidateID, otherID string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		c, err := db.loadCandidate(ctx, tx, a, candidateID)
		if err != nil {
			return err
		}
		if !a.CanManageRecords() {
			return forbidden("Only admins and recruiters review duplicates.")
		}
		if candidateID == otherID {
			return invalid("other_id", "is the same candidate")
		}
		o, err := db.loadCandidate(ctx, tx, a, otherID)
		if err != nil {
			return invalid("other_id", "no such candidate")
		}
		older, newer := c.ID, o.ID
		if older > newer {
			older, newer = newer, older
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO duplicate_dismissals (candidate_a, candidate_b, dismissed_by_id, dismissed_at)
			VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, older, newer, nullString(a.UserID), TimeArg(now())); err != nil {
			return dbErr("dismiss duplicate", err)
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "candidate.not_duplicate", SubjectType: "candidate", SubjectID: c.ID,
			CandidateID: c.ID, Summary: "marked " + c.Name() + " and " + o.Name() + " as different people",
			After: map[string]any{"other_id": o.ID}}, false)
	})
}
