package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
)

// Suppressed reports whether no outreach may go to an address (the
// suppression list: bounced, unsubscribed or added by an admin). Every
// capability that queues mail other than about an application in progress
// (sequences, bulk outreach) asks it first, inside its own transaction when
// it has one (tx may be nil). QueueMessageTx asks it too for a message
// marked Outreach, so the list always wins.
func (db *DB) Suppressed(ctx context.Context, tx *sql.Tx, email string) (bool, error) {
	if tx != nil {
		return suppressedQ(ctx, tx, email)
	}
	return suppressedQ(ctx, db.rd, email)
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

// suppressedQ is Suppressed on any querier (composeMessage reads with
// db.rd for previews and with the write transaction when queueing).
func suppressedQ(ctx context.Context, q querier, email string) (bool, error) {
	email, ok := hiring.NormalizeEmail(email)
	if !ok {
		return false, nil
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

const supCols = "s.email, s.reason, s.detail, s.created_by_name, s.created_at"

func scanSuppression(row interface{ Scan(...any) error }) (hiring.Suppression, error) {
	var s hiring.Suppression
	err := row.Scan(&s.Email, &s.Reason, &s.Detail, &s.CreatedBy, timeCol{&s.CreatedAt})
	return s, err
}

func adminOnly(ctx context.Context, msg string) (hiring.Actor, error) {
	a, err := actor(ctx)
	if err != nil {
		return a, err
	}
	if !a.IsAdmin() {
		return a, forbidden(msg)
	}
	return a, nil
}

// Suppressions lists the suppression list (admins), newest first; q
// filters by part of the address.
func (db *DB) Suppressions(ctx context.Context, q string, pr hiring.PageRequest) (hiring.Page[hiring.Suppression], error) {
	if _, err := adminOnly(ctx, "The suppression list is for admins."); err != nil {
		return hiring.Page[hiring.Suppression]{}, err
	}
	limit := pr.Clamp()
	cur, err := decodeCursor(pr.Cursor, 2)
	if err != nil {
		return hiring.Page[hiring.Suppression]{}, err
	}
	p := &args{}
	var where []string
	if q = strings.ToLower(strings.TrimSpace(q)); q != "" {
		where = append(where, "s.email LIKE "+p.add("%"+escapeLike(q)+"%")+" ESCAPE '\\'")
	}
	if cur != nil {
		c := p.add(cur[0])
		where = append(where, "(s.created_at < "+c+" OR (s.created_at = "+c+" AND s.email < "+p.add(cur[1])+"))")
	}
	rows, err := db.rd.QueryContext(ctx, "SELECT "+supCols+" FROM mail_suppressions s"+whereSQL(where)+
		" ORDER BY s.created_at DESC, s.email DESC LIMIT "+strconv.Itoa(limit+1), p.list...)
	if err != nil {
		return hiring.Page[hiring.Suppression]{}, dbErr("suppressions", err)
	}
	defer rows.Close()
	var out []hiring.Suppression
	for rows.Next() {
		s, err := scanSuppression(rows)
		if err != nil {
			return hiring.Page[hiring.Suppression]{}, dbErr("suppressions", err)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return hiring.Page[hiring.Suppression]{}, dbErr("suppressions", err)
	}
	return pageOf(out, limit, func(s hiring.Suppression) []string {
		return []string{TimeArg(s.CreatedAt).(string), s.Email}
	}), nil
}

// AddSuppression puts an address on the list by hand (admins). An address
// already there keeps its entry (and is returned).
func (db *DB) AddSuppression(ctx context.Context, email, detail string) (hiring.Suppression, error) {
	a, err := adminOnly(ctx, "The suppression list is for admins.")
	if err != nil {
		return hiring.Suppression{}, err
	}
	norm, ok := hiring.NormalizeEmail(email)
	if !ok {
		return hiring.Suppression{}, invalid("email", "Enter one email address.")
	}
	detail = strings.TrimSpace(detail)
	if len(detail) > 500 || !hiring.IsText(detail) || strings.ContainsAny(detail, "\r\n") {
		return hiring.Suppression{}, invalid("detail", "Keep the note to one line under 500 characters.")
	}
	var s hiring.Suppression
	err = db.write(ctx, func(tx *sql.Tx) error {
		if err := db.suppressTx(ctx, tx, a, norm, hiring.SuppressManual, detail); err != nil {
			return err
		}
		s, err = scanSuppression(tx.QueryRowContext(ctx, "SELECT "+supCols+" FROM mail_suppressions s WHERE s.email = $1", norm))
		if err != nil {
			return dbErr("suppression", err)
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "suppression.added", SubjectType: "suppression", SubjectID: norm,
			Summary: "put " + norm + " on the suppression list"}, false)
	})
	return s, err
}

// RemoveSuppression takes an address off the list (admins): outreach may
// go to it again.
func (db *DB) RemoveSuppression(ctx context.Context, email string) error {
	a, err := adminOnly(ctx, "The suppression list is for admins.")
	if err != nil {
		return err
	}
	norm, _ := hiring.NormalizeEmail(email)
	return db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM mail_suppressions WHERE email = $1", norm)
		if err != nil {
			return dbErr("remove suppression", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return hiring.ErrNotFound("suppression")
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "suppression.removed", SubjectType: "suppression", SubjectID: norm,
			Summary: "took " + norm + " off the suppression list"}, false)
	})
}

// UnsubscribeAddress is the address an outgoing message went to (system
// only: the unsubscribe page, whose link token names the message).
func (db *DB) UnsubscribeAddress(ctx context.Context, messageID string) (string, error) {
	if _, err := systemOnly(ctx); err != nil {
		return "", err
	}
	var to string
	err := db.rd.QueryRowContext(ctx, "SELECT to_email FROM messages WHERE id = $1 AND direction = $2", messageID, hiring.MessageOut).Scan(&to)
	return to, notFound("message", err)
}

// Unsubscribe puts the address a message went to on the suppression list
// (system only; the one-click link). Doing it twice is harmless.
func (db *DB) Unsubscribe(ctx context.Context, messageID string) error {
	a, err := systemOnly(ctx)
	if err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		m, err := scanMessage(tx.QueryRowContext(ctx, "SELECT "+msgCols+" FROM messages m WHERE m.id = $1 AND m.direction = $2", messageID, hiring.MessageOut))
		if err != nil {
			return notFound("message", err)
		}
		already, err := suppressedQ(ctx, tx, m.ToEmail)
		if err != nil || already {
			return err
		}
		if err := db.suppressTx(ctx, tx, a, m.ToEmail, hiring.SuppressUnsubscribed, "unsubscribe link in "+strconv.Quote(m.Subject)); err != nil {
			return err
		}
		if m.CandidateID == "" {
			return nil
		}
		if err := db.record(ctx, tx, a, hiring.Activity{Action: "message.unsubscribed", SubjectType: "message", SubjectID: m.ID,
			CandidateID: m.CandidateID, JobID: m.JobID,
			Summary: strings.ToLower(m.ToEmail) + " unsubscribed (link in " + strconv.Quote(m.Subject) + "): no more outreach goes to it"}, false); err != nil {
			return err
		}
		for _, f := range unsubscribeHooks {
			if err := f(db, ctx, tx, m); err != nil {
				return err
			}
		}
		return nil
	})
}

// unsubscribeHooks run in the transaction of an unsubscribe.
var unsubscribeHooks []func(db *DB, ctx context.Context, tx *sql.Tx, m hiring.Message) error
