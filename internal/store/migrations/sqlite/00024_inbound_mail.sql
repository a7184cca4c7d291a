-- Inbound mail and the suppression list (issue 10). Replies are rows of
-- messages with direction 'in'; the ones no candidate was found for keep
-- candidate_id NULL and wait in the unassigned inbox (the partial index).
-- mail_suppressions are addresses no outreach goes to: bounced (a delivery
-- report said so), unsubscribed (the person's one-click link) or added by
-- an admin. Addresses are stored lower-cased.

-- +goose Up
CREATE TABLE mail_suppressions (
    email           TEXT PRIMARY KEY,
    reason          TEXT NOT NULL,
    detail          TEXT NOT NULL DEFAULT '',
    created_by      TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_by_name TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL
);
CREATE INDEX messages_unassigned ON messages (id) WHERE direction = 'in' AND candidate_id IS NULL;

-- +goose Down
DROP INDEX messages_unassigned;
DROP TABLE mail_suppressions;
