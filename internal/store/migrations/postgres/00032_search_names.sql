-- Names typed with a typo (issue 12): on PostgreSQL pg_trgm's GIN index on
-- candidates.sort_name (00030) answers them; the SQLite migration of this
-- number adds a trigram index of name words. Nothing to do here: the number
-- is kept in step on both engines.

-- +goose Up
SELECT 1;

-- +goose Down
SELECT 1;
