package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
)

// notifyMentions tells each mentioned user, in the note's transaction, that
// the author mentioned them; a user who could not read the note (the
// candidate or the note is hidden from them) is not told, so nothing of it
// reaches them. The author is not told of their own mention.
//
// The notification row is also the hook for mail: a mailer (the
// communication issue) will send rows whose emailed_at is NULL.
func (db *DB) notifyMentions(ctx context.Context, tx *sql.Tx, a hiring.Actor, n hiring.Note) error {
	for _, uid := range n.Mentions {
		if uid == a.UserID && !a.System {
			continue
		}
		var role string
		if err := tx.QueryRowContext(ctx, "SELECT role FROM users WHERE id = $1", uid).Scan(&role); err != nil {
			return dbErr("mentioned user", err)
		}
		reader := hiring.Actor{UserID: uid, Role: hiring.Role(role)}
		ok, err := noteReadable(ctx, tx, reader, n.ID)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		actorID := a.UserID
		if a.System {
			actorID = ""
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO notifications (id, user_id, kind, actor_id, actor_name, note_id, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, NewID(), uid, hiring.NotificationMention, nullString(actorID), a.Name, n.ID,
			TimeArg(n.CreatedAt)); err != nil {
			return dbErr("add notification", err)
		}
	}
	return nil
}

// noteReadable reports whether reader may read the note: see its candidate
// and the note itself (private notes, confidential jobs).
func noteReadable(ctx context.Context, q querier, reader hiring.Actor, noteID string) (bool, error) {
	p := &args{}
	var one int
	err := q.QueryRowContext(ctx, "SELECT 1 FROM notes n WHERE n.id = "+p.add(noteID)+" AND "+noteVisible(reader, p)+
		" AND "+candidateVisible(reader, "n.candidate_id", p), p.list...).Scan(&one)
	switch err {
	case nil:
		return true, nil
	case sql.ErrNoRows:
		return false, nil
	}
	return false, dbErr("note access", err)
}

// notificationsFrom joins a notification x to its note and candidate and keeps
// only those the actor may read now (access is checked when shown, not only
// when the notification was written).
func notificationsFrom(a hiring.Actor, p *args) string {
	return " FROM notifications x JOIN notes n ON n.id = x.note_id JOIN candidates c ON c.id = n.candidate_id WHERE x.user_id = " +
		p.add(a.UserID) + " AND " + noteVisible(a, p) + " AND " + candidateVisible(a, "n.candidate_id", p)
}

// Notifications lists the actor's notifications, newest first.
func (db *DB) Notifications(ctx context.Context, limit int) ([]hiring.Notification, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	out := []hiring.Notification{}
	if a.System {
		return out, nil
	}
	if limit <= 0 || limit > hiring.MaxNotifications {
		limit = hiring.MaxNotifications
	}
	p := &args{}
	rows, err := db.rd.QueryContext(ctx, `SELECT x.id, x.kind, x.actor_name, x.note_id, n.candidate_id, c.first_name, c.last_name, n.body,
		x.created_at, x.read_at`+notificationsFrom(a, p)+" ORDER BY x.id DESC LIMIT "+p.add(limit), p.list...)
	if err != nil {
		return nil, dbErr("notifications", err)
	}
	defer rows.Close()
	for rows.Next() {
		var x hiring.Notification
		var first, last, body string
		if err := rows.Scan(&x.ID, &x.Kind, &x.ActorName, &x.NoteID, &x.CandidateID, &first, &last, &body,
			timeCol{&x.CreatedAt}, nullTimeCol{&x.ReadAt}); err != nil {
			return nil, dbErr("notifications", err)
		}
		x.CandidateName = hiring.Candidate{FirstName: first, LastName: last}.Name()
		x.Excerpt = excerpt(body)
		out = append(out, x)
	}
	return out, dbErr("notifications", rows.Err())
}

// UnreadNotifications counts the actor's unread notifications they may still read.
func (db *DB) UnreadNotifications(ctx context.Context) (int, error) {
	a, err := actor(ctx)
	if err != nil || a.System {
		return 0, err
	}
	// Every page asks, and most users have nothing unread: the partial
	// index answers that alone; only then are the notes' access rules joined.
	var n int
	if err := db.rd.QueryRowContext(ctx, "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL",
		a.UserID).Scan(&n); err != nil || n == 0 {
		return 0, dbErr("unread notifications", err)
	}
	p := &args{}
	err = db.rd.QueryRowContext(ctx, "SELECT COUNT(*)"+notificationsFrom(a, p)+" AND x.read_at IS NULL", p.list...).Scan(&n)
	return n, dbErr("unread notifications", err)
}

// ReadNotifications marks the actor's notifications read (all when ids is empty).
func (db *DB) ReadNotifications(ctx context.Context, ids ...string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	if a.System {
		return nil
	}
	if len(ids) > hiring.MaxNotifications {
		return invalid("ids", "at most 100 at once")
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		p := &args{}
		cond := "user_id = " + p.add(a.UserID)
		if len(ids) > 0 {
			uniq := dedupe(ids)
			in := p.in(uniq)
			var n int
			if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM notifications WHERE "+cond+" AND id IN ("+in+")",
				p.list...).Scan(&n); err != nil {
				return dbErr("read notifications", err)
			}
			if n != len(uniq) {
				return hiring.ErrNotFound("notification")
			}
			cond += " AND id IN (" + in + ")"
		}
		if _, err := tx.ExecContext(ctx, "UPDATE notifications SET read_at = "+p.add(TimeArg(now()))+" WHERE "+cond+" AND read_at IS NULL",
			p.list...); err != nil {
			return dbErr("read notifications", err)
		}
		return nil
	})
}

func dedupe(ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// Colleagues lists active users for @mention autocompletion. Everyone signed
// in may know their colleagues' names and handles; emails, roles and disabled
// accounts stay with the user directory (admins, recruiters). A handle is the
// email's local part; when two active users share it, the directory's roles
// get the whole email (which mentions that user) and the others do not get
// the user at all (they could not mention them unambiguously anyway).
func (db *DB) Colleagues(ctx context.Context, prefix string, limit int) ([]hiring.Colleague, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if limit <= 0 || limit > 20 {
		limit = 20
	}
	rows, err := db.rd.QueryContext(ctx, "SELECT name, email FROM users WHERE disabled = FALSE ORDER BY name, id")
	if err != nil {
		return nil, dbErr("colleagues", err)
	}
	type u struct{ name, email, local string }
	var all []u
	locals := map[string]int{}
	for rows.Next() {
		var x u
		if err := rows.Scan(&x.name, &x.email); err != nil {
			rows.Close()
			return nil, dbErr("colleagues", err)
		}
		x.email = strings.ToLower(x.email)
		x.local, _, _ = strings.Cut(x.email, "@")
		locals[x.local]++
		all = append(all, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, dbErr("colleagues", err)
	}
	prefix = strings.ToLower(strings.TrimSpace(prefix))
	out := []hiring.Colleague{}
	for _, x := range all {
		handle := x.local
		if locals[x.local] > 1 {
			if !a.CanSeeAll() {
				continue
			}
			handle = x.email
		}
		if prefix != "" && !strings.HasPrefix(handle, prefix) && !namePrefix(x.name, prefix) {
			continue
		}
		out = append(out, hiring.Colleague{Name: x.name, Handle: handle})
		if len(out) == limit {
			break
		}
	}
	return out, nil
}

// namePrefix reports whether any word of name starts with prefix (lower case).
func namePrefix(name, prefix string) bool {
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if strings.HasPrefix(w, prefix) {
			return true
		}
	}
	return strings.HasPrefix(strings.ToLower(name), prefix)
}
