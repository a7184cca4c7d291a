package store

import (
	"context"

	"github.com/candor-ats/candor/internal/hiring"
)

// ImportedCandidates lists the candidates an import created, from the
// "candidate.imported" activity rows its batches wrote (they carry the
// import's id), in the order they were written.
func (db *DB) ImportedCandidates(ctx context.Context, id string, limit int) ([]hiring.Candidate, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	im, err := db.loadImport(ctx, db.rd, a, id)
	if err != nil {
		return nil, err
	}
	if limit <= 0 || limit > hiring.MaxLimit {
		limit = hiring.MaxLimit
	}
	p := &args{}
	cols, scan := db.candSelect()
	// The activity rows of one import: its action, written after the import
	// was created, naming its id in the JSON (both engines store it as text).
	rows, err := db.rd.QueryContext(ctx, "SELECT "+cols+candFrom+" JOIN activity ia ON ia.candidate_id = c.id"+
		" WHERE ia.action = 'candidate.imported' AND ia.created_at >= "+p.add(TimeArg(im.CreatedAt))+
		" AND ia.after_json LIKE "+p.add(`%"import_id":"`+escapeLike(im.ID)+`"%`)+` ESCAPE '\'`+
		" AND "+candidateVisible(a, "c.id", p)+" ORDER BY ia.id LIMIT "+p.add(limit), p.list...)
	if err != nil {
		return nil, dbErr("imported candidates", err)
	}
	defer rows.Close()
	out := []hiring.Candidate{}
	for rows.Next() {
		c, err := scan(rows)
		if err != nil {
			return nil, dbErr("imported candidates", err)
		}
		out = append(out, c)
	}
	return out, dbErr("imported candidates", rows.Err())
}
