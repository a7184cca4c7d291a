-- application_events is the stage history the reports read (issue 13): one
-- row per thing that happened to an application, written in the transaction
-- of the change (store/reports_events.go) and never updated, so a past
-- period reads as it was then even after reopenings and moves back.
--   kind: entered (placed in stage_id, coming from from_stage_id (of kind from_stage_kind), NULL when
--         the application was created; direction +1 forward, -1 back, by the
--         stages' positions at the time), rejected (reason_id/reason),
--         withdrawn, merged (withdrawn as a duplicate by a merge), hired,
--         reopened (from_stage_id set when it came back in another stage,
--         which an entered row records too).
--   stage_id/stage_name/stage_kind: where the application was (a snapshot,
--         so a stage deleted since still reads).
-- Rows written before this migration are derived from stage_visits (entered)
-- and the activity rows (decisions); their actor is unknown on entered rows.

-- +goose Up
CREATE TABLE application_events (
    id             TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    job_id         TEXT NOT NULL,
    kind           TEXT NOT NULL,
    stage_id       TEXT NOT NULL,
    stage_name     TEXT NOT NULL DEFAULT '',
    stage_kind     TEXT NOT NULL DEFAULT '',
    from_stage_id  TEXT,
    from_stage_kind TEXT NOT NULL DEFAULT '',
    direction      INTEGER NOT NULL DEFAULT 0,
    reason_id      TEXT,
    reason         TEXT NOT NULL DEFAULT '',
    actor_id       TEXT,
    at             TEXT NOT NULL
);
CREATE INDEX application_events_job ON application_events (job_id, at);
CREATE INDEX application_events_app ON application_events (application_id, at, id);
CREATE INDEX application_events_actor ON application_events (actor_id, at);
CREATE INDEX application_events_at ON application_events (at);
-- The cohort reports (sources, time to first action) read applications by when they came in.
CREATE INDEX applications_applied ON applications (applied_at);

INSERT INTO application_events (id, application_id, job_id, kind, stage_id, stage_name, stage_kind, from_stage_id, from_stage_kind, direction, at)
SELECT 'e1' || v.id, v.application_id, a.job_id, 'entered', v.stage_id, v.stage_name, COALESCE(s.kind, ''), p.stage_id, COALESCE(ps.kind, ''),
  CASE WHEN p.stage_id IS NULL OR s.position IS NULL OR ps.position IS NULL THEN 0
       WHEN s.position > ps.position THEN 1 WHEN s.position < ps.position THEN -1 ELSE 0 END,
  v.entered_at
FROM stage_visits v JOIN applications a ON a.id = v.application_id
LEFT JOIN stages s ON s.id = v.stage_id
LEFT JOIN stage_visits p ON p.id = (SELECT p2.id FROM stage_visits p2 WHERE p2.application_id = v.application_id
  AND (p2.entered_at < v.entered_at OR (p2.entered_at = v.entered_at AND p2.id < v.id)) ORDER BY p2.entered_at DESC, p2.id DESC LIMIT 1)
LEFT JOIN stages ps ON ps.id = p.stage_id;

INSERT INTO application_events (id, application_id, job_id, kind, stage_id, stage_name, stage_kind, reason_id, reason, actor_id, at)
SELECT 'e2' || x.id, x.subject_id, x.job_id, x.kind, x.stage_id, x.stage_name, COALESCE(s.kind, ''),
  (SELECT r.id FROM rejection_reasons r WHERE x.kind = 'rejected' AND (x.reason = r.name OR x.reason LIKE r.name || ': %') ORDER BY length(r.name) DESC LIMIT 1),
  x.reason, x.actor_id, x.created_at
FROM (SELECT ac.id, ac.subject_id, a.job_id, ac.actor_id, ac.created_at,
        CASE ac.action WHEN 'application.rejected' THEN 'rejected' WHEN 'application.hired' THEN 'hired' WHEN 'application.reopened' THEN 'reopened'
          ELSE CASE WHEN ac.after_json LIKE '%"merge_id"%' THEN 'merged' ELSE 'withdrawn' END END AS kind,
        COALESCE(v.stage_id, a.stage_id) AS stage_id, COALESCE(v.stage_name, '') AS stage_name,
        CASE WHEN ac.action = 'application.rejected' THEN COALESCE(json_extract(ac.after_json, '$.reason'), '') ELSE '' END AS reason
      FROM activity ac JOIN applications a ON a.id = ac.subject_id
      LEFT JOIN stage_visits v ON v.id = (SELECT v2.id FROM stage_visits v2 WHERE v2.application_id = ac.subject_id AND v2.entered_at <= ac.created_at
        ORDER BY v2.entered_at DESC, v2.id DESC LIMIT 1)
      WHERE ac.subject_type = 'application' AND ac.action IN ('application.rejected', 'application.withdrawn', 'application.hired', 'application.reopened')) x
LEFT JOIN stages s ON s.id = x.stage_id;

-- +goose Down
DROP INDEX applications_applied;
DROP TABLE application_events;
