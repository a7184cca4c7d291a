-- LinkedIn duplicate keys fold ASCII letters only, as hiring.LinkedInKey and
-- SQLite's lower() do: PostgreSQL's lower() also folded "É" to "é", so a key
-- computed in Go (lookups, bulk loads) missed one written by the trigger.

-- +goose Up
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION candidate_linkedin_key(url TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN (host = 'linkedin.com' OR host LIKE '%.linkedin.com') AND path <> '' THEN 'linkedin.com' || path END
    FROM (SELECT substr(t, 1, strpos(t || '/', '/') - 1) AS host, rtrim(substr(t, strpos(t || '/', '/')), '/') AS path
      FROM (SELECT CASE WHEN strpos(s, '#') > 0 THEN substr(s, 1, strpos(s, '#') - 1) ELSE s END AS t
        FROM (SELECT CASE WHEN strpos(s0, '?') > 0 THEN substr(s0, 1, strpos(s0, '?') - 1) ELSE s0 END AS s
          FROM (SELECT CASE WHEN strpos(u, '://') > 0 THEN substr(u, strpos(u, '://') + 3) ELSE u END AS s0
            FROM (SELECT translate(trim(url), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') AS u) a) b) c) d) e
$$;
-- +goose StatementEnd
DELETE FROM candidate_linkedin;
INSERT INTO candidate_linkedin (candidate_id, url_key)
SELECT DISTINCT c.id, candidate_linkedin_key(l->>'url') FROM candidates c, json_array_elements(c.links::json) l
WHERE candidate_linkedin_key(l->>'url') IS NOT NULL;

-- +goose Down
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION candidate_linkedin_key(url TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN (host = 'linkedin.com' OR host LIKE '%.linkedin.com') AND path <> '' THEN 'linkedin.com' || path END
    FROM (SELECT substr(t, 1, strpos(t || '/', '/') - 1) AS host, rtrim(substr(t, strpos(t || '/', '/')), '/') AS path
      FROM (SELECT CASE WHEN strpos(s, '#') > 0 THEN substr(s, 1, strpos(s, '#') - 1) ELSE s END AS t
        FROM (SELECT CASE WHEN strpos(s0, '?') > 0 THEN substr(s0, 1, strpos(s0, '?') - 1) ELSE s0 END AS s
          FROM (SELECT CASE WHEN strpos(u, '://') > 0 THEN substr(u, strpos(u, '://') + 3) ELSE u END AS s0
            FROM (SELECT lower(trim(url)) AS u) a) b) c) d) e
$$;
-- +goose StatementEnd
