-- The candidate status page (issue 10 part 7). status_links: capability
-- links to /status/{token}; only the SHA-256 of the 256-bit secret is kept,
-- with its purpose (one use: "status") and its expiry. A new link is minted
-- for every mail that uses {{status_link}}; erasing the candidate removes
-- their links. status_labels: an admin's candidate-facing labels per stage
-- kind (and the rejected/withdrawn outcomes) and language; keys without a
-- row use the shipped defaults (hiring.DefaultStageLabels).

-- +goose Up
CREATE TABLE status_links (
    token_hash   TEXT PRIMARY KEY,
    candidate_id TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    purpose      TEXT NOT NULL,
    message_id   TEXT,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL
);
CREATE INDEX status_links_candidate ON status_links (candidate_id);
CREATE INDEX status_links_expires ON status_links (expires_at);

CREATE TABLE status_labels (
    key        TEXT NOT NULL,
    language   TEXT NOT NULL,
    label      TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (key, language)
);

-- The shipped templates about an application, where still as shipped, end
-- with the candidate's status link.
UPDATE message_templates SET body = body || char(10) || char(10) || 'Where your application stands: {{status_link}}'
    WHERE language = 'en' AND key IN ('application_received', 'rejection', 'interview_invitation', 'offer_follow_up') AND updated_at = created_at;
UPDATE message_templates SET body = body || char(10) || char(10) || 'Stand Ihrer Bewerbung: {{status_link}}'
    WHERE language = 'de' AND key IN ('application_received', 'rejection', 'interview_invitation', 'offer_follow_up') AND updated_at = created_at;

-- +goose Down
UPDATE message_templates SET body = replace(body, char(10) || char(10) || 'Where your application stands: {{status_link}}', '');
UPDATE message_templates SET body = replace(body, char(10) || char(10) || 'Stand Ihrer Bewerbung: {{status_link}}', '');
DROP TABLE status_labels;
DROP TABLE status_links;
