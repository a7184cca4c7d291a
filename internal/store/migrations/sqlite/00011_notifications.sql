-- Notifications: a user is told that a colleague mentioned them in a note.
-- A row holds who and which note, not the note's text: pages read the text
-- through the reader's own access at the time they show it.
-- emailed_at is the hook for mail (issue "communication"): a mailer will
-- send the rows where it is NULL and stamp them; nothing sends mail yet.

-- +goose Up
CREATE TABLE notifications (
    id         TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    actor_id   TEXT REFERENCES users(id) ON DELETE SET NULL,
    actor_name TEXT NOT NULL,
    note_id    TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    read_at    TEXT,
    emailed_at TEXT
);
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_note ON notifications (note_id);

-- +goose Down
DROP TABLE notifications;
