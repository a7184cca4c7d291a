-- Candidate email (issue 10): the outbox and the inbox in one table. An
-- outgoing message is a row first (status queued), written in the same
-- transaction as its River delivery job; the worker marks it sent (smtp, or
-- devmailbox while no SMTP server is configured), failed or bounced. Replies
-- come in as rows with direction 'in'. job_id is the application's job: it
-- decides who may read the message (interviewers: their jobs only).

-- +goose Up
CREATE TABLE messages (
    id             TEXT PRIMARY KEY,
    thread_id      TEXT NOT NULL,
    candidate_id   TEXT REFERENCES candidates(id) ON DELETE CASCADE,
    application_id TEXT REFERENCES applications(id) ON DELETE SET NULL,
    job_id         TEXT REFERENCES jobs(id) ON DELETE SET NULL,
    direction      TEXT NOT NULL,
    status         TEXT NOT NULL,
    message_id     TEXT NOT NULL DEFAULT '',
    in_reply_to    TEXT NOT NULL DEFAULT '',
    from_name      TEXT NOT NULL DEFAULT '',
    from_email     TEXT NOT NULL DEFAULT '',
    to_name        TEXT NOT NULL DEFAULT '',
    to_email       TEXT NOT NULL DEFAULT '',
    subject        TEXT NOT NULL,
    body_text      TEXT NOT NULL,
    body_html      TEXT NOT NULL,
    sender_id      TEXT REFERENCES users(id) ON DELETE SET NULL,
    sender_name    TEXT NOT NULL DEFAULT '',
    transport      TEXT NOT NULL DEFAULT '',
    attempts       INTEGER NOT NULL DEFAULT 0,
    last_error     TEXT NOT NULL DEFAULT '',
    purpose        TEXT NOT NULL DEFAULT '',
    auto           BOOLEAN NOT NULL DEFAULT FALSE,
    send_at        TIMESTAMPTZ,
    sent_at        TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX messages_candidate ON messages (candidate_id, id);
CREATE INDEX messages_thread ON messages (thread_id, id);
CREATE INDEX messages_application ON messages (application_id) WHERE application_id IS NOT NULL;
-- One automated mail of a purpose per application (the confirmation, an
-- automation's mail): a repeated job finds it instead of sending twice.
CREATE UNIQUE INDEX messages_purpose ON messages (application_id, purpose) WHERE purpose <> '';
CREATE INDEX messages_devmailbox ON messages (id) WHERE transport = 'devmailbox';
CREATE INDEX messages_message_id ON messages (message_id) WHERE message_id <> '';

-- +goose Down
DROP TABLE messages;
