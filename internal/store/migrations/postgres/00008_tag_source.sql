-- candidate_tags also carries its candidate's source, so the list's most
-- common pair of filters (tag and source) is one ordered index range too.

-- +goose Up
ALTER TABLE candidate_tags ADD COLUMN source TEXT NOT NULL DEFAULT '';
UPDATE candidate_tags t SET source = c.source FROM candidates c WHERE c.id = t.candidate_id;
CREATE INDEX candidate_tags_tag_source_updated ON candidate_tags (tag, source, updated_at DESC, candidate_id DESC);

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION candidate_tags_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT c.updated_at, c.source INTO NEW.updated_at, NEW.source FROM candidates c WHERE c.id = NEW.candidate_id;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION candidates_tags_source() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE candidate_tags SET source = NEW.source WHERE candidate_id = NEW.id;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER candidates_tags_source AFTER UPDATE OF source ON candidates
    FOR EACH ROW WHEN (OLD.source IS DISTINCT FROM NEW.source) EXECUTE FUNCTION candidates_tags_source();

-- +goose Down
DROP TRIGGER candidates_tags_source ON candidates;
DROP FUNCTION candidates_tags_source();
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION candidate_tags_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT c.updated_at INTO NEW.updated_at FROM candidates c WHERE c.id = NEW.candidate_id;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd
DROP INDEX candidate_tags_tag_source_updated;
ALTER TABLE candidate_tags DROP COLUMN source;
