package store

import (
	"context"

	"github.com/candor-ats/candor/internal/hiring"
)

// IdempotentResponse returns the stored answer for (user, key) or ENotFound.
func (db *DB) IdempotentResponse(ctx context.Context, userID, key string) (hiring.IdempotentResponse, error) {
	if _, err := selfOrAdmin(ctx, userID); err != nil {
		return hiring.IdempotentResponse{}, err
	}
	var r hiring.IdempotentResponse
	err := db.rd.QueryRowContext(ctx, "SELECT status, body, request_hash, created_at FROM idempotency_keys WHERE user_id = $1 AND key = $2",
		userID, key).Scan(&r.Status, &r.Body, &r.RequestHash, timeCol{&r.CreatedAt})
	return r, notFound("idempotency key", err)
}

// SaveIdempotentResponse stores an answer; a key saved twice keeps the first
// answer (EConflict), as the replay must be stable.
func (db *DB) SaveIdempotentResponse(ctx context.Context, userID, key string, r hiring.IdempotentResponse) error {
	if _, err := selfOrAdmin(ctx, userID); err != nil {
		return err
	}
	if key == "" || len(key) > 255 {
		return invalid("idempotency_key", "must be 1 to 255 characters")
	}
	if r.CreatedAt.IsZero() {
		r.CreatedAt = now()
	}
	if r.Body == nil {
		r.Body = []byte{}
	}
	_, err := db.writer.ExecContext(ctx, "INSERT INTO idempotency_keys (user_id, key, status, body, request_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
		userID, key, r.Status, r.Body, r.RequestHash, TimeArg(r.CreatedAt))
	if isUniqueViolation(err) {
		return conflict("idempotency_key", "this idempotency key was used already")
	}
	return dbErr("save idempotent response", err)
}
