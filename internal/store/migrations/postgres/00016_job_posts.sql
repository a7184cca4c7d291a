-- Job posts (issue 9): a job's public face on the careers site and in the
-- feeds. One row per job once anyone saves or publishes its post. A post is
-- live while published AND its job is open AND not confidential; the
-- writers also set published = false when the job leaves "open" or becomes
-- confidential, so a reopened job is not republished without a decision.
-- first_published_at tells a post that was public once (410 Gone when it is
-- taken down) from one that never was (404).
-- The careers site's branding lives in the settings table (key "careers").

-- +goose Up
CREATE TABLE job_posts (
    job_id             TEXT PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
    title              TEXT NOT NULL DEFAULT '',
    description        TEXT NOT NULL DEFAULT '',
    language           TEXT NOT NULL DEFAULT 'en',
    show_salary        BOOLEAN NOT NULL DEFAULT FALSE,
    published          BOOLEAN NOT NULL DEFAULT FALSE,
    published_at       TIMESTAMPTZ,
    first_published_at TIMESTAMPTZ,
    unpublished_at     TIMESTAMPTZ,
    valid_through      TIMESTAMPTZ,
    version            INTEGER NOT NULL DEFAULT 1,
    updated_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX job_posts_live ON job_posts (published, published_at DESC, job_id);
ANALYZE;

-- +goose Down
DROP TABLE job_posts;
