-- Application intake (issue 9): how an application arrived through the
-- careers site. token is the form's idempotency token (unique: a double
-- click or a retried POST finds the first one's application). The privacy
-- notice's version acknowledged and the consent for future roles are kept
-- here beside the candidate's consent fields. job_posts.form holds the
-- job's application form (standard fields required/optional/hidden).

-- +goose Up
CREATE TABLE application_intake (
    application_id  TEXT PRIMARY KEY REFERENCES applications(id) ON DELETE CASCADE,
    token           TEXT NOT NULL UNIQUE,
    channel         TEXT NOT NULL DEFAULT '',
    referrer        TEXT NOT NULL DEFAULT '',
    utm_source      TEXT NOT NULL DEFAULT '',
    utm_medium      TEXT NOT NULL DEFAULT '',
    utm_campaign    TEXT NOT NULL DEFAULT '',
    cover_letter    TEXT NOT NULL DEFAULT '',
    privacy_version TEXT NOT NULL,
    future_consent  BOOLEAN NOT NULL DEFAULT FALSE,
    submitted_at    TIMESTAMPTZ NOT NULL
);
ALTER TABLE job_posts ADD COLUMN form TEXT NOT NULL DEFAULT '{}';
ANALYZE;

-- +goose Down
ALTER TABLE job_posts DROP COLUMN form;
DROP TABLE application_intake;
