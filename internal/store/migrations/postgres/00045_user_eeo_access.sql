-- The dedicated EEO permission (issue 9): whether a user may read voluntary
-- self-identification in aggregate (adverse-impact reports). An admin grants
-- it per user; being an admin does not imply it, so every account starts
-- without it.

-- +goose Up
ALTER TABLE users ADD COLUMN eeo_access BOOLEAN NOT NULL DEFAULT FALSE;

-- +goose Down
ALTER TABLE users DROP COLUMN eeo_access;
