-- jobs.active_applications counts a job's applications with status 'active'.
-- The store's writes keep it (and a bulk load recounts), so job lists read a
-- column instead of counting hundreds of thousands of index entries per page.

-- +goose Up
ALTER TABLE jobs ADD COLUMN active_applications INTEGER NOT NULL DEFAULT 0;
UPDATE jobs SET active_applications =
    (SELECT COUNT(*) FROM applications a WHERE a.job_id = jobs.id AND a.status = 'active');

-- +goose Down
ALTER TABLE jobs DROP COLUMN active_applications;
