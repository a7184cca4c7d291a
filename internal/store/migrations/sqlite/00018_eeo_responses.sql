-- Voluntary EEO self-identification (issue 9), stored apart from the
-- application it came with: no query of the recruiter side joins this
-- table; it is read only in aggregate (EEOAggregate). application_id is kept
-- so erasing an application erases its answers (ON DELETE CASCADE); day,
-- not the moment, limits matching answers to applications by time.

-- +goose Up
CREATE TABLE eeo_responses (
    id             TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    job_id         TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    race           TEXT NOT NULL,
    sex            TEXT NOT NULL,
    veteran        TEXT NOT NULL,
    disability     TEXT NOT NULL,
    day            TEXT NOT NULL
);
CREATE INDEX eeo_responses_job ON eeo_responses (job_id);
CREATE INDEX eeo_responses_application ON eeo_responses (application_id);
ANALYZE;

-- +goose Down
DROP TABLE eeo_responses;
