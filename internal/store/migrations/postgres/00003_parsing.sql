-- Resume parsing (issue 3 part A): each document's extracted text and parsed
-- profile, where candidate fields came from (so parsing fills only what no
-- human has set), the admin-extended skills vocabulary and company settings.
-- documents.parse_status / parse_error (00001) hold the status.

-- +goose Up
CREATE TABLE document_profiles (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    text        TEXT NOT NULL DEFAULT '',
    profile     TEXT NOT NULL DEFAULT '',   -- JSON Resume, '' until parsed
    edits       TEXT NOT NULL DEFAULT '{}', -- human corrections {path: value}
    version     INTEGER NOT NULL DEFAULT 1,
    parsed_at   TIMESTAMPTZ,
    updated_at  TIMESTAMPTZ NOT NULL
);

-- One row per candidate field (or per email/phone/link value) that parsing
-- filled or a person corrected. A row means "settled": parsing never fills
-- that field again, so a later human edit or removal wins for ever.
CREATE TABLE candidate_field_sources (
    candidate_id TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    field        TEXT NOT NULL,
    value        TEXT NOT NULL DEFAULT '',
    source       TEXT NOT NULL,            -- parsed | human
    document_id  TEXT,                     -- the parsed document; kept after it is deleted
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (candidate_id, field, value)
);

CREATE TABLE skills (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    name_key      TEXT NOT NULL UNIQUE,    -- lower-cased name
    synonyms      TEXT NOT NULL DEFAULT '[]',
    created_by_id TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- +goose Down
DROP TABLE settings;
DROP TABLE skills;
DROP TABLE candidate_field_sources;
DROP TABLE document_profiles;
