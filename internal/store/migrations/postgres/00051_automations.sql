-- Automations (issue 10 part 4): rules that queue a template when an
-- application enters a stage, is rejected, or was received. job_id NULL is
-- a company-wide rule (a stage rule then names a stage kind). The mail is a
-- messages row (purpose "automation:<rule id>…", auto) queued in the
-- change's transaction with send_at and a River job scheduled at that time.
-- candidate_time_zones: the zone a candidate's business hours are counted
-- in, when known.

-- +goose Up
CREATE TABLE automations (
    id             TEXT PRIMARY KEY,
    job_id         TEXT REFERENCES jobs(id) ON DELETE CASCADE,
    trigger_kind   TEXT NOT NULL,
    stage_id       TEXT REFERENCES stages(id) ON DELETE CASCADE,
    stage_kind     TEXT NOT NULL DEFAULT '',
    template_id    TEXT NOT NULL REFERENCES message_templates(id) ON DELETE CASCADE,
    delay_minutes  INTEGER NOT NULL DEFAULT 0,
    business_hours BOOLEAN NOT NULL DEFAULT FALSE,
    time_zone      TEXT NOT NULL DEFAULT '',
    enabled        BOOLEAN NOT NULL DEFAULT TRUE,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX automations_job ON automations (job_id, trigger_kind);
CREATE INDEX automations_company ON automations (trigger_kind) WHERE job_id IS NULL;

CREATE TABLE candidate_time_zones (
    candidate_id TEXT PRIMARY KEY REFERENCES candidates(id) ON DELETE CASCADE,
    time_zone    TEXT NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);

-- The confirmation the careers intake always sent is now a rule; the kind
-- rejection mail ships switched off (24 h after the rejection, in business hours).
INSERT INTO automations (id, job_id, trigger_kind, stage_id, stage_kind, template_id, delay_minutes, business_hours, time_zone, enabled, created_at, updated_at) VALUES
    ('00000000-0000-7000-8000-000000000201', NULL, 'received', NULL, '', '00000000-0000-7000-8000-000000000101', 0, FALSE, '', TRUE, '2026-12-03T00:00:00.000000Z', '2026-12-03T00:00:00.000000Z'),
    ('00000000-0000-7000-8000-000000000202', NULL, 'rejected', NULL, '', '00000000-0000-7000-8000-000000000103', 1440, TRUE, '', FALSE, '2026-12-03T00:00:00.000000Z', '2026-12-03T00:00:00.000000Z');

-- +goose Down
DROP TABLE candidate_time_zones;
DROP TABLE automations;
