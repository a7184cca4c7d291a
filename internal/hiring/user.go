package hiring

import (
	"context"
	"time"
)

// User is a member of the hiring team with an account.
type User struct {
	ID       string
	Email    string
	Name     string
	Role     Role
	TimeZone string // IANA name; "" means UTC
	Disabled bool
	// EEOAccess is the dedicated permission to read voluntary EEO
	// self-identification in aggregate (adverse-impact reports). An admin
	// grants it per user; being an admin does not imply it.
	EEOAccess bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// AsSeenBy is u as the actor may read it: whole when a.SeesAccount(u.ID),
// otherwise a colleague's view, the ID and name only.
func (u User) AsSeenBy(a Actor) User {
	if a.SeesAccount(u.ID) {
		return u
	}
	return User{ID: u.ID, Name: u.Name}
}

// Location returns the user's time zone, UTC when unset or unknown.
func (u User) Location() *time.Location {
	if u.TimeZone == "" {
		return time.UTC
	}
	if l, err := time.LoadLocation(u.TimeZone); err == nil {
		return l
	}
	return time.UTC
}

// NewUser is the input for creating a user. PasswordHash is computed by the
// auth package; the store never sees a plaintext password.
type NewUser struct {
	Email        string
	Name         string
	Role         Role
	TimeZone     string
	PasswordHash string
}

// UserUpdate changes a user's profile or role (nil fields are left alone).
type UserUpdate struct {
	Name     *string
	Role     *Role
	TimeZone *string
	Disabled *bool
	// EEOAccess grants or withdraws the dedicated EEO permission (admins only).
	EEOAccess *bool
	// KeepAPITokens, when the update disables the user, leaves their API
	// tokens unrevoked: they stop working while the user is disabled and
	// work again if the user is enabled. Otherwise disabling revokes them
	// for good (a disabled account is usually someone who left).
	KeepAPITokens bool
}

// Session is a server-side login session. The cookie holds the token; the
// store keeps only its hash.
type Session struct {
	ID         string
	UserID     string
	CSRFToken  string
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
	IP         string
	UserAgent  string
}

// APIToken is a personal API token's metadata (the secret is shown once).
type APIToken struct {
	ID         string
	UserID     string
	Name       string
	Prefix     string // first characters of the secret, to recognise it in lists
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

// UserService manages accounts, sessions and tokens. Methods that change
// accounts require an admin actor unless they act on the actor themself.
type UserService interface {
	CountUsers(ctx context.Context) (int, error)
	// CreateUser creates a user. With no users yet, any actor may create the first (admin) one.
	CreateUser(ctx context.Context, in NewUser) (User, error)
	// CreateFirstUser creates the first user, an admin, and answers
	// EConflict once any user exists, however many setups race.
	CreateFirstUser(ctx context.Context, in NewUser) (User, error)
	// User, ListUsers and UserByEmail answer users as the actor may see
	// them (User.AsSeenBy): interviewers and hiring managers get colleagues'
	// IDs and names only, no disabled accounts (includeDisabled is
	// EForbidden for them), and find only themself by email.
	User(ctx context.Context, id string) (User, error)
	UserByEmail(ctx context.Context, email string) (User, error)
	ListUsers(ctx context.Context, includeDisabled bool) ([]User, error)
	UpdateUser(ctx context.Context, id string, in UserUpdate) (User, error)
	// SetPasswordHash replaces the hash and ends every session of the user.
	SetPasswordHash(ctx context.Context, id, hash string) error
	// PasswordHash returns the stored hash for login; not exposed to other actors.
	PasswordHash(ctx context.Context, userID string) (string, error)

	CreateSession(ctx context.Context, userID, tokenHash, csrfToken, ip, userAgent string, expires time.Time) (Session, error)
	// SessionByTokenHash returns the live session and its user; disabled users and expired sessions are ENotFound.
	SessionByTokenHash(ctx context.Context, tokenHash string) (Session, User, error)
	TouchSession(ctx context.Context, id string, seen, expires time.Time) error
	DeleteSession(ctx context.Context, id string) error

	CreateAPIToken(ctx context.Context, userID, name, prefix, secretHash string) (APIToken, error)
	ListAPITokens(ctx context.Context, userID string) ([]APIToken, error)
	RevokeAPIToken(ctx context.Context, userID, tokenID string) error
	// UserByAPITokenHash resolves a bearer token; revoked tokens and disabled users are ENotFound.
	UserByAPITokenHash(ctx context.Context, secretHash string) (User, error)

	// Login throttling records, shared by every replica. Keys are built by
	// auth (from an email, an address, a device). RecordLoginFailure returns
	// the row's id; CountLoginFailures counts the key's rows since the time
	// other than except, with the latest one's time; ForgetLoginFailures
	// removes rows by id (attempts that were not failures after all).
	RecordLoginFailure(ctx context.Context, key string, at time.Time) (string, error)
	CountLoginFailures(ctx context.Context, key string, since time.Time, except string) (int, time.Time, error)
	ForgetLoginFailures(ctx context.Context, ids []string) error
	ClearLoginFailures(ctx context.Context, key string) error
}
