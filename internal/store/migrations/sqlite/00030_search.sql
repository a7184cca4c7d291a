-- Candidate search (issue 12 part 1): an FTS5 index over what a recruiter
-- searches — names, emails and phones, headline, current title and company,
-- location, the latest resume's canonical skills and text — and one over
-- notes (searched only where the actor may read the note: the query joins
-- notes and applies the notes' access rules).
--
-- candidate_search gives each candidate a stable integer rowid for FTS5 and
-- holds the skills list (JSON) for facet counts. Both full-text tables are
-- contentless (the text lives in candidates and document_profiles, not twice)
-- with contentless_delete, so a row can be replaced. Triggers keep them
-- current in the transaction of every change (candidate written, resume
-- parsed or corrected, document moved by a merge or deleted, note written):
-- no writer needs to know.

-- +goose Up
CREATE TABLE candidate_search (
    rid          INTEGER PRIMARY KEY,
    candidate_id TEXT NOT NULL UNIQUE REFERENCES candidates(id) ON DELETE CASCADE,
    skills       TEXT NOT NULL DEFAULT '[]'
);
CREATE VIRTUAL TABLE candidate_fts USING fts5(name, contact, headline, title, company, location, skills, resume,
    content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE note_search (
    rid     INTEGER PRIMARY KEY,
    note_id TEXT NOT NULL UNIQUE REFERENCES notes(id) ON DELETE CASCADE
);
CREATE VIRTUAL TABLE note_fts USING fts5(body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');

-- +goose StatementBegin
CREATE TRIGGER candidate_search_insert AFTER INSERT ON candidates BEGIN
    DELETE FROM candidate_fts WHERE rowid = (SELECT rid FROM candidate_search WHERE candidate_id = NEW.id);
    INSERT INTO candidate_search (candidate_id, skills) SELECT c.id, COALESCE((SELECT json_group_array(json_extract(j.value, '$.name'))
        FROM json_each((SELECT CASE WHEN json_valid(dp.profile) THEN dp.profile END FROM documents d JOIN document_profiles dp ON dp.document_id = d.id
            WHERE d.candidate_id = c.id AND d.kind = 'resume' AND dp.profile <> '' ORDER BY d.created_at DESC, d.id DESC LIMIT 1), '$.skills') j
        WHERE json_extract(j.value, '$.name') IS NOT NULL), '[]') FROM candidates c WHERE c.id = NEW.id
        ON CONFLICT (candidate_id) DO UPDATE SET skills = excluded.skills;
    INSERT INTO candidate_fts (rowid, name, contact, headline, title, company, location, skills, resume)
    SELECT s.rid, c.first_name || ' ' || c.last_name, c.emails || ' ' || c.phones, c.headline, c.current_title, c.current_company,
        c.location, s.skills, COALESCE((SELECT substr(dp.text, 1, 200000) FROM documents d JOIN document_profiles dp ON dp.document_id = d.id
            WHERE d.candidate_id = c.id AND d.kind = 'resume' ORDER BY d.created_at DESC, d.id DESC LIMIT 1), '')
    FROM candidates c JOIN candidate_search s ON s.candidate_id = c.id WHERE c.id = NEW.id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER candidate_search_update AFTER UPDATE OF first_name, last_name, emails, phones, headline, current_title, current_company, location ON candidates BEGIN
    DELETE FROM candidate_fts WHERE rowid = (SELECT rid FROM candidate_search WHERE candidate_id = NEW.id);
    INSERT INTO candidate_search (candidate_id, skills) SELECT c.id, COALESCE((SELECT json_group_array(json_extract(j.value, '$.name'))
        FROM json_each((SELECT CASE WHEN json_valid(dp.profile) THEN dp.profile END FROM documents d JOIN document_profiles dp ON dp.document_id = d.id
            WHERE d.candidate_id = c.id AND d.kind = 'resume' AND dp.profile <> '' ORDER BY d.created_at DESC, d.id DESC LIMIT 1), '$.skills') j
        WHERE json_extract(j.value, '$.name') IS NOT NULL), '[]') FROM candidates c WHERE c.id = NEW.id
        ON CONFLICT (candidate_id) DO UPDATE SET skills = excluded.skills;
    INSERT INTO candidate_fts (rowid, name, contact, headline, title, company, location, skills, resume)
    SELECT s.rid, c.first_name || ' ' || c.last_name, c.emails || ' ' || c.phones, c.headline, c.current_title, c.current_company,
        c.location, s.skills, COALESCE((SELECT substr(dp.text, 1, 200000) FROM documents d JOIN document_profiles dp ON dp.document_id = d.id
            WHERE d.candidate_id = c.id AND d.kind = 'resume' ORDER BY d.created_at DESC, d.id DESC LIMIT 1), '')
    FROM candidates c JOIN candidate_search s ON s.candidate_id = c.id WHERE c.id = NEW.id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER candidate_search_delete AFTER DELETE ON candidates BEGIN
    DELETE FROM candidate_fts WHERE rowid = (SELECT rid FROM candidate_search WHERE candidate_id = OLD.id);
    DELETE FROM candidate_search WHERE candidate_id = OLD.id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER candidate_search_profile_insert AFTER INSERT ON document_profiles BEGIN
    DELETE FROM candidate_fts WHERE rowid = (SELECT rid FROM candidate_search WHERE candidate_id = (SELECT candidate_id FROM documents WHERE id = NEW.document_id));
    INSERT INTO candidate_search (candidate_id, skills) SELECT c.id, COALESCE((SELECT json_group_array(json_extract(j.value, '$.name'))
        FROM json_each((SELECT CASE WHEN json_valid(dp.profile) THEN dp.profile END FROM documents d JOIN document_profiles dp ON dp.document_id = d.id
            WHERE d.candidate_id = c.id AND d.kind = 'resume' AND dp.profile <> '' ORDER BY d.created_at DESC, d.id DESC LIMIT 1), '$.skills') j
        WHERE json_extract(j.value, '$.name') IS NOT NULL), '[]') FROM candidates c WHERE c.id = (SELECT candidate_id FROM documents WHERE id = NEW.document_id)
        ON CONFLICT (candidate_id) DO UPDATE SET skills = excluded.skills;
    INSERT INTO candidate_fts (rowid, name, contact, headline, title, company, location, skills, resume)
    SELECT s.rid, c.first_name || ' ' || c.last_name, c.emails || ' ' || c.phones, c.headline, c.current_title, c.current_company,
        c.location, s.skills, COALESCE((SELECT substr(dp.text, 1, 200000) FROM documents d JOIN document_profiles dp ON dp.document_id = d.id
            WHERE d.candidate_id = c.id AND d.kind = 'resume' ORDER BY d.created_at DESC, d.id DESC LIMIT 1), '')
    FROM candidates c JOIN candidate_search s ON s.candidate_id = c.id WHERE c.id = (SELECT candidate_id FROM documents WHERE id = NEW.document_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER candidate_search_profile_update AFTER UPDATE OF text, profile ON document_profiles BEGIN
    DELETE FROM candidate_fts WHERE rowid = (SELECT rid FROM candidate_search WHERE candidate_id = (SELECT candidate_id FROM documents WHERE id = NEW.document_id));
    INSERT INTO candidate_search (candidate_id, skills) SELECT c.id, COALESCE((SELECT json_group_array(json_extract(j.value, '$.name'))
        FROM json_each((SELECT CASE WHEN json_valid(dp.profile) THEN dp.profile END FROM documents d JOIN document_profiles dp ON dp.document_id = d.id
            WHERE d.candidate_id = c.id AND d.kind = 'resume' AND dp.profile <> '' ORDER BY d.created_at DESC, d.id DESC LIMIT 1), '$.skills') j
        WHERE json_extract(j.value, '$.name') IS NOT NULL), '[]') FROM candidates c WHERE c.id = (SELECT candidate_id FROM documents WHERE id = NEW.document_id)
        ON CONFLICT (candidate_id) DO UPDATE SET skills = excluded.skills;
    INSERT INTO candidate_fts (rowid, name, contact, headline, title, company, location, skills, resume)
    SELECT s.rid, c.first_name || ' ' || c.last_name, c.emails || ' ' || c.phones, c.headline, c.current_title, c.current_company,
        c.location, s.skills, COALESCE((SELECT substr(dp.text, 1, 200000) FROM documents d JOIN document_profiles dp ON dp.document_id = d.id
            WHERE d.candidate_id = c.id AND d.kind = 'resume' ORDER BY d.created_at DESC, d.id DESC LIMIT 1), '')
    FROM candidates c JOIN candidate_search s ON s.candidate_id = c.id WHERE c.id = (SELECT candidate_id FROM documents WHERE id = NEW.document_id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER candidate_search_document_delete AFTER DELETE ON documents BEGIN
    DELETE FROM candidate_fts WHERE rowid = (SELECT rid FROM candidate_search WHERE candidate_id = OLD.candidate_id);
    INSERT INTO candidate_search (candidate_id, skills) SELECT c.id, COALESCE((SELECT json_group_array(json_extract(j.value, '$.name'))
        FROM json_each((SELECT CASE WHEN json_valid(dp.profile) THEN dp.profile END FROM documents d JOIN document_profiles dp ON dp.document_id = d.id
            WHERE d.candidate_id = c.id AND d.kind = 'resume' AND dp.profile <> '' ORDER BY d.created_at DESC, d.id DESC LIMIT 1), '$.skills') j
        WHERE json_extract(j.value, '$.name') IS NOT NULL), '[]') FROM candidates c WHERE c.id = OLD.candidate_id
        ON CONFLICT (candidate_id) DO UPDATE SET skills = excluded.skills;
    INSERT INTO candidate_fts (rowid, name, contact, headline, title, company, location, skills, resume)
    SELECT s.rid, c.first_name || ' ' || c.last_name, c.emails || ' ' || c.phones, c.headline, c.current_title, c.current_company,
        c.location, s.skills, COALESCE((SELECT substr(dp.text, 1, 200000) FROM documents d JOIN document_profiles dp ON dp.document_id = d.id
            WHERE d.candidate_id = c.id AND d.kind = 'resume' ORDER BY d.created_at DESC, d.id DESC LIMIT 1), '')
    FROM candidates c JOIN candidate_search s ON s.candidate_id = c.id WHERE c.id = OLD.candidate_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER candidate_search_document_move AFTER UPDATE OF candidate_id, kind ON documents BEGIN
    DELETE FROM candidate_fts WHERE rowid = (SELECT rid FROM candidate_search WHERE candidate_id = OLD.candidate_id);
    INSERT INTO candidate_search (candidate_id, skills) SELECT c.id, COALESCE((SELECT json_group_array(json_extract(j.value, '$.name'))
        FROM json_each((SELECT CASE WHEN json_valid(dp.profile) THEN dp.profile END FROM documents d JOIN document_profiles dp ON dp.document_id = d.id
            WHERE d.candidate_id = c.id AND d.kind = 'resume' AND dp.profile <> '' ORDER BY d.created_at DESC, d.id DESC LIMIT 1), '$.skills') j
        WHERE json_extract(j.value, '$.name') IS NOT NULL), '[]') FROM candidates c WHERE c.id = OLD.candidate_id
        ON CONFLICT (candidate_id) DO UPDATE SET skills = excluded.skills;
    INSERT INTO candidate_fts (rowid, name, contact, headline, title, company, location, skills, resume)
    SELECT s.rid, c.first_name || ' ' || c.last_name, c.emails || ' ' || c.phones, c.headline, c.current_title, c.current_company,
        c.location, s.skills, COALESCE((SELECT substr(dp.text, 1, 200000) FROM documents d JOIN document_profiles dp ON dp.document_id = d.id
            WHERE d.candidate_id = c.id AND d.kind = 'resume' ORDER BY d.created_at DESC, d.id DESC LIMIT 1), '')
    FROM candidates c JOIN candidate_search s ON s.candidate_id = c.id WHERE c.id = OLD.candidate_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER candidate_search_document_move_to AFTER UPDATE OF candidate_id, kind ON documents BEGIN
    DELETE FROM candidate_fts WHERE rowid = (SELECT rid FROM candidate_search WHERE candidate_id = NEW.candidate_id);
    INSERT INTO candidate_search (candidate_id, skills) SELECT c.id, COALESCE((SELECT json_group_array(json_extract(j.value, '$.name'))
        FROM json_each((SELECT CASE WHEN json_valid(dp.profile) THEN dp.profile END FROM documents d JOIN document_profiles dp ON dp.document_id = d.id
            WHERE d.candidate_id = c.id AND d.kind = 'resume' AND dp.profile <> '' ORDER BY d.created_at DESC, d.id DESC LIMIT 1), '$.skills') j
        WHERE json_extract(j.value, '$.name') IS NOT NULL), '[]') FROM candidates c WHERE c.id = NEW.candidate_id
        ON CONFLICT (candidate_id) DO UPDATE SET skills = excluded.skills;
    INSERT INTO candidate_fts (rowid, name, contact, headline, title, company, location, skills, resume)
    SELECT s.rid, c.first_name || ' ' || c.last_name, c.emails || ' ' || c.phones, c.headline, c.current_title, c.current_company,
        c.location, s.skills, COALESCE((SELECT substr(dp.text, 1, 200000) FROM documents d JOIN document_profiles dp ON dp.document_id = d.id
            WHERE d.candidate_id = c.id AND d.kind = 'resume' ORDER BY d.created_at DESC, d.id DESC LIMIT 1), '')
    FROM candidates c JOIN candidate_search s ON s.candidate_id = c.id WHERE c.id = NEW.candidate_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER note_search_insert AFTER INSERT ON notes BEGIN
    INSERT INTO note_search (note_id) VALUES (NEW.id);
    INSERT INTO note_fts (rowid, body) SELECT rid, NEW.body FROM note_search WHERE note_id = NEW.id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER note_search_update AFTER UPDATE OF body ON notes BEGIN
    DELETE FROM note_fts WHERE rowid = (SELECT rid FROM note_search WHERE note_id = NEW.id);
    INSERT INTO note_fts (rowid, body) SELECT rid, NEW.body FROM note_search WHERE note_id = NEW.id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER note_search_delete AFTER DELETE ON notes BEGIN
    DELETE FROM note_fts WHERE rowid = (SELECT rid FROM note_search WHERE note_id = OLD.id);
    DELETE FROM note_search WHERE note_id = OLD.id;
END;
-- +goose StatementEnd

-- The records already there.
INSERT INTO candidate_search (candidate_id, skills) SELECT c.id, COALESCE((SELECT json_group_array(json_extract(j.value, '$.name'))
    FROM json_each((SELECT CASE WHEN json_valid(dp.profile) THEN dp.profile END FROM documents d JOIN document_profiles dp ON dp.document_id = d.id
        WHERE d.candidate_id = c.id AND d.kind = 'resume' AND dp.profile <> '' ORDER BY d.created_at DESC, d.id DESC LIMIT 1), '$.skills') j
    WHERE json_extract(j.value, '$.name') IS NOT NULL), '[]') FROM candidates c;
INSERT INTO candidate_fts (rowid, name, contact, headline, title, company, location, skills, resume)
SELECT s.rid, c.first_name || ' ' || c.last_name, c.emails || ' ' || c.phones, c.headline, c.current_title, c.current_company,
    c.location, s.skills, COALESCE((SELECT substr(dp.text, 1, 200000) FROM documents d JOIN document_profiles dp ON dp.document_id = d.id
        WHERE d.candidate_id = c.id AND d.kind = 'resume' ORDER BY d.created_at DESC, d.id DESC LIMIT 1), '')
FROM candidates c JOIN candidate_search s ON s.candidate_id = c.id;
INSERT INTO note_search (note_id) SELECT id FROM notes;
INSERT INTO note_fts (rowid, body) SELECT s.rid, n.body FROM note_search s JOIN notes n ON n.id = s.note_id;

-- +goose Down
DROP TRIGGER note_search_delete;
DROP TRIGGER note_search_update;
DROP TRIGGER note_search_insert;
DROP TRIGGER candidate_search_document_move_to;
DROP TRIGGER candidate_search_document_move;
DROP TRIGGER candidate_search_document_delete;
DROP TRIGGER candidate_search_profile_update;
DROP TRIGGER candidate_search_profile_insert;
DROP TRIGGER candidate_search_delete;
DROP TRIGGER candidate_search_update;
DROP TRIGGER candidate_search_insert;
DROP TABLE note_fts;
DROP TABLE note_search;
DROP TABLE candidate_fts;
DROP TABLE candidate_search;
