-- Interviews (issue 11): a user's calendar settings, interviews on an
-- application and who interviews. Times are timestamptz.
-- user_calendar: working hours in calendar.ParseHours' text form ('' = the
-- default week), the personal meeting link, and the SHA-256 of the secret in
-- the user's calendar feed address (/calendar/{token}.ics).
-- interviews.sequence is the iCalendar SEQUENCE: raised on every change the
-- attendees must see (time, place, people, cancel).

-- +goose Up
CREATE TABLE user_calendar (
    user_id         TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    working_hours   TEXT NOT NULL DEFAULT '',
    meeting_link    TEXT NOT NULL DEFAULT '',
    feed_token_hash TEXT UNIQUE,
    updated_at      TIMESTAMPTZ NOT NULL
);

CREATE TABLE interviews (
    id               TEXT PRIMARY KEY,
    application_id   TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    candidate_id     TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    job_id           TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    title            TEXT NOT NULL,
    starts_at        TIMESTAMPTZ NOT NULL,
    ends_at          TIMESTAMPTZ NOT NULL,
    duration_minutes INTEGER NOT NULL,
    location         TEXT NOT NULL DEFAULT '',
    video_url        TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL DEFAULT 'scheduled',
    sequence         INTEGER NOT NULL DEFAULT 0,
    organizer_id     TEXT REFERENCES users(id) ON DELETE SET NULL,
    organizer_name   TEXT NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    cancelled_at     TIMESTAMPTZ
);
CREATE INDEX interviews_application ON interviews (application_id, starts_at);
CREATE INDEX interviews_job ON interviews (job_id, starts_at);
CREATE INDEX interviews_starts ON interviews (starts_at);

CREATE TABLE interview_interviewers (
    interview_id TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    response     TEXT NOT NULL DEFAULT 'needs-action',
    PRIMARY KEY (interview_id, user_id)
);
CREATE INDEX interview_interviewers_user ON interview_interviewers (user_id, interview_id);

-- +goose Down
DROP TABLE interview_interviewers;
DROP TABLE interviews;
DROP TABLE user_calendar;
