-- Duplicates and merges (issue 3 part B).
--
-- candidate_phones and candidate_linkedin are lookup keys for duplicate
-- detection, kept in step with candidates.phones / candidates.links by
-- triggers, so every writer (service calls, bulk loads, imports) maintains
-- them without knowing. The key expressions must equal hiring.PhoneKey and
-- hiring.LinkedInKey (a store test checks them against each other).
--
-- merges records exactly what a merge moved, so it can be undone; the merged
-- candidate's row is deleted and kept whole inside merges.record (JSON), which
-- makes it invisible everywhere without a filter on every candidate query.
-- duplicate_dismissals remembers "not the same person" (a < b); it has no
-- foreign keys so a dismissal survives a merge and its undo.

-- +goose Up
CREATE TABLE candidate_phones (
    candidate_id TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    phone_key    TEXT NOT NULL,
    PRIMARY KEY (candidate_id, phone_key)
);
CREATE INDEX candidate_phones_key ON candidate_phones (phone_key);

CREATE TABLE candidate_linkedin (
    candidate_id TEXT NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
    url_key      TEXT NOT NULL,
    PRIMARY KEY (candidate_id, url_key)
);
CREATE INDEX candidate_linkedin_key ON candidate_linkedin (url_key);

CREATE INDEX candidates_name_company ON candidates (sort_name, lower(current_company));

CREATE TABLE duplicate_dismissals (
    candidate_a     TEXT NOT NULL,
    candidate_b     TEXT NOT NULL,
    dismissed_by_id TEXT,
    dismissed_at    TEXT NOT NULL,
    PRIMARY KEY (candidate_a, candidate_b)
);

CREATE TABLE merges (
    id          TEXT PRIMARY KEY,
    survivor_id TEXT NOT NULL,
    merged_id   TEXT NOT NULL,
    survivor_name TEXT NOT NULL,
    merged_name TEXT NOT NULL,
    actor_id    TEXT,
    actor_name  TEXT NOT NULL,
    record      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    undone_at   TEXT,
    undone_by_name TEXT NOT NULL DEFAULT '',
    undo_report TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX merges_survivor ON merges (survivor_id, id);
CREATE INDEX merges_merged ON merges (merged_id, id);

-- +goose StatementBegin
CREATE TRIGGER candidates_dup_keys_insert AFTER INSERT ON candidates BEGIN
    INSERT OR IGNORE INTO candidate_phones (candidate_id, phone_key)
    SELECT NEW.id, substr(d, -9) FROM (
        SELECT replace(replace(replace(replace(replace(replace(replace(value, ' ', ''), '+', ''), '(', ''), ')', ''), '-', ''), '.', ''), '/', '') AS d
        FROM json_each(NEW.phones))
    WHERE length(d) >= 7 AND d NOT GLOB '*[^0-9]*';
    INSERT OR IGNORE INTO candidate_linkedin (candidate_id, url_key)
    SELECT NEW.id, 'linkedin.com' || rtrim(substr(t, instr(t || '/', '/')), '/') FROM (
        SELECT CASE WHEN instr(s, '#') > 0 THEN substr(s, 1, instr(s, '#') - 1) ELSE s END AS t FROM (
            SELECT CASE WHEN instr(s0, '?') > 0 THEN substr(s0, 1, instr(s0, '?') - 1) ELSE s0 END AS s FROM (
                SELECT CASE WHEN instr(u, '://') > 0 THEN substr(u, instr(u, '://') + 3) ELSE u END AS s0 FROM (
                    SELECT lower(trim(json_extract(value, '$.url'))) AS u FROM json_each(NEW.links)))))
    WHERE (substr(t, 1, instr(t || '/', '/') - 1) = 'linkedin.com' OR substr(t, 1, instr(t || '/', '/') - 1) LIKE '%.linkedin.com')
      AND rtrim(substr(t, instr(t || '/', '/')), '/') <> '';
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER candidates_dup_phones_update AFTER UPDATE OF phones ON candidates WHEN NEW.phones IS NOT OLD.phones BEGIN
    DELETE FROM candidate_phones WHERE candidate_id = NEW.id;
    INSERT OR IGNORE INTO candidate_phones (candidate_id, phone_key)
    SELECT NEW.id, substr(d, -9) FROM (
        SELECT replace(replace(replace(replace(replace(replace(replace(value, ' ', ''), '+', ''), '(', ''), ')', ''), '-', ''), '.', ''), '/', '') AS d
        FROM json_each(NEW.phones))
    WHERE length(d) >= 7 AND d NOT GLOB '*[^0-9]*';
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER candidates_dup_links_update AFTER UPDATE OF links ON candidates WHEN NEW.links IS NOT OLD.links BEGIN
    DELETE FROM candidate_linkedin WHERE candidate_id = NEW.id;
    INSERT OR IGNORE INTO candidate_linkedin (candidate_id, url_key)
    SELECT NEW.id, 'linkedin.com' || rtrim(substr(t, instr(t || '/', '/')), '/') FROM (
        SELECT CASE WHEN instr(s, '#') > 0 THEN substr(s, 1, instr(s, '#') - 1) ELSE s END AS t FROM (
            SELECT CASE WHEN instr(s0, '?') > 0 THEN substr(s0, 1, instr(s0, '?') - 1) ELSE s0 END AS s FROM (
                SELECT CASE WHEN instr(u, '://') > 0 THEN substr(u, instr(u, '://') + 3) ELSE u END AS s0 FROM (
                    SELECT lower(trim(json_extract(value, '$.url'))) AS u FROM json_each(NEW.links)))))
    WHERE (substr(t, 1, instr(t || '/', '/') - 1) = 'linkedin.com' OR substr(t, 1, instr(t || '/', '/') - 1) LIKE '%.linkedin.com')
      AND rtrim(substr(t, instr(t || '/', '/')), '/') <> '';
END;
-- +goose StatementEnd

-- Backfill the keys of existing candidates through the update triggers' logic.
INSERT OR IGNORE INTO candidate_phones (candidate_id, phone_key)
SELECT c.id, substr(d, -9) FROM (
    SELECT c0.id, replace(replace(replace(replace(replace(replace(replace(p.value, ' ', ''), '+', ''), '(', ''), ')', ''), '-', ''), '.', ''), '/', '') AS d
    FROM candidates c0, json_each(c0.phones) p) c
WHERE length(d) >= 7 AND d NOT GLOB '*[^0-9]*';

INSERT OR IGNORE INTO candidate_linkedin (candidate_id, url_key)
SELECT id, 'linkedin.com' || rtrim(substr(t, instr(t || '/', '/')), '/') FROM (
    SELECT id, CASE WHEN instr(s, '#') > 0 THEN substr(s, 1, instr(s, '#') - 1) ELSE s END AS t FROM (
        SELECT id, CASE WHEN instr(s0, '?') > 0 THEN substr(s0, 1, instr(s0, '?') - 1) ELSE s0 END AS s FROM (
            SELECT id, CASE WHEN instr(u, '://') > 0 THEN substr(u, instr(u, '://') + 3) ELSE u END AS s0 FROM (
                SELECT c0.id, lower(trim(json_extract(l.value, '$.url'))) AS u FROM candidates c0, json_each(c0.links) l))))
WHERE (substr(t, 1, instr(t || '/', '/') - 1) = 'linkedin.com' OR substr(t, 1, instr(t || '/', '/') - 1) LIKE '%.linkedin.com')
  AND rtrim(substr(t, instr(t || '/', '/')), '/') <> '';

-- +goose Down
DROP TRIGGER candidates_dup_links_update;
DROP TRIGGER candidates_dup_phones_update;
DROP TRIGGER candidates_dup_keys_insert;
DROP TABLE merges;
DROP TABLE duplicate_dismissals;
DROP INDEX candidates_name_company;
DROP TABLE candidate_linkedin;
DROP TABLE candidate_phones;
