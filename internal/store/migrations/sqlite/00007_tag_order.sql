-- candidate_tags carries its candidate's updated_at so that "candidates with
-- tag T, newest first" is one ordered index range instead of a scan of every
-- candidate checking for the tag. Triggers keep the copy in step, so code
-- that writes candidate_tags or candidates needs no change.

-- +goose Up
ALTER TABLE candidate_tags ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
UPDATE candidate_tags SET updated_at = (SELECT c.updated_at FROM candidates c WHERE c.id = candidate_tags.candidate_id);
CREATE INDEX candidate_tags_tag_updated ON candidate_tags (tag, updated_at DESC, candidate_id DESC);

-- +goose StatementBegin
CREATE TRIGGER candidate_tags_stamp AFTER INSERT ON candidate_tags
BEGIN
    UPDATE candidate_tags SET updated_at = (SELECT c.updated_at FROM candidates c WHERE c.id = NEW.candidate_id)
    WHERE candidate_id = NEW.candidate_id AND tag = NEW.tag;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER candidates_tags_touch AFTER UPDATE OF updated_at ON candidates
BEGIN
    UPDATE candidate_tags SET updated_at = NEW.updated_at WHERE candidate_id = NEW.id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER candidates_tags_touch;
DROP TRIGGER candidate_tags_stamp;
DROP INDEX candidate_tags_tag_updated;
ALTER TABLE candidate_tags DROP COLUMN updated_at;
