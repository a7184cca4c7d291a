package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// sqliteSearchTriggers are migration 00030's triggers: BulkLoad drops them
// for the load and rebuilds the index set-wise (sqliteRebuildSearch).
var sqliteSearchTriggers = []string{"candidate_search_delete", "candidate_search_document_delete", "candidate_search_document_move",
	"candidate_search_document_move_to", "candidate_search_insert", "candidate_search_profile_insert", "candidate_search_profile_update",
	"candidate_search_update", "note_search_delete", "note_search_insert", "note_search_update",
	// migration 00032's name words
	"search_name_candidate_insert", "search_name_candidate_update", "search_name_words_insert"}

// sqliteRebuildSearch fills the search index from every candidate and note
// (the statements of migration 00030's backfill).
var sqliteRebuildSearchSQL = []string{
	"INSERT INTO candidate_fts (candidate_fts) VALUES ('delete-all')",
	"DELETE FROM candidate_search",
	`INSERT INTO candidate_search (candidate_id, skills) SELECT c.id, COALESCE((SELECT json_group_array(json_extract(j.value, '$.name'))
    FROM json_each((SELECT CASE WHEN json_valid(dp.profile) THEN dp.profile END FROM documents d JOIN document_profiles dp ON dp.document_id = d.id
        WHERE d.candidate_id = c.id AND d.kind = 'resume' AND dp.profile <> '' ORDER BY d.created_at DESC, d.id DESC LIMIT 1), '$.skills') j
    WHERE json_extract(j.value, '$.name') IS NOT NULL), '[]') FROM candidates c`,
	`INSERT INTO candidate_fts (rowid, name, contact, headline, title, company, location, skills, resume)
SELECT s.rid, c.first_name || ' ' || c.last_name, c.emails || ' ' || c.phones, c.headline, c.current_title, c.current_company,
    c.location, s.skills, COALESCE((SELECT substr(dp.text, 1, 200000) FROM documents d JOIN document_profiles dp ON dp.document_id = d.id
        WHERE d.candidate_id = c.id AND d.kind = 'resume' ORDER BY d.created_at DESC, d.id DESC LIMIT 1), '')
FROM candidates c JOIN candidate_search s ON s.candidate_id = c.id`,
	"INSERT INTO note_fts (note_fts) VALUES ('delete-all')",
	"DELETE FROM note_search",
	"INSERT INTO note_search (note_id) SELECT id FROM notes",
	"INSERT INTO note_fts (rowid, body) SELECT s.rid, n.body FROM note_search s JOIN notes n ON n.id = s.note_id",
	`INSERT OR IGNORE INTO search_name_words (word) SELECT lower(trim(first_name)) FROM candidates WHERE trim(first_name) <> ''
    UNION SELECT lower(trim(last_name)) FROM candidates WHERE trim(last_name) <> ''`,
	"INSERT INTO search_name_trgm (search_name_trgm) VALUES ('rebuild')",
}

func sqliteRebuildSearch(ctx context.Context, tx *sql.Tx) error {
	for _, q := range sqliteRebuildSearchSQL {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("store: bulk load: search index: %w", err)
		}
	}
	return nil
}

// DocumentProfile adds a parsed document's text and JSON Resume profile
// (the demo's resumes, already "parsed"); the document goes first.
func (b *Batch) DocumentProfile(documentID, text string, profile []byte, at time.Time) error {
	return b.add("document_profiles", []string{"document_id", "text", "profile", "edits", "version", "parsed_at", "updated_at"},
		documentID, text, string(profile), "{}", 1, TimeArg(at), TimeArg(at))
}

// SearchReference runs issue 12's reference query for one word, the plain
// engine query a search is measured against (cmd/candor-searchbench):
// SQLite `… MATCH ? ORDER BY rank LIMIT 50`, PostgreSQL ts_rank over the GIN
// index, LIMIT 50. It returns how many rows came back. No access rules: a
// benchmark tool, not a service.
func (db *DB) SearchReference(ctx context.Context, word string) (int, error) {
	q := "SELECT rowid FROM candidate_fts WHERE candidate_fts MATCH $1 ORDER BY rank LIMIT 50"
	arg := ftsString(word)
	if db.dialect == DialectPostgres {
		q = "SELECT candidate_id FROM candidate_search WHERE doc @@ plainto_tsquery('simple', $1) ORDER BY ts_rank(doc, plainto_tsquery('simple', $1)) DESC LIMIT 50"
		arg = word
	}
	rows, err := db.rd.QueryContext(ctx, q, arg)
	if err != nil {
		return 0, dbErr("search reference", err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, dbErr("search reference", rows.Err())
}

// SearchReferenceCount counts the candidates whose index entry holds the
// word (the engine's plain match, no access rules), or every indexed
// candidate for "": how common a benchmark's term is, and whether a
// benchmark database is loaded already (cmd/candor-searchbench).
func (db *DB) SearchReferenceCount(ctx context.Context, word string) (int, error) {
	q, args := "SELECT COUNT(*) FROM candidate_fts WHERE candidate_fts MATCH $1", []any{ftsString(word)}
	switch {
	case word == "":
		q, args = "SELECT COUNT(*) FROM candidate_search", nil
	case db.dialect == DialectPostgres:
		q, args = "SELECT COUNT(*) FROM candidate_search WHERE doc @@ plainto_tsquery('simple', $1)", []any{word}
	}
	var n int
	err := db.rd.QueryRowContext(ctx, q, args...).Scan(&n)
	return n, dbErr("search reference count", err)
}

// pgSearchRebuild fills candidate_search for the candidates a PostgreSQL
// load with quiet triggers left without a row: candidate_search_refresh's
// statement (migration 00030), set-wise.
const pgSearchRebuild = `INSERT INTO candidate_search (candidate_id, skills, doc)
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
    WHERE NOT EXISTS (SELECT 1 FROM candidate_search s WHERE s.candidate_id = c.id)`
