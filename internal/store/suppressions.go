package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/candor-ats/candor/internal/hiring"
)

// Suppressed reports whether no outreach may go to an address (the
// suppression list: bounced, unsubscribed or added by an admin). Every
// capability that queues mail other than about an application in progress
// (sequences, bulk outreach) asks it first, inside its own transaction when
// it has one (tx may be nil). QueueMessageTx asks it too for a message
// marked Outreach, so the list always wins.
func (db *DB) Suppressed(ctx context.Context, tx *sql.Tx, email string) (bool, error) {
	email, ok := hiring.NormalizeEmail(email)
	if !ok {
		return false, nil
	}
	var q querier = db.rd
	if tx != nil {
		q = tx
	}
	var one int
	err := q.QueryRowContext(ctx, "SELECT 1 FROM mail_suppressions WHERE email = $1", email).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, dbErr("suppression check", err)
	}
	return true, nil
}

// suppressTx puts an address on the list; one already there keeps its
// first reason.
func (db *DB) suppressTx(ctx context.Context, tx *sql.Tx, a hiring.Actor, email, reason, detail string) error {
	email, ok := hiring.NormalizeEmail(email)
	if !ok {
		return nil
	}
	by, byName := "", ""
	if !a.System {
		by, byName = a.UserID, a.Name
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO mail_suppressions (email, reason, detail, created_by, created_by_name, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email) DO NOTHING`, email, reason, detail, nullString(by), byName, TimeArg(now()))
	return dbErr("suppress address", err)
}
