-- Candidate search (issue 12 part 1): candidate_search holds one weighted
-- tsvector per candidate (A: name, emails, phones; B: headline, current
-- title and company; C: the latest resume's canonical skills and location;
-- D: that resume's text) under a GIN index, and the skills list (JSON) for
-- facet counts. Notes are searched through an expression GIN index on their
-- body, only where the actor may read the note. pg_trgm serves names typed
-- with a typo. candidate_search_refresh(id) rebuilds one candidate's row;
-- triggers call it in the transaction of every change (candidate written,
-- resume parsed or corrected, document moved or deleted), so no writer needs
-- to know. 'simple' configuration: no stemming, no stop words, any language.

-- +goose Up
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE candidate_search (
    candidate_id TEXT PRIMARY KEY REFERENCES candidates(id) ON DELETE CASCADE,
    skills       TEXT NOT NULL DEFAULT '[]',
    doc          tsvector NOT NULL
);

-- +goose StatementBegin
CREATE FUNCTION candidate_search_refresh(cid TEXT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO candidate_search (candidate_id, skills, doc)
    SELECT c.id, r.skills::text,
        setweight(to_tsvector('simple', c.first_name || ' ' || c.last_name || ' ' || c.emails || ' ' || c.phones), 'A') ||
        setweight(to_tsvector('simple', c.headline || ' ' || c.current_title || ' ' || c.current_company), 'B') ||
        setweight(to_tsvector('simple', r.skill_text || ' ' || c.location), 'C') ||
        setweight(to_tsvector('simple', r.text), 'D')
    FROM candidates c
    CROSS JOIN LATERAL (
        SELECT COALESCE(jsonb_agg(e.value ->> 'name') FILTER (WHERE e.value ->> 'name' IS NOT NULL), '[]'::jsonb) AS skills,
               COALESCE(string_agg(e.value ->> 'name', ' '), '') AS skill_text,
               COALESCE(MAX(doc.text), '') AS text
        FROM (SELECT left(dp.text, 200000) AS text, NULLIF(dp.profile, '')::jsonb AS profile
              FROM documents d JOIN document_profiles dp ON dp.document_id = d.id
              WHERE d.candidate_id = c.id AND d.kind = 'resume' ORDER BY d.created_at DESC, d.id DESC LIMIT 1) doc
        LEFT JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(doc.profile -> 'skills') = 'array'
            THEN doc.profile -> 'skills' ELSE '[]'::jsonb END) e ON jsonb_typeof(e.value) = 'object'
    ) r
    WHERE c.id = cid
    ON CONFLICT (candidate_id) DO UPDATE SET skills = excluded.skills, doc = excluded.doc;
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION candidate_search_candidate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM candidate_search_refresh(NEW.id);
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER candidate_search_insert AFTER INSERT ON candidates
    FOR EACH ROW EXECUTE FUNCTION candidate_search_candidate();
CREATE TRIGGER candidate_search_update AFTER UPDATE OF first_name, last_name, emails, phones, headline, current_title, current_company, location ON candidates
    FOR EACH ROW EXECUTE FUNCTION candidate_search_candidate();

-- +goose StatementBegin
CREATE FUNCTION candidate_search_profile() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM candidate_search_refresh(d.candidate_id) FROM documents d WHERE d.id = NEW.document_id;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER candidate_search_profile AFTER INSERT OR UPDATE OF text, profile ON document_profiles
    FOR EACH ROW EXECUTE FUNCTION candidate_search_profile();

-- +goose StatementBegin
CREATE FUNCTION candidate_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM candidate_search_refresh(OLD.candidate_id);
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.candidate_id IS DISTINCT FROM OLD.candidate_id THEN
        PERFORM candidate_search_refresh(NEW.candidate_id);
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER candidate_search_document AFTER DELETE OR UPDATE OF candidate_id, kind ON documents
    FOR EACH ROW EXECUTE FUNCTION candidate_search_document();

SELECT candidate_search_refresh(id) FROM candidates;

CREATE INDEX candidate_search_doc ON candidate_search USING gin (doc);
CREATE INDEX candidates_name_trgm ON candidates USING gin (sort_name gin_trgm_ops);
CREATE INDEX notes_body_fts ON notes USING gin (to_tsvector('simple', body));

-- +goose Down
DROP INDEX notes_body_fts;
DROP INDEX candidates_name_trgm;
DROP TRIGGER candidate_search_document ON documents;
DROP FUNCTION candidate_search_document();
DROP TRIGGER candidate_search_profile ON document_profiles;
DROP FUNCTION candidate_search_profile();
DROP TRIGGER candidate_search_update ON candidates;
DROP TRIGGER candidate_search_insert ON candidates;
DROP FUNCTION candidate_search_candidate();
DROP FUNCTION candidate_search_refresh(TEXT);
DROP TABLE candidate_search;
