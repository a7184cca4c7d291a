package hiring

import (
	"context"
	"time"
)

// NotificationMention is the kind of a notification about an @mention in a note.
const NotificationMention = "mention"

// Notification tells a user that something concerns them: today, that a
// colleague mentioned them in a note. What it says (candidate, excerpt) is
// read when it is shown, through the reader's own access, so a user who loses
// sight of the candidate no longer sees its content.
type Notification struct {
	ID            string
	Kind          string
	ActorName     string // who mentioned
	NoteID        string
	CandidateID   string
	CandidateName string
	Excerpt       string // the start of the note
	CreatedAt     time.Time
	ReadAt        *time.Time
}

// Colleague is what a user may know of another for @mentions: a name and
// the handle that mentions them, never their email, role or state.
type Colleague struct {
	Name   string
	Handle string // what follows the @: the email's local part, or the whole email when two users share it
}

// MaxNotifications bounds one list of notifications.
const MaxNotifications = 100

// NotificationService is the signed-in user's own notifications. Every
// method acts on the actor's notifications only; the system actor has none.
type NotificationService interface {
	// Notifications lists the actor's notifications, newest first, at most limit (≤ MaxNotifications).
	Notifications(ctx context.Context, limit int) ([]Notification, error)
	// UnreadNotifications counts the actor's unread notifications.
	UnreadNotifications(ctx context.Context) (int, error)
	// ReadNotifications marks the actor's notifications read: the given ones, or all when ids is empty.
	// An id that is not the actor's is ENotFound.
	ReadNotifications(ctx context.Context, ids ...string) error
	// Colleagues lists active users whose name or handle starts with prefix (case-insensitive), at most limit.
	Colleagues(ctx context.Context, prefix string, limit int) ([]Colleague, error)
}
