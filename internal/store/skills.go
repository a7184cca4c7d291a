package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/candor-ats/candor/internal/hiring"
)

// Skills lists the admin-added skills vocabulary, by name. Any signed-in
// actor may read it (the parser runs as the system).
func (db *DB) Skills(ctx context.Context) ([]hiring.Skill, error) {
	if _, err := actor(ctx); err != nil {
		return nil, err
	}
	rows, err := db.rd.QueryContext(ctx, "SELECT id, name, synonyms, created_by_id, created_at FROM skills ORDER BY name_key")
	if err != nil {
		return nil, dbErr("skills", err)
	}
	defer rows.Close()
	out := []hiring.Skill{}
	for rows.Next() {
		var s hiring.Skill
		if err := rows.Scan(&s.ID, &s.Name, jsonCol{&s.Synonyms}, strCol{&s.CreatedByID}, timeCol{&s.CreatedAt}); err != nil {
			return nil, dbErr("skills", err)
		}
		if s.Synonyms == nil {
			s.Synonyms = []string{}
		}
		out = append(out, s)
	}
	return out, dbErr("skills", rows.Err())
}

// AddSkill adds a canonical skill with its synonyms (admins).
func (db *DB) AddSkill(ctx context.Context, name string, synonyms []string) (hiring.Skill, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Skill{}, err
	}
	if !a.IsAdmin() {
		return hiring.Skill{}, forbidden("Only admins edit the skills vocabulary.")
	}
	var v hiring.Validation
	name = strings.Join(strings.Fields(name), " ")
	if name == "" || utf8.RuneCountInString(name) > 100 {
		v.Add("name", "is required (at most 100 characters)")
	}
	seen := map[string]bool{strings.ToLower(name): true}
	syns := []string{}
	for _, s := range synonyms {
		s = strings.Join(strings.Fields(s), " ")
		if s == "" || seen[strings.ToLower(s)] {
			continue
		}
		if utf8.RuneCountInString(s) > 100 {
			v.Add("synonyms", "each synonym has at most 100 characters")
			break
		}
		seen[strings.ToLower(s)] = true
		syns = append(syns, s)
	}
	if len(syns) > 50 {
		v.Add("synonyms", "at most 50 synonyms")
	}
	if err := v.Err(); err != nil {
		return hiring.Skill{}, err
	}
	s := hiring.Skill{ID: NewID(), Name: name, Synonyms: syns, CreatedAt: now()}
	if !a.System {
		s.CreatedByID = a.UserID
	}
	err = db.write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO skills (id, name, name_key, synonyms, created_by_id, created_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, s.ID, s.Name, strings.ToLower(s.Name), jsonArg(s.Synonyms), nullString(s.CreatedByID),
			TimeArg(s.CreatedAt)); err != nil {
			if isUniqueViolation(err) {
				return conflict("name", "This skill is already in the vocabulary.")
			}
			return dbErr("add skill", err)
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "skill.added", SubjectType: "skill", SubjectID: s.ID,
			Summary: "added skill " + s.Name, After: map[string]any{"name": s.Name, "synonyms": s.Synonyms}}, false)
	})
	if err != nil {
		return hiring.Skill{}, err
	}
	return s, nil
}

// DeleteSkill removes an admin-added skill (admins).
func (db *DB) DeleteSkill(ctx context.Context, id string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	if !a.IsAdmin() {
		return forbidden("Only admins edit the skills vocabulary.")
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		var name string
		if err := tx.QueryRowContext(ctx, "SELECT name FROM skills WHERE id = $1", id).Scan(&name); err != nil {
			return notFound("skill", err)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM skills WHERE id = $1", id); err != nil {
			return dbErr("delete skill", err)
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "skill.deleted", SubjectType: "skill", SubjectID: id,
			Summary: "removed skill " + name, Before: map[string]any{"name": name}}, false)
	})
}

const settingDefaultRegion = "parse.default_region"

// ParseSettings returns the company's parse settings (defaults when unset).
func (db *DB) ParseSettings(ctx context.Context) (hiring.ParseSettings, error) {
	if _, err := actor(ctx); err != nil {
		return hiring.ParseSettings{}, err
	}
	s := hiring.ParseSettings{DefaultRegion: "US"}
	var v string
	err := db.rd.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = $1", settingDefaultRegion).Scan(&v)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return s, dbErr("settings", err)
	case v != "":
		s.DefaultRegion = v
	}
	return s, nil
}

// SetParseSettings saves the parse settings (admins).
func (db *DB) SetParseSettings(ctx context.Context, s hiring.ParseSettings) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	if !a.IsAdmin() {
		return forbidden("Only admins change settings.")
	}
	s.Normalize()
	if err := s.Validate(); err != nil {
		return err
	}
	r := s.DefaultRegion
	return db.write(ctx, func(tx *sql.Tx) error {
		var old string
		_ = tx.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = $1", settingDefaultRegion).Scan(&old)
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
			settingDefaultRegion, r, TimeArg(now())); err != nil {
			return dbErr("save settings", err)
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "settings.updated", SubjectType: "settings", SubjectID: settingDefaultRegion,
			Summary: "set the default phone region to " + r, Before: map[string]any{"default_region": old},
			After: map[string]any{"default_region": r}}, false)
	})
}
