-- The source filter ignores ASCII case, like the tag filter ("linkedin" finds
-- "LinkedIn"): its indexes are on the folded source, which is what the list
-- query compares (hiring.SourceKey folds the value the same way).

-- +goose Up
DROP INDEX candidates_source;
CREATE INDEX candidates_source_fold ON candidates (lower(source), updated_at DESC, id DESC);
DROP INDEX candidate_tags_tag_source_updated;
CREATE INDEX candidate_tags_tag_source_fold ON candidate_tags (tag, lower(source), updated_at DESC, candidate_id DESC);

-- +goose Down
DROP INDEX candidate_tags_tag_source_fold;
CREATE INDEX candidate_tags_tag_source_updated ON candidate_tags (tag, source, updated_at DESC, candidate_id DESC);
DROP INDEX candidates_source_fold;
CREATE INDEX candidates_source ON candidates (source, updated_at DESC, id DESC);
