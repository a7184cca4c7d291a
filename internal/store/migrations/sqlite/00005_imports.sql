-- Imports (CSV, ZIP of resumes, JSON Resume) and their reports.
-- imports.settings is JSON (hiring.ImportSettings), imports.report JSON
-- (hiring.ImportReport). next_row is how many source rows are committed, so a
-- retried run resumes there. import_issues holds the report lines (capped by
-- the store), in row order by (import_id, seq).

-- +goose Up
CREATE TABLE imports (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    status        TEXT NOT NULL,
    file_name     TEXT NOT NULL,
    file_key      TEXT NOT NULL,
    file_size     INTEGER NOT NULL DEFAULT 0,
    settings      TEXT NOT NULL DEFAULT '{}',
    total         INTEGER NOT NULL DEFAULT 0,
    done          INTEGER NOT NULL DEFAULT 0,
    failed        INTEGER NOT NULL DEFAULT 0,
    next_row      INTEGER NOT NULL DEFAULT 0,
    issue_count   INTEGER NOT NULL DEFAULT 0,
    report        TEXT NOT NULL DEFAULT '{}',
    error         TEXT NOT NULL DEFAULT '',
    created_by    TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at    TEXT NOT NULL,
    finished_at   TEXT
);
CREATE INDEX imports_created_by ON imports (created_by, id DESC);

CREATE TABLE import_issues (
    import_id TEXT NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    row_num   INTEGER NOT NULL,
    severity  TEXT NOT NULL,
    field     TEXT NOT NULL DEFAULT '',
    message   TEXT NOT NULL,
    value     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (import_id, seq)
);

-- +goose Down
DROP TABLE import_issues;
DROP TABLE imports;
