-- Job matching (issue 12, part B): what internal/match reads of a candidate,
-- kept beside the candidate so ranking a million reads no resume text.
-- candidate_match holds one packed JSON value per candidate (listed skills,
-- skill mentions, role words, past titles, years, country), rebuilt in the
-- transaction that saves a parse or a correction. candidate_match_terms is
-- the prefilter: one row per skill key ("s:go") or role word ("r:backend")
-- with its weight, read by the job's terms to pick the few thousand
-- candidates worth scoring: for each term, the most recently parsed
-- candidates first (active_at), so a common skill reads a bounded slice.

-- +goose Up
CREATE TABLE candidate_match (
    candidate_id TEXT PRIMARY KEY REFERENCES candidates(id) ON DELETE CASCADE,
    features     TEXT NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE TABLE candidate_match_terms (
    term         TEXT NOT NULL,
    candidate_id TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    weight       DOUBLE PRECISION NOT NULL,
    active_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (candidate_id, term)
);
CREATE INDEX candidate_match_terms_recent ON candidate_match_terms (term, active_at DESC, candidate_id) INCLUDE (weight);

-- +goose Down
DROP TABLE candidate_match_terms;
DROP TABLE candidate_match;
