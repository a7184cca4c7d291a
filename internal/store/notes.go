package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/markup"
)

// noteVisible is a SQL condition on a notes row n: interviewers never see
// private notes; everyone but admins sees candidate-level notes and notes
// about applications of jobs they may see (recruiters: not confidential
// jobs off their team).
func noteVisible(a hiring.Actor, p *args) string {
	cond := "1=1"
	if !a.IsAdmin() {
		cond = "(n.job_id IS NULL OR " + jobIDVisible(a, "n.job_id", p) + ")"
	}
	if !a.SeesPrivate() {
		cond += " AND n.private = FALSE"
	}
	return cond
}

// AddNote adds a note; @mentions of users are resolved and stored.
func (db *DB) AddNote(ctx context.Context, in hiring.NewNote) (hiring.Note, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Note{}, err
	}
	in.Body = strings.TrimSpace(in.Body)
	if err := in.Validate(); err != nil {
		return hiring.Note{}, err
	}
	t := now()
	n := hiring.Note{ID: NewID(), CandidateID: in.CandidateID, ApplicationID: in.ApplicationID, AuthorID: a.UserID,
		AuthorName: a.Name, Body: in.Body, Private: in.Private, Mentions: []string{}, CreatedAt: t, UpdatedAt: t}
	err = db.write(ctx, func(tx *sql.Tx) error {
		c, err := db.loadCandidate(ctx, tx, a, in.CandidateID)
		if err != nil {
			return err
		}
		if in.Private && !a.SeesPrivate() {
			return forbidden("Interviewers cannot write private notes.")
		}
		jobID, err := db.candidateAppJob(ctx, tx, a, in.CandidateID, in.ApplicationID)
		if err != nil {
			return err
		}
		authorID := n.AuthorID
		if a.System {
			authorID = ""
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO notes (id, candidate_id, application_id, job_id, author_id, author_name, body, private, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, n.ID, n.CandidateID, nullString(in.ApplicationID), nullString(jobID),
			nullString(authorID), n.AuthorName, n.Body, n.Private, TimeArg(t), TimeArg(t)); err != nil {
			return dbErr("add note", err)
		}
		n.Mentions, err = resolveMentions(ctx, tx, markup.Mentions(n.Body))
		if err != nil {
			return err
		}
		for _, u := range n.Mentions {
			if _, err := tx.ExecContext(ctx, "INSERT INTO note_mentions (note_id, user_id) VALUES ($1, $2)", n.ID, u); err != nil {
				return dbErr("note mentions", err)
			}
		}
		if err := db.notifyMentions(ctx, tx, a, n); err != nil {
			return err
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "note.added", SubjectType: "note", SubjectID: n.ID, CandidateID: c.ID,
			JobID: jobID, Summary: "wrote a note on " + c.Name(), After: map[string]any{"body": excerpt(n.Body), "private": n.Private}}, n.Private)
	})
	if err != nil {
		return hiring.Note{}, err
	}
	return n, nil
}

func excerpt(s string) string {
	if r := []rune(s); len(r) > 200 {
		return string(r[:200]) + "…"
	}
	return s
}

// Notes lists a candidate's notes the actor may see, newest first.
func (db *DB) Notes(ctx context.Context, candidateID string) ([]hiring.Note, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if err := db.canSeeCandidate(ctx, db.rd, a, candidateID); err != nil {
		return nil, err
	}
	p := &args{}
	rows, err := db.rd.QueryContext(ctx, `SELECT n.id, n.candidate_id, n.application_id, n.author_id, n.author_name, n.body, n.private,
		n.created_at, n.updated_at FROM notes n WHERE n.candidate_id = `+p.add(candidateID)+" AND "+noteVisible(a, p)+
		" ORDER BY n.id DESC LIMIT 500", p.list...)
	if err != nil {
		return nil, dbErr("notes", err)
	}
	out := []hiring.Note{}
	idx := map[string]int{}
	for rows.Next() {
		var n hiring.Note
		if err := rows.Scan(&n.ID, &n.CandidateID, strCol{&n.ApplicationID}, strCol{&n.AuthorID}, &n.AuthorName, &n.Body, &n.Private,
			timeCol{&n.CreatedAt}, timeCol{&n.UpdatedAt}); err != nil {
			rows.Close()
			return nil, dbErr("notes", err)
		}
		n.Mentions = []string{}
		idx[n.ID] = len(out)
		out = append(out, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, dbErr("notes", err)
	}
	rows, err = db.rd.QueryContext(ctx, `SELECT m.note_id, m.user_id FROM note_mentions m JOIN notes n ON n.id = m.note_id
		WHERE n.candidate_id = $1 ORDER BY m.note_id, m.user_id`, candidateID)
	if err != nil {
		return nil, dbErr("note mentions", err)
	}
	defer rows.Close()
	for rows.Next() {
		var noteID, userID string
		if err := rows.Scan(&noteID, &userID); err != nil {
			return nil, dbErr("note mentions", err)
		}
		if i, ok := idx[noteID]; ok {
			out[i].Mentions = append(out[i].Mentions, userID)
		}
	}
	return out, dbErr("note mentions", rows.Err())
}

// DeleteNote deletes a note; its author or an admin may.
func (db *DB) DeleteNote(ctx context.Context, id string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		p := &args{}
		var n hiring.Note
		var jobID string
		err := tx.QueryRowContext(ctx, "SELECT n.id, n.candidate_id, n.author_id, n.private, n.job_id FROM notes n WHERE n.id = "+p.add(id)+
			" AND "+noteVisible(a, p)+" AND "+candidateVisible(a, "n.candidate_id", p), p.list...).Scan(&n.ID, &n.CandidateID, strCol{&n.AuthorID}, &n.Private, strCol{&jobID})
		if err != nil {
			return notFound("note", err)
		}
		if !a.IsAdmin() && n.AuthorID != a.UserID {
			return forbidden("Only the author or an admin may delete a note.")
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM notes WHERE id = $1", id); err != nil {
			return dbErr("delete note", err)
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "note.deleted", SubjectType: "note", SubjectID: id, CandidateID: n.CandidateID,
			JobID: jobID, Summary: "deleted a note"}, n.Private)
	})
}
