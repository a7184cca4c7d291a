-- Kept in step with PostgreSQL's 00009, which makes its LinkedIn keys fold
-- ASCII letters only. SQLite's lower() always did, so nothing changes here.

-- +goose Up
SELECT 1;

-- +goose Down
SELECT 1;
