-- Offers (issue 11 part 6): one offer per application, its approval chain
-- (per job, else the company's: job_id ''), and the approvals of each round
-- (a change after an approval starts a new round). The letter is a PDF in
-- the blob store kept with the offer (not a candidate document: those are
-- read by interviewers, offers never are). answer_* record the candidate's
-- answer on the status page: the typed name, the time and the address.

-- +goose Up
CREATE TABLE offers (
    id              TEXT PRIMARY KEY,
    application_id  TEXT NOT NULL UNIQUE REFERENCES applications(id) ON DELETE CASCADE,
    candidate_id    TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    job_id          TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    title           TEXT NOT NULL,
    salary          BIGINT NOT NULL,
    currency        TEXT NOT NULL,
    period          TEXT NOT NULL,
    start_date      TEXT NOT NULL,
    bonus           TEXT NOT NULL DEFAULT '',
    equity          TEXT NOT NULL DEFAULT '',
    custom_fields   TEXT NOT NULL DEFAULT '{}',
    status          TEXT NOT NULL,
    round           INTEGER NOT NULL DEFAULT 0,
    letter_blob_key TEXT NOT NULL DEFAULT '',
    sent_at         TIMESTAMPTZ,
    answered_at     TIMESTAMPTZ,
    answer_name     TEXT NOT NULL DEFAULT '',
    answer_ip       TEXT NOT NULL DEFAULT '',
    decline_reason  TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 1,
    created_by      TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX offers_candidate ON offers (candidate_id);
CREATE INDEX offers_job ON offers (job_id, created_at);

CREATE TABLE offer_approvers (
    job_id   TEXT NOT NULL,
    position INTEGER NOT NULL,
    user_id  TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (job_id, position)
);

CREATE TABLE offer_approvals (
    offer_id   TEXT NOT NULL REFERENCES offers(id) ON DELETE CASCADE,
    round      INTEGER NOT NULL,
    position   INTEGER NOT NULL,
    user_id    TEXT NOT NULL,
    user_name  TEXT NOT NULL,
    decided_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (offer_id, round, position)
);

-- +goose Down
DROP TABLE offer_approvals;
DROP TABLE offer_approvers;
DROP TABLE offers;
