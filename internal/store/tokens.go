package store

import (
	"context"
	"database/sql"

	"github.com/candor-ats/candor/internal/hiring"
)

func selfOrAdmin(ctx context.Context, userID string) (hiring.Actor, error) {
	a, err := actor(ctx)
	if err != nil {
		return a, err
	}
	if !a.IsAdmin() && a.UserID != userID {
		return a, hiring.ErrNotFound("user")
	}
	return a, nil
}

// CreateAPIToken stores a token's metadata and secret hash.
func (db *DB) CreateAPIToken(ctx context.Context, userID, name, prefix, secretHash string) (hiring.APIToken, error) {
	a, err := selfOrAdmin(ctx, userID)
	if err != nil {
		return hiring.APIToken{}, err
	}
	if name, err = checkName("name", name); err != nil {
		return hiring.APIToken{}, err
	}
	t := hiring.APIToken{ID: NewID(), UserID: userID, Name: name, Prefix: prefix, CreatedAt: now()}
	err = db.write(ctx, func(tx *sql.Tx) error {
		u, err := db.userByID(ctx, tx, userID)
		if err != nil {
			return err
		}
		if u.Disabled {
			return conflict("user_id", "the user is disabled")
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO api_tokens (id, user_id, name, prefix, secret_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			t.ID, userID, name, prefix, secretHash, TimeArg(t.CreatedAt)); err != nil {
			return dbErr("create token", err)
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "token.created", SubjectType: "user", SubjectID: userID,
			Summary: "created API token " + name + " for " + u.Name}, false)
	})
	return t, err
}

// ListAPITokens lists a user's tokens, newest first.
func (db *DB) ListAPITokens(ctx context.Context, userID string) ([]hiring.APIToken, error) {
	if _, err := selfOrAdmin(ctx, userID); err != nil {
		return nil, err
	}
	rows, err := db.rd.QueryContext(ctx, `SELECT id, user_id, name, prefix, created_at, last_used_at, revoked_at
		FROM api_tokens WHERE user_id = $1 ORDER BY id DESC`, userID)
	if err != nil {
		return nil, dbErr("list tokens", err)
	}
	defer rows.Close()
	out := []hiring.APIToken{}
	for rows.Next() {
		var t hiring.APIToken
		if err := rows.Scan(&t.ID, &t.UserID, &t.Name, &t.Prefix, timeCol{&t.CreatedAt}, nullTimeCol{&t.LastUsedAt}, nullTimeCol{&t.RevokedAt}); err != nil {
			return nil, dbErr("list tokens", err)
		}
		out = append(out, t)
	}
	return out, dbErr("list tokens", rows.Err())
}

// RevokeAPIToken revokes one of the user's tokens.
func (db *DB) RevokeAPIToken(ctx context.Context, userID, tokenID string) error {
	a, err := selfOrAdmin(ctx, userID)
	if err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL",
			TimeArg(now()), tokenID, userID)
		if err != nil {
			return dbErr("revoke token", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return hiring.ErrNotFound("token")
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "token.revoked", SubjectType: "user", SubjectID: userID,
			Summary: "revoked an API token"}, false)
	})
}

// UserByAPITokenHash resolves a bearer token. It needs no actor.
func (db *DB) UserByAPITokenHash(ctx context.Context, secretHash string) (hiring.User, error) {
	var tokenID string
	var u hiring.User
	err := db.rd.QueryRowContext(ctx, `SELECT t.id, u.id, u.email, u.name, u.role, u.time_zone, u.disabled, u.eeo_access, u.created_at, u.updated_at
		FROM api_tokens t JOIN users u ON u.id = t.user_id
		WHERE t.secret_hash = $1 AND t.revoked_at IS NULL AND u.disabled = FALSE`, secretHash).Scan(
		&tokenID, &u.ID, &u.Email, &u.Name, &u.Role, &u.TimeZone, &u.Disabled, &u.EEOAccess, timeCol{&u.CreatedAt}, timeCol{&u.UpdatedAt})
	if err != nil {
		return hiring.User{}, notFound("token", err)
	}
	// last_used_at is advisory: update it at most once a minute per token so a
	// busy API client doesn't turn every read into a write.
	t := now()
	_, err = db.writer.ExecContext(ctx, "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $3)",
		TimeArg(t), tokenID, TimeArg(t.Add(-60e9)))
	if err != nil {
		db.logger.Warn("token last-used update failed", "err", err)
	}
	return u, nil
}
