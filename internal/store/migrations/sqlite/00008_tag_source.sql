-- candidate_tags also carries its candidate's source, so the list's most
-- common pair of filters (tag and source) is one ordered index range too.
-- The triggers of 00007 are replaced by ones that copy both values.

-- +goose Up
ALTER TABLE candidate_tags ADD COLUMN source TEXT NOT NULL DEFAULT '';
UPDATE candidate_tags SET source = (SELECT c.source FROM candidates c WHERE c.id = candidate_tags.candidate_id);
CREATE INDEX candidate_tags_tag_source_updated ON candidate_tags (tag, source, updated_at DESC, candidate_id DESC);

DROP TRIGGER candidate_tags_stamp;
-- +goose StatementBegin
CREATE TRIGGER candidate_tags_stamp AFTER INSERT ON candidate_tags
BEGIN
    UPDATE candidate_tags SET (updated_at, source) = (SELECT c.updated_at, c.source FROM candidates c WHERE c.id = NEW.candidate_id)
    WHERE candidate_id = NEW.candidate_id AND tag = NEW.tag;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER candidates_tags_source AFTER UPDATE OF source ON candidates
BEGIN
    UPDATE candidate_tags SET source = NEW.source WHERE candidate_id = NEW.id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER candidates_tags_source;
DROP TRIGGER candidate_tags_stamp;
-- +goose StatementBegin
CREATE TRIGGER candidate_tags_stamp AFTER INSERT ON candidate_tags
BEGIN
    UPDATE candidate_tags SET updated_at = (SELECT c.updated_at FROM candidates c WHERE c.id = NEW.candidate_id)
    WHERE candidate_id = NEW.candidate_id AND tag = NEW.tag;
END;
-- +goose StatementEnd
DROP INDEX candidate_tags_tag_source_updated;
ALTER TABLE candidate_tags DROP COLUMN source;
