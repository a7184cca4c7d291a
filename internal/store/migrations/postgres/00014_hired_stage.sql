-- Hiring is one rule (store.hireTx): a hired application sits in its job's
-- first hired stage with hired_at, and an application in a hired stage is
-- hired. Rows written before the rule are brought in line: applications
-- moved into a hired stage become hired then; hired ones left in another
-- stage move to the hired stage (a stage visit records it) when the job has one.

-- +goose Up
UPDATE applications SET status = 'hired', hired_at = COALESCE(hired_at, stage_entered_at), version = version + 1
WHERE status = 'active' AND stage_id IN (SELECT id FROM stages WHERE kind = 'hired');

UPDATE stage_visits SET left_at = (SELECT COALESCE(a.hired_at, a.updated_at) FROM applications a WHERE a.id = stage_visits.application_id)
WHERE left_at IS NULL AND application_id IN (SELECT a.id FROM applications a JOIN stages s ON s.id = a.stage_id
  WHERE a.status = 'hired' AND s.kind <> 'hired' AND EXISTS (SELECT 1 FROM stages h WHERE h.job_id = a.job_id AND h.kind = 'hired'));

INSERT INTO stage_visits (id, application_id, stage_id, stage_name, entered_at, actor_name)
SELECT gen_random_uuid()::text, a.id, h.id, h.name, COALESCE(a.hired_at, a.updated_at), ''
FROM applications a JOIN stages s ON s.id = a.stage_id
JOIN stages h ON h.id = (SELECT h2.id FROM stages h2 WHERE h2.job_id = a.job_id AND h2.kind = 'hired' ORDER BY h2.position, h2.id LIMIT 1)
WHERE a.status = 'hired' AND s.kind <> 'hired';

UPDATE applications SET
  stage_id = (SELECT h.id FROM stages h WHERE h.job_id = applications.job_id AND h.kind = 'hired' ORDER BY h.position, h.id LIMIT 1),
  stage_entered_at = COALESCE(hired_at, updated_at), version = version + 1
WHERE status = 'hired' AND stage_id IN (SELECT id FROM stages WHERE kind <> 'hired')
  AND EXISTS (SELECT 1 FROM stages h WHERE h.job_id = applications.job_id AND h.kind = 'hired');

UPDATE jobs SET active_applications = (SELECT COUNT(*) FROM applications a WHERE a.job_id = jobs.id AND a.status = 'active');

-- +goose Down
SELECT 1;
