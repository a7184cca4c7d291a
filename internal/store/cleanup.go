package store

import (
	"context"
	"time"
)

// Cleanup is what one housekeeping run removed.
type Cleanup struct {
	Sessions        int64
	LoginFailures   int64
	IdempotencyKeys int64
}

// Retention of housekeeping rows. Login failures matter only inside the
// throttling windows, the longest a day (auth's per-account budget). Idempotency keys protect
// client retries, which happen within minutes to hours.
const (
	loginFailureRetention   = 24 * time.Hour
	idempotencyKeyRetention = 48 * time.Hour
)

// DeleteExpired removes expired sessions, old login-failure records and old
// idempotency keys. The work package runs it periodically, once per cluster.
func (db *DB) DeleteExpired(ctx context.Context, now time.Time) (Cleanup, error) {
	var c Cleanup
	res, err := db.writer.ExecContext(ctx, "DELETE FROM sessions WHERE expires_at < $1", TimeArg(now))
	if err != nil {
		return c, dbErr("delete expired sessions", err)
	}
	c.Sessions, _ = res.RowsAffected()
	res, err = db.writer.ExecContext(ctx, "DELETE FROM login_failures WHERE at < $1", TimeArg(now.Add(-loginFailureRetention)))
	if err != nil {
		return c, dbErr("delete old login failures", err)
	}
	c.LoginFailures, _ = res.RowsAffected()
	res, err = db.writer.ExecContext(ctx, "DELETE FROM idempotency_keys WHERE created_at < $1", TimeArg(now.Add(-idempotencyKeyRetention)))
	if err != nil {
		return c, dbErr("delete old idempotency keys", err)
	}
	c.IdempotencyKeys, _ = res.RowsAffected()
	return c, nil
}
