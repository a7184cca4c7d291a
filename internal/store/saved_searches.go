package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/search"
)

const savedSearchCols = "id, user_id, name, query, digest, digest_new, digest_checked_at, created_at"

func scanSavedSearch(row interface{ Scan(...any) error }) (hiring.SavedSearch, error) {
	var s hiring.SavedSearch
	err := row.Scan(&s.ID, &s.UserID, &s.Name, &s.Query, &s.Digest, &s.DigestNew, timeCol{&s.DigestCheckedAt}, timeCol{&s.CreatedAt})
	return s, err
}

// SavedSearches lists the actor's own saved searches, by name.
func (db *DB) SavedSearches(ctx context.Context) ([]hiring.SavedSearch, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := db.rd.QueryContext(ctx, "SELECT "+savedSearchCols+" FROM saved_searches WHERE user_id = $1 ORDER BY lower(name), id", a.UserID)
	if err != nil {
		return nil, dbErr("saved searches", err)
	}
	defer rows.Close()
	out := []hiring.SavedSearch{}
	for rows.Next() {
		s, err := scanSavedSearch(rows)
		if err != nil {
			return nil, dbErr("saved searches", err)
		}
		out = append(out, s)
	}
	return out, dbErr("saved searches", rows.Err())
}

// SaveSearch keeps a query the language accepts under a name (the actor's own).
func (db *DB) SaveSearch(ctx context.Context, in hiring.SavedSearchInput) (hiring.SavedSearch, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.SavedSearch{}, err
	}
	if a.System {
		return hiring.SavedSearch{}, forbidden("Saved searches belong to people.")
	}
	in.Name, in.Query = strings.TrimSpace(in.Name), strings.TrimSpace(in.Query)
	var fields []hiring.FieldError
	switch {
	case in.Name == "":
		fields = append(fields, hiring.FieldError{Field: "name", Message: "is required"})
	case !hiring.IsText(in.Name) || utf8.RuneCountInString(in.Name) > 200:
		fields = append(fields, hiring.FieldError{Field: "name", Message: "must be text of at most 200 characters"})
	}
	if !hiring.IsText(in.Query) {
		fields = append(fields, hiring.FieldError{Field: "query", Message: "must be text"})
	} else if q, err := search.Parse(in.Query, now()); err != nil {
		var se *search.Error
		if errors.As(err, &se) {
			fields = append(fields, hiring.FieldError{Field: "query", Message: se.Error()})
		}
	} else if q.Empty() || q.Nothing {
		fields = append(fields, hiring.FieldError{Field: "query", Message: "has nothing to search for"})
	}
	if len(fields) > 0 {
		return hiring.SavedSearch{}, &hiring.Error{Code: hiring.EInvalid, Message: "Please correct the highlighted fields.", Fields: fields}
	}
	t := now()
	s := hiring.SavedSearch{ID: NewID(), UserID: a.UserID, Name: in.Name, Query: in.Query, Digest: in.Digest, DigestCheckedAt: t, CreatedAt: t}
	err = db.write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM saved_searches WHERE user_id = $1", a.UserID).Scan(&n); err != nil {
			return dbErr("save search", err)
		}
		if n >= hiring.MaxSavedSearches {
			return conflict("", "You have saved as many searches as one person may; delete one first.")
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO saved_searches (id, user_id, name, query, digest, digest_new, digest_checked_at, created_at)
			VALUES ($1, $2, $3, $4, $5, 0, $6, $7)`, s.ID, s.UserID, s.Name, s.Query, s.Digest, TimeArg(t), TimeArg(t))
		return dbErr("save search", err)
	})
	return s, err
}

// DeleteSavedSearch removes one of the actor's saved searches; anyone
// else's is not found.
func (db *DB) DeleteSavedSearch(ctx context.Context, id string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM saved_searches WHERE id = $1 AND user_id = $2", id, a.UserID)
		if err != nil {
			return dbErr("delete saved search", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("saved search", sql.ErrNoRows)
		}
		return nil
	})
}

// RunSearchDigests counts each digest search's new matches as its owner
// sees them: candidates added in (digest_checked_at, now].
func (db *DB) RunSearchDigests(ctx context.Context, at time.Time) (int, error) {
	a, err := actor(ctx)
	if err != nil {
		return 0, err
	}
	if !a.System {
		return 0, forbidden("Only the system runs digests.")
	}
	rows, err := db.rd.QueryContext(ctx, `SELECT s.id, s.query, s.digest_checked_at, u.id, u.name, u.role FROM saved_searches s
		JOIN users u ON u.id = s.user_id WHERE s.digest = TRUE AND u.disabled = FALSE ORDER BY s.id`)
	if err != nil {
		return 0, dbErr("search digests", err)
	}
	type due struct {
		id, query string
		since     time.Time
		owner     hiring.Actor
	}
	var all []due
	for rows.Next() {
		var d due
		var role string
		if err := rows.Scan(&d.id, &d.query, timeCol{&d.since}, &d.owner.UserID, &d.owner.Name, &role); err != nil {
			rows.Close()
			return 0, dbErr("search digests", err)
		}
		d.owner.Role = hiring.Role(role)
		all = append(all, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, dbErr("search digests", err)
	}
	found := 0
	for _, d := range all {
		res, err := db.SearchCandidates(hiring.WithActor(ctx, d.owner), d.query, hiring.SearchOptions{Page: hiring.PageRequest{Limit: 1},
			CreatedAfter: d.since, CreatedBefore: at})
		n := res.Total
		if hiring.ErrorCode(err) == hiring.EInvalid {
			n, err = 0, nil // a query the language no longer accepts finds nothing
		}
		if err != nil {
			return found, err
		}
		if n > 0 {
			found++
		}
		if err := db.write(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, "UPDATE saved_searches SET digest_new = $1, digest_checked_at = $2 WHERE id = $3", n, TimeArg(at), d.id)
			return dbErr("search digest", err)
		}); err != nil {
			return found, err
		}
	}
	return found, nil
}
