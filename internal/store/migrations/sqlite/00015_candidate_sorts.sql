-- The candidates list sorts by name (A to Z) and by when a candidate was
-- added, besides the default most recently updated: each order reads its own
-- index, so a page in any order costs an index range, not a sort of every row.

-- +goose Up
CREATE INDEX candidates_created ON candidates (created_at DESC, id DESC);
CREATE INDEX candidates_name_order ON candidates (sort_name, id);

-- +goose Down
DROP INDEX candidates_name_order;
DROP INDEX candidates_created;
