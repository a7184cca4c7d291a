-- candidate_tags carries its candidate's updated_at so that "candidates with
-- tag T, newest first" is one ordered index range instead of a scan of every
-- candidate checking for the tag. Triggers keep the copy in step, so code
-- that writes candidate_tags or candidates needs no change.

-- +goose Up
ALTER TABLE candidate_tags ADD COLUMN updated_at timestamptz;
UPDATE candidate_tags t SET updated_at = c.updated_at FROM candidates c WHERE c.id = t.candidate_id;
CREATE INDEX candidate_tags_tag_updated ON candidate_tags (tag, updated_at DESC, candidate_id DESC);

-- +goose StatementBegin
CREATE FUNCTION candidate_tags_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT c.updated_at INTO NEW.updated_at FROM candidates c WHERE c.id = NEW.candidate_id;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER candidate_tags_stamp BEFORE INSERT ON candidate_tags
    FOR EACH ROW EXECUTE FUNCTION candidate_tags_stamp();

-- +goose StatementBegin
CREATE FUNCTION candidates_tags_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE candidate_tags SET updated_at = NEW.updated_at WHERE candidate_id = NEW.id;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER candidates_tags_touch AFTER UPDATE OF updated_at ON candidates
    FOR EACH ROW WHEN (OLD.updated_at IS DISTINCT FROM NEW.updated_at) EXECUTE FUNCTION candidates_tags_touch();

-- +goose Down
DROP TRIGGER candidates_tags_touch ON candidates;
DROP FUNCTION candidates_tags_touch();
DROP TRIGGER candidate_tags_stamp ON candidate_tags;
DROP FUNCTION candidate_tags_stamp();
DROP INDEX candidate_tags_tag_updated;
ALTER TABLE candidate_tags DROP COLUMN updated_at;
