package store

import (
	"context"
	"database/sql"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
)

// CreateProspect adds a sourced person without an application, owned by
// and credited to the actor, unless a candidate with the same profile URL
// is on file: then EConflict naming the url field, with a
// *hiring.ProspectExists cause. LinkedIn URLs are found through the
// duplicate keys (candidate_linkedin); GitHub URLs by reading the links.
func (db *DB) CreateProspect(ctx context.Context, p hiring.ProspectInput) (hiring.Candidate, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Candidate{}, err
	}
	if !a.CanManageRecords() {
		return hiring.Candidate{}, forbidden("Only admins and recruiters add prospects.")
	}
	owner := a.UserID
	in, err := p.Candidate(owner)
	if err != nil {
		return hiring.Candidate{}, err
	}
	in.Normalize()
	if err := in.Validate(); err != nil {
		return hiring.Candidate{}, err
	}
	key, kind, _ := hiring.ProfileURLKey(p.URL)
	var c hiring.Candidate
	err = db.write(ctx, func(tx *sql.Tx) error {
		var id, first, last string
		var err error
		if kind == hiring.LinkLinkedIn {
			err = tx.QueryRowContext(ctx, `SELECT c.id, c.first_name, c.last_name FROM candidate_linkedin l JOIN candidates c ON c.id = l.candidate_id
				WHERE l.url_key = $1 ORDER BY c.created_at LIMIT 1`, key).Scan(&id, &first, &last)
		} else {
			// key is github.com/ + [a-z0-9-]: no LIKE metacharacters.
			err = tx.QueryRowContext(ctx, `SELECT id, first_name, last_name FROM candidates
				WHERE lower(links) LIKE $1 OR lower(links) LIKE $2 OR lower(links) LIKE $3 OR lower(links) LIKE $4 ORDER BY created_at LIMIT 1`,
				"%"+key+`"%`, "%"+key+"/%", "%"+key+"?%", "%"+key+"#%").Scan(&id, &first, &last)
		}
		switch {
		case err == nil:
			name := hiring.Candidate{FirstName: first, LastName: last}.Name()
			return &hiring.Error{Code: hiring.EConflict, Message: name + " is already on file with this profile.",
				Fields: []hiring.FieldError{{Field: "url", Message: "is already on file (" + name + ")"}},
				Err:    &hiring.ProspectExists{CandidateID: id, Name: name}}
		case err != sql.ErrNoRows:
			return dbErr("prospect duplicate check", err)
		}
		c, err = db.insertCandidate(ctx, tx, a, in)
		if err != nil {
			return err
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "candidate.sourced", SubjectType: "candidate", SubjectID: c.ID, CandidateID: c.ID,
			Summary: "sourced " + c.Name() + " from " + strings.TrimPrefix(strings.TrimSuffix(in.Source, ")"), "Sourced ("),
			After:   map[string]any{"url": in.Links[0].URL, "credited_to_id": owner}}, false)
	})
	return c, err
}
