package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/candor-ats/candor/internal/hiring"
)

// DefaultKeyWait bounds how long a request waits on PostgreSQL for another
// request (on any replica) holding the same idempotency key before it is told
// the key is in progress.
const DefaultKeyWait = 5 * time.Second

// Idempotent runs a keyed create once per (user, key). The key's row is
// claimed inside the transaction that writes the record, and the answer is
// stored in it before commit, so a crash leaves both or neither and a claim
// never outlives its process: an uncommitted row is no row. A racing request
// with the same key meets the claim at its own first write: on SQLite it
// queues behind the single writer, on PostgreSQL its insert waits on the
// uncommitted unique row (at most the key wait, then ErrKeyInProgress); when
// the first commits it gets the stored answer, when it rolls back it goes on.
func (db *DB) Idempotent(ctx context.Context, k hiring.IdempotencyKey, fn func(ctx context.Context) hiring.IdempotentResponse) (hiring.IdempotentResponse, bool, error) {
	if _, err := selfOrAdmin(ctx, k.UserID); err != nil {
		return hiring.IdempotentResponse{}, false, err
	}
	if k.Key == "" || len(k.Key) > 255 {
		return hiring.IdempotentResponse{}, false, invalid("Idempotency-Key", "must be 1 to 255 characters")
	}
	// Replays are answered from a reader without touching the writer.
	stored, err := db.storedAnswer(ctx, db.rd, k)
	switch {
	case err == nil:
		return replay(stored, k)
	case hiring.ErrorCode(err) != hiring.ENotFound:
		return hiring.IdempotentResponse{}, false, err
	}

	enqueued := db.enqueued.Load()
	c := &keyClaim{db: db, k: k}
	defer c.end()
	resp := fn(context.WithValue(ctx, keyClaimCtx{}, c))
	switch {
	case c.taken != nil:
		return replay(*c.taken, k)
	case c.busy:
		return hiring.IdempotentResponse{}, false, hiring.ErrKeyInProgress
	case resp.Status < 200 || resp.Status > 299:
		return resp, false, nil
	case c.failed != nil:
		// A write failed yet the handler answered 2xx: the transaction may
		// hold half a change, so nothing is committed.
		return hiring.IdempotentResponse{}, false, fmt.Errorf("store: keyed request answered %d after a failed write: %w", resp.Status, c.failed)
	}
	if c.tx == nil { // an answer without a write still claims its key
		if err := c.begin(ctx); err != nil {
			if c.taken != nil {
				return replay(*c.taken, k)
			}
			if c.busy {
				return hiring.IdempotentResponse{}, false, hiring.ErrKeyInProgress
			}
			return hiring.IdempotentResponse{}, false, err
		}
	}
	if resp.Body == nil {
		resp.Body = []byte{}
	}
	if _, err := c.tx.ExecContext(ctx, `UPDATE idempotency_keys SET status = $1, body = $2, content_type = $3, location = $4, etag = $5
		WHERE user_id = $6 AND key = $7`, resp.Status, resp.Body, resp.ContentType, resp.Location, resp.ETag, k.UserID, k.Key); err != nil {
		return hiring.IdempotentResponse{}, false, dbErr("store idempotent answer", err)
	}
	tx := c.tx
	c.tx = nil
	if err := tx.Commit(); err != nil {
		return hiring.IdempotentResponse{}, false, fmt.Errorf("store: commit: %w", err)
	}
	db.jobsCommitted(enqueued)
	resp.RequestHash = k.RequestHash
	return resp, false, nil
}

// SetKeyWait sets how long a keyed request waits on PostgreSQL for another
// holding its key (DefaultKeyWait when unset). Call it before serving.
func (db *DB) SetKeyWait(d time.Duration) { db.keyWait = d }

func replay(r hiring.IdempotentResponse, k hiring.IdempotencyKey) (hiring.IdempotentResponse, bool, error) {
	if r.RequestHash != k.RequestHash {
		return hiring.IdempotentResponse{}, false, hiring.ErrKeyReused
	}
	return r, true, nil
}

func (db *DB) storedAnswer(ctx context.Context, q querier, k hiring.IdempotencyKey) (hiring.IdempotentResponse, error) {
	var r hiring.IdempotentResponse
	err := q.QueryRowContext(ctx, `SELECT status, body, content_type, location, etag, request_hash, created_at
		FROM idempotency_keys WHERE user_id = $1 AND key = $2`, k.UserID, k.Key).
		Scan(&r.Status, &r.Body, &r.ContentType, &r.Location, &r.ETag, &r.RequestHash, timeCol{&r.CreatedAt})
	return r, notFound("idempotency key", err)
}

// keyClaim is a keyed request in flight. Its first store write opens tx and
// claims the key; every later write of the request joins tx. A request runs
// its writes one after another, so the claim needs no lock.
type keyClaim struct {
	db     *DB
	k      hiring.IdempotencyKey
	tx     *sql.Tx
	taken  *hiring.IdempotentResponse // the key was answered by another request meanwhile
	busy   bool                       // another request held the key past the wait
	failed error                      // a write of this request failed
	// ended is set once Idempotent returned: work that outlives the request
	// with its context writes on its own, instead of opening a claim that
	// nobody would commit (on SQLite holding the writer for ever).
	ended atomic.Bool
}

type keyClaimCtx struct{}

// claimOf returns the keyed request ctx belongs to, if it is one of db's.
func (db *DB) claimOf(ctx context.Context) *keyClaim {
	c, _ := ctx.Value(keyClaimCtx{}).(*keyClaim)
	if c == nil || c.db != db || c.ended.Load() {
		return nil
	}
	return c
}

// errKeyClaimed ends a keyed request's writes once its key turned out to be
// answered or busy; Idempotent replaces whatever the handler answered.
var errKeyClaimed = hiring.Errorf(hiring.EConflict, "This Idempotency-Key is used by another request.")

// write is DB.write for a keyed request: fn runs in the claim's transaction.
func (c *keyClaim) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if c.taken != nil || c.busy {
		return errKeyClaimed
	}
	if c.tx == nil {
		if err := c.begin(ctx); err != nil {
			return err
		}
	}
	if err := fn(c.tx); err != nil {
		c.failed = err
		return err
	}
	return nil
}

// begin opens the transaction and inserts the key's row, which stays
// uncommitted ("in progress") until the answer is stored in it.
func (c *keyClaim) begin(ctx context.Context) error {
	db := c.db
	tx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	pg := db.dialect == DialectPostgres
	if pg {
		wait := db.keyWait
		if wait <= 0 {
			wait = DefaultKeyWait
		}
		if _, err := tx.ExecContext(ctx, "SELECT set_config('lock_timeout', $1, true)", strconv.FormatInt(wait.Milliseconds(), 10)+"ms"); err != nil {
			_ = tx.Rollback()
			return dbErr("set key wait", err)
		}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO idempotency_keys (user_id, key, status, body, request_hash, created_at)
		VALUES ($1, $2, 0, $3, $4, $5) ON CONFLICT (user_id, key) DO NOTHING`,
		c.k.UserID, c.k.Key, []byte{}, c.k.RequestHash, TimeArg(now()))
	if err != nil {
		_ = tx.Rollback()
		if isLockTimeout(err) {
			c.busy = true
			return errKeyClaimed
		}
		return dbErr("claim idempotency key", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		// Another request answered the key since the replay check.
		r, err := db.storedAnswer(ctx, tx, c.k)
		_ = tx.Rollback()
		if err != nil {
			return err
		}
		c.taken = &r
		return errKeyClaimed
	}
	if pg {
		if _, err := tx.ExecContext(ctx, "SET LOCAL lock_timeout TO DEFAULT"); err != nil {
			_ = tx.Rollback()
			return dbErr("reset key wait", err)
		}
	}
	c.tx = tx
	return nil
}

// end rolls back whatever was not committed and retires the claim.
func (c *keyClaim) end() {
	c.ended.Store(true)
	if c.tx != nil {
		_ = c.tx.Rollback()
		c.tx = nil
	}
}

// isLockTimeout reports PostgreSQL's lock_not_available (lock_timeout hit).
func isLockTimeout(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "55P03"
}
