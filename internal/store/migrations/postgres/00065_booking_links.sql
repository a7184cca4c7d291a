-- Candidate self-scheduling (issue 11): a link offering times for one
-- interview. token_hash is the SHA-256 of the secret in /book/{token} (the
-- capability; the secret itself is never stored). interview_id is the
-- booking; reschedules_left the policy's remaining moves. Offered times are
-- rows of booking_slots; whether one is still free is decided at booking
-- time against the interviewers' interviews, under a lock.

-- +goose Up
CREATE TABLE booking_links (
    id               TEXT PRIMARY KEY,
    token_hash       TEXT NOT NULL UNIQUE,
    application_id   TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    title            TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL,
    interviewer_ids  TEXT NOT NULL,
    location         TEXT NOT NULL DEFAULT '',
    video            TEXT NOT NULL DEFAULT '',
    expires_at       TIMESTAMPTZ NOT NULL,
    reschedules_left INTEGER NOT NULL DEFAULT 0,
    interview_id     TEXT REFERENCES interviews(id) ON DELETE SET NULL,
    used             BOOLEAN NOT NULL DEFAULT FALSE,
    created_by       TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_by_name  TEXT NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX booking_links_application ON booking_links (application_id);

CREATE TABLE booking_slots (
    link_id   TEXT NOT NULL REFERENCES booking_links(id) ON DELETE CASCADE,
    starts_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (link_id, starts_at)
);

-- +goose Down
DROP TABLE booking_slots;
DROP TABLE booking_links;
