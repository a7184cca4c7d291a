-- report_rollup holds the funnel's figures pre-aggregated per UTC day and
-- per UTC month (issue 13): a company-wide funnel over a year read about a
-- million application_events rows through COUNT(DISTINCT) and took over 20 s.
-- Each row counts contributions: for one application, one measure
-- (entered, advanced, rejected, withdrew, hired) of one stage kind (and
-- rejection reason), its first event in the bucket; prev_us is the time
-- (Unix microseconds) of the application's last event of the same measure
-- before the bucket, 0 when there was none. An application that did the
-- same thing in several buckets of a period is counted once by leaving out
-- the contributions whose prev_us falls inside the period (store/reports_rollup.go).
-- Each contribution is counted twice: under its job and under job_id ''
-- (the company), since an application belongs to one job the company's
-- figures are the sum over jobs, and an admin's company-wide year reads a
-- few thousand rows instead of every job's.
-- Rows are kept current in the transaction that writes application_events
-- (the application's contributions before and after the new row, the
-- difference applied) and rebuilt after a bulk load.
-- report_rollup_state.built says whether the rollup covers every event; the
-- reports read the raw events until it does (databases with history from
-- before this migration are rebuilt once at start-up).

-- +goose Up
CREATE TABLE report_rollup (
    level      TEXT NOT NULL,
    bucket     TEXT NOT NULL,
    job_id     TEXT NOT NULL,
    source_key TEXT NOT NULL,
    measure    TEXT NOT NULL,
    stage_kind TEXT NOT NULL,
    reason_id  TEXT NOT NULL DEFAULT '',
    prev_us    BIGINT NOT NULL DEFAULT 0,
    n          INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (level, job_id, bucket, source_key, measure, stage_kind, reason_id, prev_us)
);
CREATE TABLE report_rollup_state (
    id    INTEGER PRIMARY KEY,
    built BOOLEAN NOT NULL
);
INSERT INTO report_rollup_state (id, built) VALUES (1, NOT EXISTS (SELECT 1 FROM application_events));

-- +goose Down
DROP TABLE report_rollup_state;
DROP TABLE report_rollup;
