-- Scorecards (issue 11): an interviewer's structured feedback on one
-- interview — ratings of attributes on the 4-point scale (strong_no, no,
-- yes, strong_yes), an overall recommendation on the same scale, notes.
-- One per interviewer and interview; an edit keeps the earlier version in
-- scorecard_revisions. Times are UTC text (see 00001).

-- +goose Up
CREATE TABLE scorecards (
    id             TEXT PRIMARY KEY,
    interview_id   TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
    application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    candidate_id   TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    job_id         TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    author_id      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    author_name    TEXT NOT NULL,
    ratings        TEXT NOT NULL DEFAULT '[]',
    recommendation TEXT NOT NULL,
    notes          TEXT NOT NULL DEFAULT '',
    version        INTEGER NOT NULL DEFAULT 1,
    submitted_at   TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (interview_id, author_id)
);
CREATE INDEX scorecards_application ON scorecards (application_id, author_id);
CREATE INDEX scorecards_author ON scorecards (author_id, submitted_at);

CREATE TABLE scorecard_revisions (
    id             TEXT PRIMARY KEY,
    scorecard_id   TEXT NOT NULL REFERENCES scorecards(id) ON DELETE CASCADE,
    version        INTEGER NOT NULL,
    ratings        TEXT NOT NULL,
    recommendation TEXT NOT NULL,
    notes          TEXT NOT NULL,
    saved_at       TEXT NOT NULL
);
CREATE INDEX scorecard_revisions_card ON scorecard_revisions (scorecard_id, version);

-- +goose Down
DROP TABLE scorecard_revisions;
DROP TABLE scorecards;
