-- Candor initial schema (SQLite). The PostgreSQL file has the same tables and
-- columns; only types differ.
--
-- Conventions (also for the demo loader writing through DB.BulkLoad):
--   * id columns are UUIDv7 text (store.NewID()).
--   * times are UTC. SQLite: TEXT "2006-01-02T15:04:05.000000Z" (fixed width,
--     so text order is time order); PostgreSQL: timestamptz. Bind them with
--     store.TimeArg(t) and they fit both.
--   * booleans: SQLite INTEGER 0/1, PostgreSQL boolean; bind Go bools.
--   * JSON-ish lists are TEXT holding a JSON array ("[]" when empty):
--     jobs.allowed_countries ["NL"], jobs.requirements [{"skill","must_have"}],
--     candidates.emails/phones/tags [".."], candidates.links [{"kind","url"}],
--     activity.before_json/after_json {..} or NULL.
--   * candidates.emails and candidates.tags are mirrored in candidate_emails
--     and candidate_tags (for lookups and filters): write both.
--   * candidates.sort_name is lower(first_name || ' ' || last_name).
--
-- Tables: users, sessions, api_tokens, login_failures, idempotency_keys,
-- departments, locations, rejection_reasons, pipeline_template, jobs,
-- job_locations, job_team, stages, candidates, candidate_emails,
-- candidate_tags, applications, stage_visits, notes, note_mentions,
-- documents, activity. Later migrations: 00004 adds jobs.active_applications.

-- +goose Up
CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    time_zone     TEXT NOT NULL DEFAULT '',
    disabled      INTEGER NOT NULL DEFAULT 0,
    password_hash TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash   TEXT NOT NULL UNIQUE,
    csrf_token   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    ip           TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    secret_hash  TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE login_failures (
    id  TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    at  TEXT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key, at);

CREATE TABLE idempotency_keys (
    user_id      TEXT NOT NULL,
    key          TEXT NOT NULL,
    status       INTEGER NOT NULL,
    body         BLOB NOT NULL,
    request_hash TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
);

CREATE TABLE departments (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE locations (
    id      TEXT PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    city    TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT ''
);

CREATE TABLE rejection_reasons (
    id       TEXT PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE,
    archived INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL
);

CREATE TABLE pipeline_template (
    position INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL
);

CREATE TABLE jobs (
    id                TEXT PRIMARY KEY,
    title             TEXT NOT NULL,
    department_id     TEXT REFERENCES departments(id) ON DELETE SET NULL,
    workplace_type    TEXT NOT NULL,
    allowed_countries TEXT NOT NULL DEFAULT '[]',
    employment_type   TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    requirements      TEXT NOT NULL DEFAULT '[]',
    salary_min        INTEGER,
    salary_max        INTEGER,
    salary_currency   TEXT,
    salary_period     TEXT,
    openings          INTEGER NOT NULL DEFAULT 1,
    status            TEXT NOT NULL,
    confidential      INTEGER NOT NULL DEFAULT 0,
    version           INTEGER NOT NULL DEFAULT 1,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    published_at      TEXT
);
CREATE INDEX jobs_status ON jobs (status, id);
CREATE INDEX jobs_department ON jobs (department_id);

CREATE TABLE job_locations (
    job_id      TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    location_id TEXT NOT NULL REFERENCES locations(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    PRIMARY KEY (job_id, location_id)
);
CREATE INDEX job_locations_location ON job_locations (location_id, job_id);

CREATE TABLE job_team (
    job_id  TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role    TEXT NOT NULL,
    PRIMARY KEY (job_id, user_id)
);
CREATE INDEX job_team_user ON job_team (user_id, job_id);

CREATE TABLE stages (
    id       TEXT PRIMARY KEY,
    job_id   TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    kind     TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX stages_job ON stages (job_id, position);

CREATE TABLE candidates (
    id                 TEXT PRIMARY KEY,
    first_name         TEXT NOT NULL DEFAULT '',
    last_name          TEXT NOT NULL DEFAULT '',
    sort_name          TEXT NOT NULL DEFAULT '',
    emails             TEXT NOT NULL DEFAULT '[]',
    phones             TEXT NOT NULL DEFAULT '[]',
    links              TEXT NOT NULL DEFAULT '[]',
    location           TEXT NOT NULL DEFAULT '',
    headline           TEXT NOT NULL DEFAULT '',
    current_title      TEXT NOT NULL DEFAULT '',
    current_company    TEXT NOT NULL DEFAULT '',
    source             TEXT NOT NULL DEFAULT '',
    owner_id           TEXT REFERENCES users(id) ON DELETE SET NULL,
    tags               TEXT NOT NULL DEFAULT '[]',
    consent_processing    INTEGER NOT NULL DEFAULT 0,
    consent_processing_at TEXT,
    consent_marketing     INTEGER NOT NULL DEFAULT 0,
    consent_marketing_at  TEXT,
    retain_until          TEXT,
    consent_source        TEXT NOT NULL DEFAULT '',
    version            INTEGER NOT NULL DEFAULT 1,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX candidates_updated ON candidates (updated_at DESC, id DESC);
CREATE INDEX candidates_source ON candidates (source, updated_at DESC, id DESC);
CREATE INDEX candidates_owner ON candidates (owner_id, updated_at DESC, id DESC);

CREATE TABLE candidate_emails (
    candidate_id TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    email        TEXT NOT NULL,
    position     INTEGER NOT NULL,
    PRIMARY KEY (candidate_id, email)
);
CREATE INDEX candidate_emails_email ON candidate_emails (email);

CREATE TABLE candidate_tags (
    candidate_id TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    tag          TEXT NOT NULL,
    PRIMARY KEY (candidate_id, tag)
);
CREATE INDEX candidate_tags_tag ON candidate_tags (tag, candidate_id);

CREATE TABLE applications (
    id                  TEXT PRIMARY KEY,
    candidate_id        TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    job_id              TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    stage_id            TEXT NOT NULL REFERENCES stages(id),
    status              TEXT NOT NULL,
    source              TEXT NOT NULL DEFAULT '',
    credited_to_id      TEXT REFERENCES users(id) ON DELETE SET NULL,
    applied_at          TEXT NOT NULL,
    stage_entered_at    TEXT NOT NULL,
    rejection_reason_id TEXT REFERENCES rejection_reasons(id),
    rejection_reason    TEXT NOT NULL DEFAULT '',
    rejected_at         TEXT,
    hired_at            TEXT,
    withdrawn_at        TEXT,
    version             INTEGER NOT NULL DEFAULT 1,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
-- One active application per candidate per job.
CREATE UNIQUE INDEX applications_one_active ON applications (candidate_id, job_id) WHERE status = 'active';
CREATE INDEX applications_candidate ON applications (candidate_id, job_id);
CREATE INDEX applications_stage ON applications (stage_id, status, stage_entered_at, id);
CREATE INDEX applications_job ON applications (job_id, status, stage_id);
CREATE INDEX applications_job_id ON applications (job_id, id);

CREATE TABLE stage_visits (
    id             TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    stage_id       TEXT NOT NULL,
    stage_name     TEXT NOT NULL,
    entered_at     TEXT NOT NULL,
    left_at        TEXT,
    actor_name     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX stage_visits_application ON stage_visits (application_id, entered_at);

CREATE TABLE notes (
    id             TEXT PRIMARY KEY,
    candidate_id   TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    application_id TEXT REFERENCES applications(id) ON DELETE CASCADE,
    job_id         TEXT REFERENCES jobs(id) ON DELETE CASCADE,
    author_id      TEXT REFERENCES users(id) ON DELETE SET NULL,
    author_name    TEXT NOT NULL,
    body           TEXT NOT NULL,
    private        INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX notes_candidate ON notes (candidate_id, id);

CREATE TABLE note_mentions (
    note_id TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (note_id, user_id)
);
CREATE INDEX note_mentions_user ON note_mentions (user_id);

CREATE TABLE documents (
    id             TEXT PRIMARY KEY,
    candidate_id   TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    application_id TEXT REFERENCES applications(id) ON DELETE SET NULL,
    kind           TEXT NOT NULL,
    file_name      TEXT NOT NULL,
    content_type   TEXT NOT NULL,
    size           INTEGER NOT NULL,
    sha256         TEXT NOT NULL,
    blob_key       TEXT NOT NULL,
    uploaded_by_id TEXT REFERENCES users(id) ON DELETE SET NULL,
    parse_status   TEXT NOT NULL DEFAULT '',
    parse_error    TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL
);
CREATE INDEX documents_candidate ON documents (candidate_id, id);

-- activity is the timeline and the audit trail. ids are UUIDv7, so id order
-- is time order and pages key on id alone.
CREATE TABLE activity (
    id           TEXT PRIMARY KEY,
    actor_id     TEXT,
    actor_name   TEXT NOT NULL,
    action       TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id   TEXT NOT NULL,
    candidate_id TEXT,
    job_id       TEXT,
    summary      TEXT NOT NULL,
    before_json  TEXT,
    after_json   TEXT,
    ip           TEXT NOT NULL DEFAULT '',
    private      INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL
);
CREATE INDEX activity_candidate ON activity (candidate_id, id);
CREATE INDEX activity_job ON activity (job_id, id);
CREATE INDEX activity_actor ON activity (actor_id, id);
CREATE INDEX activity_action ON activity (action, id);

-- +goose Down
DROP TABLE activity;
DROP TABLE documents;
DROP TABLE note_mentions;
DROP TABLE notes;
DROP TABLE stage_visits;
DROP TABLE applications;
DROP TABLE candidate_tags;
DROP TABLE candidate_emails;
DROP TABLE candidates;
DROP TABLE stages;
DROP TABLE job_team;
DROP TABLE job_locations;
DROP TABLE jobs;
DROP TABLE pipeline_template;
DROP TABLE rejection_reasons;
DROP TABLE locations;
DROP TABLE departments;
DROP TABLE idempotency_keys;
DROP TABLE login_failures;
DROP TABLE api_tokens;
DROP TABLE sessions;
DROP TABLE users;
