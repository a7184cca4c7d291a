package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/candor-ats/candor/internal/hiring"
)

// UndoMerge restores both candidates of a merge. Rows that moved go back;
// the survivor gets its earlier values back where nobody changed them since.
// What could not be restored is listed in the returned Merge.NotRestored.
func (db *DB) UndoMerge(ctx context.Context, id string) (hiring.Merge, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Merge{}, err
	}
	if !a.CanManageRecords() {
		return hiring.Merge{}, hiring.ErrNotFound("merge")
	}
	var out hiring.Merge
	err = db.write(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = db.undoTx(ctx, tx, a, id)
		return err
	})
	return out, err
}

func (db *DB) undoTx(ctx context.Context, tx *sql.Tx, a hiring.Actor, id string) (hiring.Merge, error) {
	// Claim the merge first: of two concurrent undos, one waits here and then finds it done.
	t := now()
	res, err := tx.ExecContext(ctx, "UPDATE merges SET undone_at = $1, undone_by_name = $2 WHERE id = $3 AND undone_at IS NULL", TimeArg(t), a.Name, id)
	if err != nil {
		return hiring.Merge{}, dbErr("undo merge", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := db.loadMerge(ctx, tx, a, id); err != nil {
			return hiring.Merge{}, err
		}
		return hiring.Merge{}, conflict("", "This merge was already undone.")
	}
	var body string
	if err := tx.QueryRowContext(ctx, "SELECT record FROM merges WHERE id = $1", id).Scan(&body); err != nil {
		return hiring.Merge{}, dbErr("undo merge", err)
	}
	var rec mergeRecord
	if err := json.Unmarshal([]byte(body), &rec); err != nil {
		return hiring.Merge{}, fmt.Errorf("store: merge record %s: %w", id, err)
	}
	s, m := rec.SurvivorAfter, rec.Merged
	cur, err := db.loadCandidate(ctx, tx, hiring.SystemActor(), s.ID)
	if err != nil {
		return hiring.Merge{}, conflict("", s.Name()+" no longer exists (merged into someone else or erased); undo that first.")
	}
	if _, err := db.loadCandidate(ctx, tx, hiring.SystemActor(), m.ID); err == nil {
		return hiring.Merge{}, conflict("", m.Name()+" exists again; this merge cannot be undone twice.")
	}
	var report []string
	if m.OwnerID != "" {
		if err := checkOwner(ctx, tx, m.OwnerID); err != nil {
			report = append(report, m.Name()+"'s owner no longer exists; restored without an owner.")
			m.OwnerID = ""
		}
	}
	if err := insertCandidateRow(ctx, tx, m); err != nil {
		return hiring.Merge{}, err
	}
	for _, f := range rec.FieldSources {
		if _, err := tx.ExecContext(ctx, `INSERT INTO candidate_field_sources (candidate_id, field, value, source, document_id, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`, m.ID, f.Field, f.Value, f.Source, nullString(f.DocumentID), TimeArg(f.CreatedAt)); err != nil {
			return hiring.Merge{}, dbErr("undo merge: field sources", err)
		}
	}
	for _, mv := range []struct {
		table, one, many string
		ids              []string
	}{
		{"applications", "application", "applications", rec.Applications},
		{"documents", "document", "documents", rec.Documents},
		{"notes", "note", "notes", rec.Notes},
		{"activity", "timeline entry", "timeline entries", rec.Activity},
	} {
		moved, err := moveBack(ctx, tx, mv.table, mv.ids, s.ID, m.ID)
		if err != nil {
			return hiring.Merge{}, err
		}
		if missing := len(mv.ids) - moved; missing > 0 {
			report = append(report, plural(missing, mv.one, mv.many)+" moved by the merge no longer belonged to "+s.Name()+" (deleted or moved since) and stayed where they are.")
		}
	}
	for _, id := range []string{s.ID, m.ID} { // resumes moved back: both sides' matching features
		if err := db.writeMatchFeatures(ctx, tx, id); err != nil {
			return hiring.Merge{}, err
		}
	}
	for _, w := range rec.Withdrawn {
		msg, err := reopenWithdrawn(ctx, tx, a, w)
		if err != nil {
			return hiring.Merge{}, err
		}
		if msg != "" {
			report = append(report, msg)
		}
	}
	restored, notes := restoreSurvivor(rec.SurvivorBefore, rec.SurvivorAfter, cur)
	report = append(report, notes...)
	version, updated := cur.Version+1, now()
	if len(notes) == 0 && cur.Version == rec.SurvivorAfter.Version {
		// Untouched since the merge: put the row back exactly, version included.
		version, updated = rec.SurvivorBefore.Version, rec.SurvivorBefore.UpdatedAt
	}
	if restored.OwnerID != "" {
		if err := checkOwner(ctx, tx, restored.OwnerID); err != nil {
			restored.OwnerID = ""
		}
	}
	if err := writeCandidateRow(ctx, tx, restored, version, updated, cur.Version); err != nil {
		return hiring.Merge{}, err
	}
	if report == nil {
		report = []string{}
	}
	if _, err := tx.ExecContext(ctx, "UPDATE merges SET undo_report = $1 WHERE id = $2", jsonArg(report), id); err != nil {
		return hiring.Merge{}, dbErr("undo merge", err)
	}
	after := map[string]any{"merge_id": id, "not_restored": report}
	if err := db.record(ctx, tx, a, hiring.Activity{Action: "candidate.unmerged", SubjectType: "merge", SubjectID: id, CandidateID: s.ID,
		Summary: "undid the merge of " + m.Name() + " into " + restored.Name(), After: after}, false); err != nil {
		return hiring.Merge{}, err
	}
	if err := db.record(ctx, tx, a, hiring.Activity{Action: "candidate.unmerged", SubjectType: "merge", SubjectID: id, CandidateID: m.ID,
		Summary: "restored " + m.Name() + " from the merge into " + restored.Name(), After: after}, false); err != nil {
		return hiring.Merge{}, err
	}
	return db.loadMerge(ctx, tx, a, id)
}

// moveBack re-points the listed rows still on the survivor to the restored
// candidate and counts those that were not there any more.
func moveBack(ctx context.Context, tx *sql.Tx, table string, ids []string, from, to string) (int, error) {
	moved := 0
	for len(ids) > 0 {
		n := min(len(ids), 500)
		p := &args{}
		res, err := tx.ExecContext(ctx, "UPDATE "+table+" SET candidate_id = "+p.add(to)+" WHERE candidate_id = "+p.add(from)+
			" AND id IN ("+p.in(ids[:n])+")", p.list...)
		if err != nil {
			return 0, dbErr("undo merge: "+table, err)
		}
		k, _ := res.RowsAffected()
		moved += int(k)
		ids = ids[n:]
	}
	return moved, nil
}

// reopenWithdrawn makes an application the merge withdrew active again, as
// it was, unless it changed since or its candidate has another active one.
func reopenWithdrawn(ctx context.Context, tx *sql.Tx, a hiring.Actor, w withdrawnApp) (string, error) {
	var status, candID, stageID string
	var version int
	err := tx.QueryRowContext(ctx, "SELECT status, version, candidate_id, stage_id FROM applications WHERE id = $1", w.ID).Scan(&status, &version, &candID, &stageID)
	if err == sql.ErrNoRows {
		return "An application the merge withdrew was deleted since; it cannot be reopened.", nil
	}
	if err != nil {
		return "", dbErr("undo merge: application", err)
	}
	if status != string(hiring.AppWithdrawn) || version != w.AfterVersion {
		return "An application the merge withdrew was changed since (now " + status + "); it was left as it is.", nil
	}
	var other int
	err = tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM applications WHERE candidate_id = $1 AND job_id = $2 AND status = 'active'", candID, w.JobID).Scan(&other)
	if err != nil {
		return "", dbErr("undo merge: application", err)
	}
	if other > 0 {
		return "An application the merge withdrew was not reopened: the candidate has another active application for that job now.", nil
	}
	if _, err := tx.ExecContext(ctx, "UPDATE applications SET status = 'active', withdrawn_at = NULL, version = $1, updated_at = $2 WHERE id = $3",
		w.Version, TimeArg(w.UpdatedAt), w.ID); err != nil {
		return "", dbErr("undo merge: reopen", err)
	}
	if err := statusEvent(ctx, tx, a, evReopened, w.ID, w.JobID, stageID, "", "", "", now()); err != nil {
		return "", err
	}
	return "", countActive(ctx, tx, w.JobID, +1)
}

// restoreSurvivor computes the survivor's record after an undo: each field
// the merge changed goes back unless someone changed it since; for lists,
// only the items the merge added are taken out again.
func restoreSurvivor(before, after, cur hiring.Candidate) (hiring.Candidate, []string) {
	r := cur
	var notes []string
	scalar := func(name string, b, af string, dst *string) {
		if b == af {
			return
		}
		if *dst == af {
			*dst = b
			return
		}
		notes = append(notes, name+" was changed after the merge; the current value was kept.")
	}
	scalar("first name", before.FirstName, after.FirstName, &r.FirstName)
	scalar("last name", before.LastName, after.LastName, &r.LastName)
	scalar("location", before.Location, after.Location, &r.Location)
	scalar("headline", before.Headline, after.Headline, &r.Headline)
	scalar("current title", before.CurrentTitle, after.CurrentTitle, &r.CurrentTitle)
	scalar("current company", before.CurrentCompany, after.CurrentCompany, &r.CurrentCompany)
	scalar("source", before.Source, after.Source, &r.Source)
	scalar("owner", before.OwnerID, after.OwnerID, &r.OwnerID)
	r.Emails, notes = restoreList("emails", before.Emails, after.Emails, cur.Emails, func(s string) string { return s }, notes)
	r.Phones, notes = restoreList("phones", before.Phones, after.Phones, cur.Phones, func(s string) string { return s }, notes)
	r.Links, notes = restoreList("links", before.Links, after.Links, cur.Links, func(l hiring.Link) string { return l.URL }, notes)
	r.Tags, notes = restoreList("tags", before.Tags, after.Tags, cur.Tags, func(s string) string { return s }, notes)
	if !equalJSON(before.Consent, after.Consent) {
		if equalJSON(cur.Consent, after.Consent) {
			r.Consent = before.Consent
		} else {
			notes = append(notes, "consent was changed after the merge; the current consent was kept.")
		}
	}
	return r, notes
}

func restoreList[T any](name string, before, after, cur []T, key func(T) string, notes []string) ([]T, []string) {
	if equalJSON(cur, after) {
		return append([]T{}, before...), notes
	}
	had := map[string]bool{}
	for _, x := range before {
		had[key(x)] = true
	}
	added := map[string]bool{}
	for _, x := range after {
		if !had[key(x)] {
			added[key(x)] = true
		}
	}
	if len(added) == 0 {
		return cur, notes
	}
	out := []T{}
	for _, x := range cur {
		if !added[key(x)] {
			out = append(out, x)
		}
	}
	return out, append(notes, name+" were changed after the merge; only the ones the merge added were removed.")
}
