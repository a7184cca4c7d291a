package store

import (
	"context"
	"database/sql"

	"github.com/candor-ats/candor/internal/hiring"
)

func requireAdmin(ctx context.Context, what string) (hiring.Actor, error) {
	a, err := actor(ctx)
	if err != nil {
		return a, err
	}
	if !a.IsAdmin() {
		return a, forbidden("Only admins manage " + what + ".")
	}
	return a, nil
}

// ListRejectionReasons lists reasons in their display order.
func (db *DB) ListRejectionReasons(ctx context.Context, includeArchived bool) ([]hiring.RejectionReason, error) {
	if _, err := actor(ctx); err != nil {
		return nil, err
	}
	q := "SELECT id, name, archived FROM rejection_reasons"
	if !includeArchived {
		q += " WHERE archived = FALSE"
	}
	rows, err := db.rd.QueryContext(ctx, q+" ORDER BY position, id")
	if err != nil {
		return nil, dbErr("list rejection reasons", err)
	}
	defer rows.Close()
	out := []hiring.RejectionReason{}
	for rows.Next() {
		var r hiring.RejectionReason
		if err := rows.Scan(&r.ID, &r.Name, &r.Archived); err != nil {
			return nil, dbErr("list rejection reasons", err)
		}
		out = append(out, r)
	}
	return out, dbErr("list rejection reasons", rows.Err())
}

// CreateRejectionReason appends a reason.
func (db *DB) CreateRejectionReason(ctx context.Context, name string) (hiring.RejectionReason, error) {
	a, err := requireAdmin(ctx, "rejection reasons")
	if err != nil {
		return hiring.RejectionReason{}, err
	}
	if name, err = checkName("name", name); err != nil {
		return hiring.RejectionReason{}, err
	}
	r := hiring.RejectionReason{ID: NewID(), Name: name}
	err = db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO rejection_reasons (id, name, archived, position)
			VALUES ($1, $2, FALSE, (SELECT COALESCE(MAX(position), 0) + 1 FROM rejection_reasons))`, r.ID, r.Name)
		if isUniqueViolation(err) {
			return conflict("name", "this reason exists already")
		}
		if err != nil {
			return dbErr("create rejection reason", err)
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "rejection_reason.created", SubjectType: "rejection_reason", SubjectID: r.ID,
			Summary: "added rejection reason " + name}, false)
	})
	return r, err
}

// UpdateRejectionReason renames or (un)archives a reason. Archived reasons
// stay on the applications that used them.
func (db *DB) UpdateRejectionReason(ctx context.Context, in hiring.RejectionReason) (hiring.RejectionReason, error) {
	a, err := requireAdmin(ctx, "rejection reasons")
	if err != nil {
		return hiring.RejectionReason{}, err
	}
	if in.Name, err = checkName("name", in.Name); err != nil {
		return hiring.RejectionReason{}, err
	}
	err = db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE rejection_reasons SET name = $1, archived = $2 WHERE id = $3", in.Name, in.Archived, in.ID)
		if isUniqueViolation(err) {
			return conflict("name", "this reason exists already")
		}
		if err != nil {
			return dbErr("update rejection reason", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return hiring.ErrNotFound("rejection reason")
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "rejection_reason.updated", SubjectType: "rejection_reason", SubjectID: in.ID,
			Summary: "updated rejection reason " + in.Name, After: map[string]any{"name": in.Name, "archived": in.Archived}}, false)
	})
	return in, err
}
