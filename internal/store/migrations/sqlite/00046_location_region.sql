-- A location's region (state, province) and postal code (issue 9): job
-- boards (Indeed's feed: state, postalcode) and Google for Jobs
-- (addressRegion, postalCode) ask for them. Empty for existing locations.

-- +goose Up
ALTER TABLE locations ADD COLUMN region TEXT NOT NULL DEFAULT '';
ALTER TABLE locations ADD COLUMN postal_code TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE locations DROP COLUMN postal_code;
ALTER TABLE locations DROP COLUMN region;
