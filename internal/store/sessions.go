package store

import (
	"context"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// Session methods need no actor: they are how the auth package finds one.

// CreateSession stores a session by the hash of its cookie token.
func (db *DB) CreateSession(ctx context.Context, userID, tokenHash, csrfToken, ip, userAgent string, expires time.Time) (hiring.Session, error) {
	t := now()
	s := hiring.Session{ID: NewID(), UserID: userID, CSRFToken: csrfToken, CreatedAt: t, LastSeenAt: t,
		ExpiresAt: expires.UTC().Truncate(time.Microsecond), IP: ip, UserAgent: truncate(userAgent, 500)}
	_, err := db.writer.ExecContext(ctx, `INSERT INTO sessions (id, user_id, token_hash, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent)
		SELECT $1, id, $2, $3, $4, $5, $6, $7, $8 FROM users WHERE id = $9 AND disabled = FALSE`,
		s.ID, tokenHash, csrfToken, TimeArg(t), TimeArg(t), TimeArg(s.ExpiresAt), ip, s.UserAgent, userID)
	if err != nil {
		return hiring.Session{}, dbErr("create session", err)
	}
	// The INSERT … SELECT writes nothing for a missing or disabled user.
	if _, _, err := db.SessionByTokenHash(ctx, tokenHash); err != nil {
		return hiring.Session{}, err
	}
	return s, nil
}

// SessionByTokenHash returns the live session and its user.
func (db *DB) SessionByTokenHash(ctx context.Context, tokenHash string) (hiring.Session, hiring.User, error) {
	var s hiring.Session
	var u hiring.User
	err := db.rd.QueryRowContext(ctx, `SELECT s.id, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, s.ip, s.user_agent,
			u.id, u.email, u.name, u.role, u.time_zone, u.disabled, u.eeo_access, u.created_at, u.updated_at
		FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = FALSE`, tokenHash, TimeArg(now())).Scan(
		&s.ID, &s.UserID, &s.CSRFToken, timeCol{&s.CreatedAt}, timeCol{&s.LastSeenAt}, timeCol{&s.ExpiresAt}, &s.IP, &s.UserAgent,
		&u.ID, &u.Email, &u.Name, &u.Role, &u.TimeZone, &u.Disabled, &u.EEOAccess, timeCol{&u.CreatedAt}, timeCol{&u.UpdatedAt})
	if err != nil {
		return hiring.Session{}, hiring.User{}, notFound("session", err)
	}
	return s, u, nil
}

// TouchSession slides a session's expiry.
func (db *DB) TouchSession(ctx context.Context, id string, seen, expires time.Time) error {
	_, err := db.writer.ExecContext(ctx, "UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE id = $3",
		TimeArg(seen), TimeArg(expires), id)
	return dbErr("touch session", err)
}

// DeleteSession ends a session (logout).
func (db *DB) DeleteSession(ctx context.Context, id string) error {
	_, err := db.writer.ExecContext(ctx, "DELETE FROM sessions WHERE id = $1", id)
	return dbErr("delete session", err)
}

// RecordLoginFailure keeps one throttling record and returns its id; old
// ones are pruned here so the table stays small without a separate job. Each
// statement commits on its own: a concurrent attempt counting after this
// insert sees it, on any replica (see auth's throttle).
func (db *DB) RecordLoginFailure(ctx context.Context, key string, at time.Time) (string, error) {
	id := NewID()
	_, err := db.writer.ExecContext(ctx, "INSERT INTO login_failures (id, key, at) VALUES ($1, $2, $3)", id, key, TimeArg(at))
	if err != nil {
		return "", dbErr("record login failure", err)
	}
	_, err = db.writer.ExecContext(ctx, "DELETE FROM login_failures WHERE key = $1 AND at < $2", key, TimeArg(at.Add(-loginFailureRetention)))
	return id, dbErr("prune login failures", err)
}

// CountLoginFailures counts the failures for key since the time, leaving out
// the row except (the caller's own attempt; "" leaves out nothing), and
// returns the latest one's time (zero when there is none).
func (db *DB) CountLoginFailures(ctx context.Context, key string, since time.Time, except string) (int, time.Time, error) {
	var n int
	var latest time.Time
	err := db.rd.QueryRowContext(ctx, "SELECT COUNT(*), MAX(at) FROM login_failures WHERE key = $1 AND at >= $2 AND id <> $3",
		key, TimeArg(since), except).Scan(&n, timeCol{&latest})
	return n, latest, dbErr("count login failures", err)
}

// ForgetLoginFailures removes the rows of attempts that turned out not to
// be failures (throttled before the password was checked, or successful).
func (db *DB) ForgetLoginFailures(ctx context.Context, ids []string) error {
	for _, id := range ids {
		if _, err := db.writer.ExecContext(ctx, "DELETE FROM login_failures WHERE id = $1", id); err != nil {
			return dbErr("forget login failure", err)
		}
	}
	return nil
}

// ClearLoginFailures forgets the failures of key (after a good login).
func (db *DB) ClearLoginFailures(ctx context.Context, key string) error {
	_, err := db.writer.ExecContext(ctx, "DELETE FROM login_failures WHERE key = $1", key)
	return dbErr("clear login failures", err)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
