package store

import (
	"context"
	"database/sql"
	"regexp"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

var monthRE = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[0-2])$`)

// SourceCosts lists recorded source costs of the months overlapping [from, to).
func (db *DB) SourceCosts(ctx context.Context, from, to time.Time) ([]hiring.SourceCost, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !a.CanReadReports() {
		return nil, forbidden("Source costs are for admins, recruiters and hiring managers.")
	}
	q := "SELECT source, month, amount_cents, currency FROM source_costs"
	var params []any
	if !from.IsZero() && !to.IsZero() {
		q += " WHERE month >= $1 AND month <= $2"
		params = append(params, from.UTC().Format("2006-01"), to.UTC().Add(-time.Nanosecond).Format("2006-01"))
	}
	rows, err := db.rd.QueryContext(ctx, q+" ORDER BY month DESC, source_key LIMIT 5000", params...)
	if err != nil {
		return nil, dbErr("source costs", err)
	}
	defer rows.Close()
	out := []hiring.SourceCost{}
	for rows.Next() {
		var c hiring.SourceCost
		if err := rows.Scan(&c.Source, &c.Month, &c.AmountCents, &c.Currency); err != nil {
			return nil, dbErr("source costs", err)
		}
		out = append(out, c)
	}
	return out, dbErr("source costs", rows.Err())
}

// SetSourceCost records (or with 0 removes) a source's cost for a month.
func (db *DB) SetSourceCost(ctx context.Context, c hiring.SourceCost) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	if !a.IsAdmin() {
		return forbidden("Only admins record source costs.")
	}
	c.Source = strings.TrimSpace(c.Source)
	c.Currency = strings.ToUpper(strings.TrimSpace(c.Currency))
	var v hiring.Validation
	switch {
	case c.Source == "":
		v.Add("source", "is required")
	case len([]rune(c.Source)) > 100 || !hiring.IsText(c.Source):
		v.Add("source", "must be text of at most 100 characters")
	}
	if !monthRE.MatchString(c.Month) {
		v.Add("month", "must be a month like 2026-01")
	}
	if c.AmountCents < 0 || c.AmountCents > 1e13 {
		v.Add("amount_cents", "must be between 0 and 10,000,000,000,000")
	}
	if len(c.Currency) != 3 || strings.Trim(c.Currency, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
		v.Add("currency", "must be a three-letter ISO 4217 code like EUR")
	}
	if err := v.Err(); err != nil {
		return err
	}
	key := sourceKey(c.Source)
	return db.write(ctx, func(tx *sql.Tx) error {
		if c.AmountCents == 0 {
			_, err := tx.ExecContext(ctx, "DELETE FROM source_costs WHERE source_key = $1 AND month = $2", key, c.Month)
			return dbErr("source cost", err)
		}
		var other string
		err := tx.QueryRowContext(ctx, "SELECT currency FROM source_costs WHERE currency <> $1 AND NOT (source_key = $2 AND month = $3) LIMIT 1",
			c.Currency, key, c.Month).Scan(&other)
		if err == nil {
			return conflict("currency", "costs are recorded in "+other+"; record this one in "+other+" too")
		}
		if err != sql.ErrNoRows {
			return dbErr("source cost", err)
		}
		t := TimeArg(now())
		_, err = tx.ExecContext(ctx, `INSERT INTO source_costs (source_key, source, month, amount_cents, currency, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (source_key, month) DO UPDATE SET source = $2, amount_cents = $4, currency = $5, updated_at = $6`,
			key, c.Source, c.Month, c.AmountCents, c.Currency, t)
		return dbErr("source cost", err)
	})
}

// sourceKey lowercases ASCII letters only, like the reports' SQL lower() on both engines for ASCII sources.
func sourceKey(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
