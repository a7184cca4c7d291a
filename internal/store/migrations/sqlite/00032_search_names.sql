-- Names typed with a typo on SQLite (issue 12): PostgreSQL has pg_trgm on
-- candidates.sort_name (00030); SQLite gets the words names are made of
-- (each first and last name, lower case, once) under an FTS5 trigram index.
-- A name search looks up the words sharing trigrams with each word typed —
-- a small table however many candidates there are — and then searches the
-- candidates' name column for the words found. Words are only added (a
-- word no candidate has any longer finds nobody, which is harmless).

-- +goose Up
CREATE TABLE search_name_words (
    id   INTEGER PRIMARY KEY,
    word TEXT NOT NULL UNIQUE
);
CREATE VIRTUAL TABLE search_name_trgm USING fts5(word, content = 'search_name_words', content_rowid = 'id', tokenize = 'trigram');

-- +goose StatementBegin
CREATE TRIGGER search_name_words_insert AFTER INSERT ON search_name_words BEGIN
    INSERT INTO search_name_trgm (rowid, word) VALUES (NEW.id, NEW.word);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER search_name_candidate_insert AFTER INSERT ON candidates BEGIN
    INSERT OR IGNORE INTO search_name_words (word) SELECT lower(trim(NEW.first_name)) WHERE trim(NEW.first_name) <> ''
        UNION SELECT lower(trim(NEW.last_name)) WHERE trim(NEW.last_name) <> '';
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER search_name_candidate_update AFTER UPDATE OF first_name, last_name ON candidates BEGIN
    INSERT OR IGNORE INTO search_name_words (word) SELECT lower(trim(NEW.first_name)) WHERE trim(NEW.first_name) <> ''
        UNION SELECT lower(trim(NEW.last_name)) WHERE trim(NEW.last_name) <> '';
END;
-- +goose StatementEnd

INSERT OR IGNORE INTO search_name_words (word) SELECT lower(trim(first_name)) FROM candidates WHERE trim(first_name) <> ''
    UNION SELECT lower(trim(last_name)) FROM candidates WHERE trim(last_name) <> '';

-- +goose Down
DROP TRIGGER search_name_candidate_update;
DROP TRIGGER search_name_candidate_insert;
DROP TRIGGER search_name_words_insert;
DROP TABLE search_name_trgm;
DROP TABLE search_name_words;
