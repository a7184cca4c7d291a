-- Talent pools (issue 12 part 3). A pool has stages of its own
-- (pool_stages, editable), members in one stage each (pool_members; a smart
-- pool — query <> '' — finds its members by its query, and keeps rows only
-- for the members someone moved), and a history of additions, moves,
-- removals and applications (pool_events) that the pools report counts.

-- +goose Up
CREATE TABLE talent_pools (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    notes      TEXT NOT NULL DEFAULT '',
    owner_id   TEXT REFERENCES users(id) ON DELETE SET NULL,
    smart      BOOLEAN NOT NULL DEFAULT FALSE,
    query      TEXT NOT NULL DEFAULT '',
    version    INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX talent_pools_name ON talent_pools (lower(name));
CREATE TABLE pool_stages (
    id       TEXT PRIMARY KEY,
    pool_id  TEXT NOT NULL REFERENCES talent_pools(id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX pool_stages_pool ON pool_stages (pool_id, position);
CREATE TABLE pool_members (
    pool_id      TEXT NOT NULL REFERENCES talent_pools(id) ON DELETE CASCADE,
    candidate_id TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    stage_id     TEXT NOT NULL REFERENCES pool_stages(id),
    added_by     TEXT REFERENCES users(id) ON DELETE SET NULL,
    added_at     TIMESTAMPTZ NOT NULL,
    moved_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (pool_id, candidate_id)
);
CREATE INDEX pool_members_recent ON pool_members (pool_id, moved_at DESC, candidate_id);
CREATE INDEX pool_members_candidate ON pool_members (candidate_id);
CREATE TABLE pool_events (
    id           TEXT PRIMARY KEY,
    pool_id      TEXT NOT NULL REFERENCES talent_pools(id) ON DELETE CASCADE,
    candidate_id TEXT NOT NULL,
    kind         TEXT NOT NULL,
    stage_id     TEXT NOT NULL DEFAULT '',
    stage_name   TEXT NOT NULL DEFAULT '',
    at           TIMESTAMPTZ NOT NULL
);
CREATE INDEX pool_events_pool ON pool_events (pool_id, at);
ANALYZE;

-- +goose Down
DROP TABLE pool_events;
DROP TABLE pool_members;
DROP TABLE pool_stages;
DROP TABLE talent_pools;
