package store

import (
	"context"

	"github.com/candor-ats/candor/internal/hiring"
)

// mergeWork is a computed merge: the plan shown to the actor plus every row
// it touches, including those the actor may not see.
type mergeWork struct {
	plan      hiring.MergePlan
	apps      []string             // the merged candidate's application ids (all move)
	withdraw  []hiring.Application // active applications that lose a same-job conflict
	documents []string
	notes     []string
	activity  []string
}

// planMerge checks access and computes what folding otherID into survivorID does.
func (db *DB) planMerge(ctx context.Context, q querier, a hiring.Actor, survivorID, otherID string) (mergeWork, error) {
	var w mergeWork
	s, err := db.loadCandidate(ctx, q, a, survivorID)
	if err != nil {
		return w, err
	}
	if !a.CanManageRecords() {
		return w, forbidden("Only admins and recruiters merge candidates.")
	}
	if survivorID == otherID {
		return w, invalid("other_id", "is the same candidate")
	}
	m, err := db.loadCandidate(ctx, q, a, otherID)
	if err != nil {
		return w, invalid("other_id", "no such candidate")
	}
	w.plan.Survivor, w.plan.Merged = s, m
	w.plan.Result, w.plan.FilledFields = hiring.MergeRecords(s, m)
	w.plan.AddedEmails = w.plan.Result.Emails[len(s.Emails):]
	w.plan.AddedPhones = w.plan.Result.Phones[len(s.Phones):]
	w.plan.AddedLinks = w.plan.Result.Links[len(s.Links):]
	w.plan.AddedTags = w.plan.Result.Tags[len(s.Tags):]

	if err := db.planApplications(ctx, q, a, &w); err != nil {
		return w, err
	}
	for _, x := range []struct {
		query string
		into  *[]string
	}{
		{"SELECT id FROM documents WHERE candidate_id = $1 ORDER BY id", &w.documents},
		{"SELECT id FROM notes WHERE candidate_id = $1 ORDER BY id", &w.notes},
		{"SELECT id FROM activity WHERE candidate_id = $1 ORDER BY id", &w.activity},
	} {
		if *x.into, err = queryStrings(ctx, q, x.query, m.ID); err != nil {
			return w, err
		}
	}
	counts, hidden, err := visibleMoves(ctx, q, a, nil, w.documents, w.notes, w.activity)
	if err != nil {
		return w, err
	}
	w.plan.Documents, w.plan.Notes, w.plan.Activity = counts.Documents, counts.Notes, counts.Activity
	w.plan.Hidden = w.plan.Hidden || hidden
	return w, nil
}

// planApplications decides each application's fate. When both people have an
// active application on the same job, the one further along the pipeline
// stays active (the survivor's on a tie) and the other is withdrawn.
func (db *DB) planApplications(ctx context.Context, q querier, a hiring.Actor, w *mergeWork) error {
	s, m := w.plan.Survivor.ID, w.plan.Merged.ID
	rows, err := q.QueryContext(ctx, "SELECT "+appCols+", s.position"+appFrom+" WHERE a.candidate_id IN ($1, $2) ORDER BY a.applied_at, a.id", s, m)
	if err != nil {
		return dbErr("merge applications", err)
	}
	var apps []hiring.Application
	pos := map[string]int{}
	for rows.Next() {
		var x hiring.Application
		var p int
		x, err = scanApp(scanPlus{rows, &p})
		if err != nil {
			rows.Close()
			return dbErr("merge applications", err)
		}
		apps = append(apps, x)
		pos[x.ID] = p
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return dbErr("merge applications", err)
	}
	pa := &args{}
	visibleIDs, err := queryStrings(ctx, q, "SELECT a.id FROM applications a JOIN jobs j ON j.id = a.job_id WHERE a.candidate_id IN ("+
		pa.add(s)+", "+pa.add(m)+") AND "+jobRowVisible(a, "j", pa), pa.list...)
	if err != nil {
		return err
	}
	visible := map[string]bool{}
	for _, id := range visibleIDs {
		visible[id] = true
	}
	active := map[string]hiring.Application{} // job → the survivor's active application
	for _, x := range apps {
		if x.CandidateID == s && x.Status == hiring.AppActive {
			active[x.JobID] = x
		}
	}
	loser := map[string]bool{}
	tied := map[string]bool{} // withdrawn on a tie: both at the same place
	for _, x := range apps {
		if x.CandidateID != m {
			continue
		}
		w.apps = append(w.apps, x.ID)
		y, ok := active[x.JobID]
		if !ok || x.Status != hiring.AppActive {
			continue
		}
		lose := y
		if pos[x.ID] <= pos[y.ID] {
			lose = x
		}
		loser[lose.ID] = true
		tied[lose.ID] = pos[x.ID] == pos[y.ID]
		w.withdraw = append(w.withdraw, lose)
	}
	for _, x := range apps {
		if !visible[x.ID] {
			if x.CandidateID == m {
				w.plan.Hidden = true
			}
			continue
		}
		w.plan.Applications = append(w.plan.Applications, hiring.MergeApplication{Application: x, FromMerged: x.CandidateID == m, Withdrawn: loser[x.ID],
			Tied: tied[x.ID]})
	}
	return nil
}

// scanPlus scans a row into a scanner's columns followed by extra columns.
type scanPlus struct {
	row   interface{ Scan(...any) error }
	extra any
}

func (s scanPlus) Scan(dest ...any) error { return s.row.Scan(append(dest, s.extra)...) }

// PreviewMerge shows what MergeCandidates would do, without changing anything.
func (db *DB) PreviewMerge(ctx context.Context, survivorID, otherID string) (hiring.MergePlan, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.MergePlan{}, err
	}
	w, err := db.planMerge(ctx, db.rd, a, survivorID, otherID)
	return w.plan, err
}
