package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

const userCols = "id, email, name, role, time_zone, disabled, eeo_access, created_at, updated_at"

func scanUser(row interface{ Scan(...any) error }) (hiring.User, error) {
	var u hiring.User
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.TimeZone, &u.Disabled, &u.EEOAccess, timeCol{&u.CreatedAt}, timeCol{&u.UpdatedAt})
	return u, err
}

// CountUsers needs no actor: first-run setup asks it before anyone exists.
func (db *DB) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := db.rd.QueryRowContext(ctx, "SELECT COUNT(*) FROM users").Scan(&n)
	return n, dbErr("count users", err)
}

// usersLockKey serializes user creation on PostgreSQL (a transaction
// advisory lock), so that "is this the first user?" and the insert are one
// step for every replica. SQLite's single writer serializes it already.
const usersLockKey int64 = 0x63616e646f7255 // "candorU"

// CreateUser creates a user. The first user may be created by anyone (setup);
// after that only admins.
func (db *DB) CreateUser(ctx context.Context, in hiring.NewUser) (hiring.User, error) {
	return db.createUser(ctx, in, false)
}

// CreateFirstUser creates the first user, an admin; once any user exists it
// answers a conflict, even to setups racing on several replicas.
func (db *DB) CreateFirstUser(ctx context.Context, in hiring.NewUser) (hiring.User, error) {
	in.Role = hiring.RoleAdmin
	return db.createUser(ctx, in, true)
}

func (db *DB) createUser(ctx context.Context, in hiring.NewUser, firstOnly bool) (hiring.User, error) {
	in.Email, _ = hiring.NormalizeEmail(in.Email)
	in.Name = strings.TrimSpace(in.Name)
	if err := in.Validate(); err != nil { // the time zone included
		return hiring.User{}, err
	}
	a, hasActor := hiring.ActorFrom(ctx)
	t := now()
	u := hiring.User{ID: NewID(), Email: in.Email, Name: in.Name, Role: in.Role, TimeZone: in.TimeZone, CreatedAt: t, UpdatedAt: t}
	err := db.write(ctx, func(tx *sql.Tx) error {
		if db.dialect == DialectPostgres {
			if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", usersLockKey); err != nil {
				return dbErr("lock users", err)
			}
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM users").Scan(&n); err != nil {
			return dbErr("count users", err)
		}
		if firstOnly && n > 0 {
			return hiring.Errorf(hiring.EConflict, "Candor is already set up. Sign in instead.")
		}
		if n > 0 && (!hasActor || !a.IsAdmin()) {
			if !hasActor {
				return hiring.Errorf(hiring.EUnauthorized, "Please sign in.")
			}
			return forbidden("Only admins manage users.")
		}
		if n == 0 && u.Role != hiring.RoleAdmin {
			return invalid("role", "the first user must be an admin")
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO users (id, email, name, role, time_zone, disabled, password_hash, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, FALSE, $6, $7, $8)`,
			u.ID, u.Email, u.Name, string(u.Role), u.TimeZone, in.PasswordHash, TimeArg(t), TimeArg(t))
		if isUniqueViolation(err) {
			return conflict("email", "a user with this email already exists")
		}
		if err != nil {
			return dbErr("create user", err)
		}
		if !hasActor {
			a = hiring.Actor{UserID: u.ID, Name: u.Name, Role: u.Role}
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "user.created", SubjectType: "user", SubjectID: u.ID,
			Summary: "created user " + u.Name + " (" + u.Role.Label() + ")",
			After:   map[string]any{"email": u.Email, "name": u.Name, "role": string(u.Role)}}, false)
	})
	if err != nil {
		return hiring.User{}, err
	}
	return u, nil
}

// User returns a user as the actor may see them (hiring.User.AsSeenBy):
// admins, recruiters and the user themself read the whole account; other
// members a colleague's ID and name, and a disabled account not at all.
func (db *DB) User(ctx context.Context, id string) (hiring.User, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.User{}, err
	}
	u, err := db.userByID(ctx, db.rd, id)
	if err != nil {
		return hiring.User{}, err
	}
	if u.Disabled && !a.SeesAccount(u.ID) {
		return hiring.User{}, hiring.ErrNotFound("user")
	}
	return u.AsSeenBy(a), nil
}

func (db *DB) userByID(ctx context.Context, q querier, id string) (hiring.User, error) {
	u, err := scanUser(q.QueryRowContext(ctx, "SELECT "+userCols+" FROM users WHERE id = $1", id))
	return u, notFound("user", err)
}

// UserByEmail needs no actor: the login form looks the user up before anyone
// is signed in. A signed-in actor outside the directory finds only
// themself: an email is the directory's to give.
func (db *DB) UserByEmail(ctx context.Context, email string) (hiring.User, error) {
	email, _ = hiring.NormalizeEmail(email)
	u, err := scanUser(db.rd.QueryRowContext(ctx, "SELECT "+userCols+" FROM users WHERE email = $1", email))
	if err != nil {
		return hiring.User{}, notFound("user", err)
	}
	if a, ok := hiring.ActorFrom(ctx); ok && !a.SeesAccount(u.ID) {
		return hiring.User{}, hiring.ErrNotFound("user")
	}
	return u, nil
}

// ListUsers lists users by name, each as the actor may see them
// (hiring.User.AsSeenBy). Disabled accounts are part of the directory:
// includeDisabled is for admins and recruiters only.
func (db *DB) ListUsers(ctx context.Context, includeDisabled bool) ([]hiring.User, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if includeDisabled && !a.SeesDirectory() {
		return nil, forbidden("Only admins and recruiters see disabled accounts.")
	}
	query := "SELECT " + userCols + " FROM users"
	if !includeDisabled {
		query += " WHERE disabled = FALSE"
	}
	rows, err := db.rd.QueryContext(ctx, query+" ORDER BY name, id")
	if err != nil {
		return nil, dbErr("list users", err)
	}
	defer rows.Close()
	out := []hiring.User{}
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, dbErr("list users", err)
		}
		out = append(out, u.AsSeenBy(a))
	}
	return out, dbErr("list users", rows.Err())
}

// UpdateUser changes a profile. Users may change their own name and time
// zone; role and disabled need an admin. Disabling ends the user's sessions
// and revokes their API tokens unless in.KeepAPITokens.
func (db *DB) UpdateUser(ctx context.Context, id string, in hiring.UserUpdate) (hiring.User, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.User{}, err
	}
	self := !a.System && a.UserID == id
	if !a.IsAdmin() && (!self || in.Role != nil || in.Disabled != nil || in.EEOAccess != nil) {
		if !self {
			return hiring.User{}, forbidden("Only admins manage users.")
		}
		return hiring.User{}, forbidden("Only admins change roles, the EEO permission or disable accounts.")
	}
	var v hiring.Validation
	if in.Name != nil {
		n := hiring.CheckName(&v, "name", *in.Name)
		in.Name = &n
	}
	if in.Role != nil && !in.Role.Valid() {
		v.Add("role", "must be one of admin, recruiter, hiring_manager, interviewer")
	}
	if in.TimeZone != nil && *in.TimeZone != "" {
		if _, err := time.LoadLocation(*in.TimeZone); err != nil {
			v.Add("time_zone", "is not a known time zone")
		}
	}
	if err := v.Err(); err != nil {
		return hiring.User{}, err
	}
	var u hiring.User
	err = db.write(ctx, func(tx *sql.Tx) error {
		old, err := db.userByID(ctx, tx, id)
		if err != nil {
			return err
		}
		u = old
		if in.Name != nil {
			u.Name = *in.Name
		}
		if in.Role != nil {
			u.Role = *in.Role
		}
		if in.TimeZone != nil {
			u.TimeZone = *in.TimeZone
		}
		if in.Disabled != nil {
			u.Disabled = *in.Disabled
		}
		if in.EEOAccess != nil {
			u.EEOAccess = *in.EEOAccess
		}
		if old.Role == hiring.RoleAdmin && (u.Role != hiring.RoleAdmin || u.Disabled) {
			var admins int
			if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled = FALSE AND id <> $1", id).Scan(&admins); err != nil {
				return dbErr("count admins", err)
			}
			if admins == 0 {
				return conflict("role", "the last active admin cannot be demoted or disabled")
			}
		}
		u.UpdatedAt = now()
		if _, err := tx.ExecContext(ctx, "UPDATE users SET name = $1, role = $2, time_zone = $3, disabled = $4, eeo_access = $5, updated_at = $6 WHERE id = $7",
			u.Name, string(u.Role), u.TimeZone, u.Disabled, u.EEOAccess, TimeArg(u.UpdatedAt), id); err != nil {
			return dbErr("update user", err)
		}
		var revoked int64
		if u.Disabled {
			if _, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE user_id = $1", id); err != nil {
				return dbErr("end sessions", err)
			}
			if !old.Disabled && !in.KeepAPITokens {
				res, err := tx.ExecContext(ctx, "UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL",
					TimeArg(u.UpdatedAt), id)
				if err != nil {
					return dbErr("revoke tokens", err)
				}
				revoked, _ = res.RowsAffected()
			}
		}
		b, af := diff(userMap(old), userMap(u))
		if revoked > 0 {
			af["api_tokens_revoked"] = revoked
		}
		if len(af) == 0 {
			return nil
		}
		action := "user.updated"
		if in.Disabled != nil && old.Disabled != u.Disabled {
			action = map[bool]string{true: "user.disabled", false: "user.enabled"}[u.Disabled]
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: action, SubjectType: "user", SubjectID: id,
			Summary: "updated user " + u.Name, Before: b, After: af}, false)
	})
	return u, err
}

func userMap(u hiring.User) map[string]any {
	return map[string]any{"name": u.Name, "role": string(u.Role), "time_zone": u.TimeZone, "disabled": u.Disabled, "eeo_access": u.EEOAccess}
}

// SetPasswordHash replaces the hash and ends every session of the user.
func (db *DB) SetPasswordHash(ctx context.Context, id, hash string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	if !a.IsAdmin() && a.UserID != id {
		return forbidden("You may only change your own password.")
	}
	if hash == "" {
		return invalid("password", "is required")
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3", hash, TimeArg(now()), id)
		if err != nil {
			return dbErr("set password", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return hiring.ErrNotFound("user")
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE user_id = $1", id); err != nil {
			return dbErr("end sessions", err)
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "user.password_changed", SubjectType: "user", SubjectID: id,
			Summary: "changed the password"}, false)
	})
}

// PasswordHash returns the stored hash. It needs no actor (the login path
// asks before anyone is signed in); a signed-in actor gets only their own
// unless system.
func (db *DB) PasswordHash(ctx context.Context, userID string) (string, error) {
	if a, ok := hiring.ActorFrom(ctx); ok && !a.System && a.UserID != userID {
		return "", hiring.ErrNotFound("user")
	}
	var h string
	err := db.rd.QueryRowContext(ctx, "SELECT password_hash FROM users WHERE id = $1", userID).Scan(&h)
	return h, notFound("user", err)
}
