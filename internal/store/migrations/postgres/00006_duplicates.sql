-- Duplicates and merges (issue 3 part B). See the SQLite file for the why;
-- the tables are the same. The key expressions must equal hiring.PhoneKey and
-- hiring.LinkedInKey (a store test checks them against each other).

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
    dismissed_at    TIMESTAMPTZ NOT NULL,
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
    created_at  TIMESTAMPTZ NOT NULL,
    undone_at   TIMESTAMPTZ,
    undone_by_name TEXT NOT NULL DEFAULT '',
    undo_report TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX merges_survivor ON merges (survivor_id, id);
CREATE INDEX merges_merged ON merges (merged_id, id);

-- +goose StatementBegin
CREATE FUNCTION candidate_phone_key(p TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN length(d) >= 7 AND d !~ '[^0-9]' THEN right(d, 9) END
    FROM (SELECT replace(replace(replace(replace(replace(replace(replace(p, ' ', ''), '+', ''), '(', ''), ')', ''), '-', ''), '.', ''), '/', '') AS d) x
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION candidate_linkedin_key(url TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN (host = 'linkedin.com' OR host LIKE '%.linkedin.com') AND path <> '' THEN 'linkedin.com' || path END
    FROM (SELECT substr(t, 1, strpos(t || '/', '/') - 1) AS host, rtrim(substr(t, strpos(t || '/', '/')), '/') AS path
      FROM (SELECT CASE WHEN strpos(s, '#') > 0 THEN substr(s, 1, strpos(s, '#') - 1) ELSE s END AS t
        FROM (SELECT CASE WHEN strpos(s0, '?') > 0 THEN substr(s0, 1, strpos(s0, '?') - 1) ELSE s0 END AS s
          FROM (SELECT CASE WHEN strpos(u, '://') > 0 THEN substr(u, strpos(u, '://') + 3) ELSE u END AS s0
            FROM (SELECT lower(trim(url)) AS u) a) b) c) d) e
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION candidates_dup_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.phones IS DISTINCT FROM OLD.phones THEN
        IF TG_OP = 'UPDATE' THEN
            DELETE FROM candidate_phones WHERE candidate_id = NEW.id;
        END IF;
        INSERT INTO candidate_phones (candidate_id, phone_key)
        SELECT DISTINCT NEW.id, k FROM (SELECT candidate_phone_key(p) AS k FROM json_array_elements_text(NEW.phones::json) p) x
        WHERE k IS NOT NULL
        ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP = 'INSERT' OR NEW.links IS DISTINCT FROM OLD.links THEN
        IF TG_OP = 'UPDATE' THEN
            DELETE FROM candidate_linkedin WHERE candidate_id = NEW.id;
        END IF;
        INSERT INTO candidate_linkedin (candidate_id, url_key)
        SELECT DISTINCT NEW.id, k FROM (SELECT candidate_linkedin_key(l->>'url') AS k FROM json_array_elements(NEW.links::json) l) x
        WHERE k IS NOT NULL
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER candidates_dup_keys AFTER INSERT OR UPDATE OF phones, links ON candidates
    FOR EACH ROW EXECUTE FUNCTION candidates_dup_keys();

INSERT INTO candidate_phones (candidate_id, phone_key)
SELECT DISTINCT c.id, candidate_phone_key(p) FROM candidates c, json_array_elements_text(c.phones::json) p
WHERE candidate_phone_key(p) IS NOT NULL
ON CONFLICT DO NOTHING;

INSERT INTO candidate_linkedin (candidate_id, url_key)
SELECT DISTINCT c.id, candidate_linkedin_key(l->>'url') FROM candidates c, json_array_elements(c.links::json) l
WHERE candidate_linkedin_key(l->>'url') IS NOT NULL
ON CONFLICT DO NOTHING;

-- +goose Down
DROP TRIGGER candidates_dup_keys ON candidates;
DROP FUNCTION candidates_dup_keys();
DROP FUNCTION candidate_linkedin_key(TEXT);
DROP FUNCTION candidate_phone_key(TEXT);
DROP TABLE merges;
DROP TABLE duplicate_dismissals;
DROP INDEX candidates_name_company;
DROP TABLE candidate_linkedin;
DROP TABLE candidate_phones;
