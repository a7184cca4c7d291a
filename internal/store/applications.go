package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

const appCols = `a.id, a.candidate_id, a.job_id, a.stage_id, a.status, a.source, a.credited_to_id, a.applied_at, a.stage_entered_at,
	a.rejection_reason_id, a.rejection_reason, a.rejected_at, a.hired_at, a.withdrawn_at, a.version, a.created_at, a.updated_at,
	c.first_name, c.last_name, c.current_title, j.title, s.name, c.tags`

const appFrom = ` FROM applications a JOIN candidates c ON c.id = a.candidate_id JOIN jobs j ON j.id = a.job_id JOIN stages s ON s.id = a.stage_id`

func scanApp(row interface{ Scan(...any) error }) (hiring.Application, error) {
	var x hiring.Application
	var first, last string
	err := row.Scan(&x.ID, &x.CandidateID, &x.JobID, &x.StageID, &x.Status, &x.Source, strCol{&x.CreditedToID}, timeCol{&x.AppliedAt},
		timeCol{&x.StageEnteredAt}, strCol{&x.RejectionReasonID}, &x.RejectionReason, nullTimeCol{&x.RejectedAt}, nullTimeCol{&x.HiredAt},
		nullTimeCol{&x.WithdrawnAt}, &x.Version, timeCol{&x.CreatedAt}, timeCol{&x.UpdatedAt},
		&first, &last, &x.CandidateTitle, &x.JobTitle, &x.StageName, jsonCol{&x.Tags})
	x.CandidateName = hiring.Candidate{FirstName: first, LastName: last}.Name()
	if x.Tags == nil {
		x.Tags = []string{}
	}
	return x, err
}

// loadApp reads an application whose job the actor may see.
func (db *DB) loadApp(ctx context.Context, q querier, a hiring.Actor, id string) (hiring.Application, error) {
	p := &args{}
	x, err := scanApp(q.QueryRowContext(ctx, "SELECT "+appCols+appFrom+" WHERE a.id = "+p.add(id)+" AND "+jobRowVisible(a, "j", p), p.list...))
	return x, notFound("application", err)
}

// Application returns an application the actor may see.
func (db *DB) Application(ctx context.Context, id string) (hiring.Application, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Application{}, err
	}
	return db.loadApp(ctx, db.rd, a, id)
}

// ListApplications lists visible applications, newest first.
func (db *DB) ListApplications(ctx context.Context, f hiring.ApplicationFilter, pr hiring.PageRequest) (hiring.Page[hiring.Application], error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Page[hiring.Application]{}, err
	}
	limit := pr.Clamp()
	cur, err := decodeCursor(pr.Cursor, 1)
	if err != nil {
		return hiring.Page[hiring.Application]{}, err
	}
	p := &args{}
	where := []string{jobRowVisible(a, "j", p)}
	if f.JobID != "" {
		where = append(where, "a.job_id = "+p.add(f.JobID))
	}
	if f.CandidateID != "" {
		where = append(where, "a.candidate_id = "+p.add(f.CandidateID))
	}
	if f.StageID != "" {
		where = append(where, "a.stage_id = "+p.add(f.StageID))
	}
	if f.Status != "" {
		where = append(where, "a.status = "+p.add(string(f.Status)))
	}
	var total int
	if pr.CountTotal {
		if err := db.rd.QueryRowContext(ctx, "SELECT COUNT(*) FROM applications a JOIN jobs j ON j.id = a.job_id"+whereSQL(where), p.list...).Scan(&total); err != nil {
			return hiring.Page[hiring.Application]{}, dbErr("count applications", err)
		}
	}
	if cur != nil {
		where = append(where, "a.id < "+p.add(cur[0]))
	}
	page, err := db.appPage(ctx, "SELECT "+appCols+appFrom+whereSQL(where)+" ORDER BY a.id DESC LIMIT "+strconv.Itoa(limit+1), p.list, limit,
		func(x hiring.Application) []string { return []string{x.ID} })
	page.Total = total
	return page, err
}

func (db *DB) appPage(ctx context.Context, query string, params []any, limit int, key func(hiring.Application) []string) (hiring.Page[hiring.Application], error) {
	rows, err := db.rd.QueryContext(ctx, query, params...)
	if err != nil {
		return hiring.Page[hiring.Application]{}, dbErr("list applications", err)
	}
	defer rows.Close()
	var out []hiring.Application
	for rows.Next() {
		x, err := scanApp(rows)
		if err != nil {
			return hiring.Page[hiring.Application]{}, dbErr("list applications", err)
		}
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return hiring.Page[hiring.Application]{}, dbErr("list applications", err)
	}
	return pageOf(out, limit, key), nil
}

// columnStatus is the status of the applications a stage's column shows.
func columnStatus(s hiring.Stage) hiring.ApplicationStatus {
	if s.Kind == hiring.StageHired {
		return hiring.AppHired
	}
	return hiring.AppActive
}

// Board returns the job's stages with their first active cards (hired ones
// in a hired stage), oldest in
// stage first (who has waited longest). Each column is one indexed range scan.
func (db *DB) Board(ctx context.Context, jobID string, perColumn int) ([]hiring.BoardColumn, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	perColumn = hiring.PageRequest{Limit: perColumn}.Clamp()
	if err := db.canSeeJob(ctx, db.rd, a, jobID); err != nil {
		return nil, err
	}
	stages, err := stagesOf(ctx, db.rd, jobID)
	if err != nil {
		return nil, err
	}
	if err := db.fillStageCounts(ctx, db.rd, jobID, stages); err != nil {
		return nil, err
	}
	cols := make([]hiring.BoardColumn, len(stages))
	for i, s := range stages {
		cols[i].Stage = s
		cols[i].Cards = []hiring.Application{}
		if s.Count == 0 {
			continue
		}
		page, err := db.columnPage(ctx, s, nil, perColumn)
		if err != nil {
			return nil, err
		}
		cols[i].Cards, cols[i].NextCursor = page.Items, page.NextCursor
	}
	return cols, nil
}

// columnPage lists a stage's cards: its active applications, or for a
// hired stage the hired ones (hiring puts them there).
func (db *DB) columnPage(ctx context.Context, s hiring.Stage, cur []string, limit int) (hiring.Page[hiring.Application], error) {
	p := &args{}
	where := []string{"a.stage_id = " + p.add(s.ID), "a.status = " + p.add(string(columnStatus(s)))}
	if cur != nil {
		t := p.add(cur[0])
		where = append(where, "(a.stage_entered_at > "+t+" OR (a.stage_entered_at = "+t+" AND a.id > "+p.add(cur[1])+"))")
	}
	return db.appPage(ctx, "SELECT "+appCols+appFrom+" WHERE "+strings.Join(where, " AND ")+
		" ORDER BY a.stage_entered_at, a.id LIMIT "+strconv.Itoa(limit+1), p.list, limit,
		func(x hiring.Application) []string { return []string{TimeArg(x.StageEnteredAt).(string), x.ID} })
}

// Column pages one stage's active cards after Board.
func (db *DB) Column(ctx context.Context, stageID string, pr hiring.PageRequest) (hiring.Page[hiring.Application], error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Page[hiring.Application]{}, err
	}
	cur, err := decodeTimeCursor(pr.Cursor)
	if err != nil {
		return hiring.Page[hiring.Application]{}, err
	}
	s, err := db.stageByID(ctx, db.rd, a, stageID)
	if err != nil {
		return hiring.Page[hiring.Application]{}, err
	}
	return db.columnPage(ctx, s, cur, pr.Clamp())
}

// StageHistories lists the stays in stages of every visible application
// among ids in one query, oldest first per application.
func (db *DB) StageHistories(ctx context.Context, ids []string) (map[string][]hiring.StageVisit, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if err := checkBatch("application_ids", ids); err != nil {
		return nil, err
	}
	out := map[string][]hiring.StageVisit{}
	if len(ids) == 0 {
		return out, nil
	}
	p := &args{}
	// Every visible application gets an entry, visits or not; the LEFT
	// JOIN's NULL stage says "none yet".
	rows, err := db.rd.QueryContext(ctx, `SELECT a.id, v.stage_id, v.stage_name, v.entered_at, v.left_at, v.actor_name
		FROM applications a JOIN jobs j ON j.id = a.job_id
		LEFT JOIN stage_visits v ON v.application_id = a.id
		WHERE a.id IN (`+p.in(ids)+`) AND `+jobRowVisible(a, "j", p)+`
		ORDER BY a.id, v.entered_at, v.id`, p.list...)
	if err != nil {
		return nil, dbErr("stage histories", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			appID                    string
			stageID, stageName, name sql.NullString
			entered                  *time.Time
			v                        hiring.StageVisit
		)
		if err := rows.Scan(&appID, &stageID, &stageName, nullTimeCol{&entered}, nullTimeCol{&v.LeftAt}, &name); err != nil {
			return nil, dbErr("stage histories", err)
		}
		if _, ok := out[appID]; !ok {
			out[appID] = []hiring.StageVisit{}
		}
		if !stageID.Valid {
			continue
		}
		v.StageID, v.StageName, v.ActorName = stageID.String, stageName.String, name.String
		if entered != nil {
			v.EnteredAt = *entered
		}
		out[appID] = append(out[appID], v)
	}
	return out, dbErr("stage histories", rows.Err())
}

// checkBatch bounds a batch read's IDs.
func checkBatch(field string, ids []string) error {
	if len(ids) > hiring.MaxBatchIDs {
		return invalid(field, fmt.Sprintf("at most %d", hiring.MaxBatchIDs))
	}
	return nil
}

// StageHistory lists an application's stays in stages, oldest first.
func (db *DB) StageHistory(ctx context.Context, applicationID string) ([]hiring.StageVisit, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := db.loadApp(ctx, db.rd, a, applicationID); err != nil {
		return nil, err
	}
	// Visits entered at the same instant (a move and its hire, a migrated
	// row) list the one already left first: ids are no order of events.
	rows, err := db.rd.QueryContext(ctx, `SELECT stage_id, stage_name, entered_at, left_at, actor_name FROM stage_visits
		WHERE application_id = $1 ORDER BY entered_at, left_at IS NULL, left_at, id`, applicationID)
	if err != nil {
		return nil, dbErr("stage history", err)
	}
	defer rows.Close()
	out := []hiring.StageVisit{}
	for rows.Next() {
		var v hiring.StageVisit
		if err := rows.Scan(&v.StageID, &v.StageName, timeCol{&v.EnteredAt}, nullTimeCol{&v.LeftAt}, &v.ActorName); err != nil {
			return nil, dbErr("stage history", err)
		}
		out = append(out, v)
	}
	return out, dbErr("stage history", rows.Err())
}
