-- Saved searches (issue 12 part 1): a user's own named queries in the search
-- language. With digest on, the daily search_digest job counts the
-- candidates added since its last run that match (as the owner sees them)
-- into digest_new, which the saved searches page shows.

-- +goose Up
CREATE TABLE saved_searches (
    id                TEXT PRIMARY KEY,
    user_id           TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name              TEXT NOT NULL,
    query             TEXT NOT NULL,
    digest            BOOLEAN NOT NULL DEFAULT FALSE,
    digest_new        INTEGER NOT NULL DEFAULT 0,
    digest_checked_at TIMESTAMPTZ NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX saved_searches_user ON saved_searches (user_id);
CREATE INDEX saved_searches_digest ON saved_searches (id) WHERE digest;

-- +goose Down
DROP TABLE saved_searches;
