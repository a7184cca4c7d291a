-- Interview plans (issue 11 part 1): per job, interview templates under its
-- stages (name, duration, where, required interviewers and a pool to pick
-- from, the kit: attributes to assess — the scorecard's rows —, questions and
-- guidance), and the company-wide library of kits and attributes to reuse.
-- Lists in the kit are JSON arrays of strings. An interview remembers the
-- template it was booked from (its kit and scorecard).

-- +goose Up
CREATE TABLE interview_templates (
    id               TEXT PRIMARY KEY,
    job_id           TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    stage_id         TEXT NOT NULL REFERENCES stages(id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    name             TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL,
    location_kind    TEXT NOT NULL,
    room             TEXT NOT NULL DEFAULT '',
    pool_pick        INTEGER NOT NULL DEFAULT 0,
    attributes       TEXT NOT NULL DEFAULT '[]',
    questions        TEXT NOT NULL DEFAULT '[]',
    guidance         TEXT NOT NULL DEFAULT '',
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX interview_templates_job ON interview_templates (job_id, stage_id, position);
CREATE INDEX interview_templates_stage ON interview_templates (stage_id);

-- required = TRUE: always on the interview; FALSE: in the pool.
CREATE TABLE interview_template_people (
    template_id TEXT NOT NULL REFERENCES interview_templates(id) ON DELETE CASCADE,
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    required    BOOLEAN NOT NULL,
    PRIMARY KEY (template_id, user_id)
);
CREATE INDEX interview_template_people_user ON interview_template_people (user_id);

CREATE TABLE interview_kits (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    attributes TEXT NOT NULL DEFAULT '[]',
    questions  TEXT NOT NULL DEFAULT '[]',
    guidance   TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE interview_attributes (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL
);

ALTER TABLE interviews ADD COLUMN template_id TEXT REFERENCES interview_templates(id) ON DELETE SET NULL;

ANALYZE;

-- +goose Down
ALTER TABLE interviews DROP COLUMN template_id;
DROP TABLE interview_attributes;
DROP TABLE interview_kits;
DROP TABLE interview_template_people;
DROP TABLE interview_templates;
