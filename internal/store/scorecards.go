package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/candor-ats/candor/internal/hiring"
)

// scorecardApp answers the application an actor may address for
// scorecards: one they see, or one with an interview they are on.
func (db *DB) scorecardApp(ctx context.Context, q querier, a hiring.Actor, appID string) (hiring.Application, error) {
	app, err := db.loadApp(ctx, q, a, appID)
	if err == nil || hiring.ErrorCode(err) != hiring.ENotFound || a.System {
		return app, err
	}
	var one int
	err = q.QueryRowContext(ctx, `SELECT 1 FROM interviews i JOIN interview_interviewers ii ON ii.interview_id = i.id
		WHERE i.application_id = $1 AND ii.user_id = $2 LIMIT 1`, appID, a.UserID).Scan(&one)
	if err != nil {
		return hiring.Application{}, notFound("application", err)
	}
	return db.loadApp(ctx, q, hiring.SystemActor(), appID)
}

// seesAllFeedback: admins, recruiters and the job's team hiring managers
// read every scorecard of an application they see (the debrief).
func seesAllFeedback(ctx context.Context, q querier, a hiring.Actor, jobID string) (bool, error) {
	err := canDecide(ctx, q, a, jobID)
	switch hiring.ErrorCode(err) {
	case "":
		return true, nil
	case hiring.EForbidden:
		return false, nil
	}
	return false, err
}

// SubmitScorecard saves the actor's scorecard on an interview they are on.
func (db *DB) SubmitScorecard(ctx context.Context, interviewID string, in hiring.ScorecardInput) (hiring.Scorecard, bool, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Scorecard{}, false, err
	}
	if err := in.Validate(); err != nil {
		return hiring.Scorecard{}, false, err
	}
	if in.Ratings == nil {
		in.Ratings = []hiring.AttributeRating{}
	}
	ratings, _ := json.Marshal(in.Ratings)
	var out hiring.Scorecard
	created := false
	err = db.write(ctx, func(tx *sql.Tx) error {
		iv, err := db.loadInterview(ctx, tx, a, interviewID)
		if err != nil {
			return err
		}
		if a.System || !iv.HasInterviewer(a.UserID) {
			return forbidden("Only the interviewers on this interview submit scorecards for it.")
		}
		if iv.Status != hiring.InterviewScheduled {
			return conflict("", "This interview was cancelled.")
		}
		// An interview booked from a plan is rated on its template's
		// attributes (the debrief lines them up); the names take the
		// template's spelling.
		attrs, err := templateAttributes(ctx, tx, iv.TemplateID)
		if err != nil {
			return err
		}
		if len(attrs) > 0 {
			var v hiring.Validation
			for i := range in.Ratings {
				k := slices.IndexFunc(attrs, func(s string) bool { return strings.EqualFold(s, in.Ratings[i].Attribute) })
				if k < 0 {
					v.Add("ratings."+strconv.Itoa(i)+".attribute", "is not an attribute of this interview's scorecard (%s)", strings.Join(attrs, ", "))
					continue
				}
				in.Ratings[i].Attribute = attrs[k]
			}
			if err := v.Err(); err != nil {
				return err
			}
			b, _ := json.Marshal(in.Ratings)
			ratings = b
		}
		t := now()
		var id, oldRatings, oldRec, oldNotes string
		var version int
		var savedAt timeCol
		var saved = &out.UpdatedAt
		savedAt = timeCol{saved}
		err = tx.QueryRowContext(ctx, `SELECT id, version, ratings, recommendation, notes, updated_at FROM scorecards WHERE interview_id = $1 AND author_id = $2`,
			interviewID, a.UserID).Scan(&id, &version, &oldRatings, &oldRec, &oldNotes, savedAt)
		switch {
		case err == sql.ErrNoRows:
			created = true
			id = NewID()
			if _, err := tx.ExecContext(ctx, `INSERT INTO scorecards (id, interview_id, application_id, candidate_id, job_id, author_id, author_name,
				ratings, recommendation, notes, version, submitted_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $12)`,
				id, iv.ID, iv.ApplicationID, iv.CandidateID, iv.JobID, a.UserID, a.Name, string(ratings), string(in.Recommendation), in.Notes,
				TimeArg(t), TimeArg(t)); err != nil {
				return dbErr("submit scorecard", err)
			}
		case err != nil:
			return dbErr("scorecard", err)
		default:
			if _, err := tx.ExecContext(ctx, `INSERT INTO scorecard_revisions (id, scorecard_id, version, ratings, recommendation, notes, saved_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`, NewID(), id, version, oldRatings, oldRec, oldNotes, TimeArg(out.UpdatedAt)); err != nil {
				return dbErr("scorecard history", err)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE scorecards SET ratings = $1, recommendation = $2, notes = $3, version = version + 1, updated_at = $4
				WHERE id = $5`, string(ratings), string(in.Recommendation), in.Notes, TimeArg(t), id); err != nil {
				return dbErr("edit scorecard", err)
			}
		}
		// The timeline says that feedback came, never what it says (other
		// interviewers read the timeline before they submit).
		action, summary := "scorecard.submitted", "submitted feedback on “"+iv.Title+"” with "+iv.CandidateName
		if !created {
			action, summary = "scorecard.edited", "edited their feedback on “"+iv.Title+"” with "+iv.CandidateName
		}
		if err := db.record(ctx, tx, a, hiring.Activity{Action: action, SubjectType: "scorecard", SubjectID: id,
			CandidateID: iv.CandidateID, JobID: iv.JobID, Summary: summary}, false); err != nil {
			return err
		}
		cards, err := db.readScorecards(ctx, tx, "s.id = $1", id)
		if err != nil || len(cards) != 1 {
			return dbErr("read scorecard", err)
		}
		out = cards[0]
		return nil
	})
	if err != nil {
		return hiring.Scorecard{}, false, err
	}
	return out, created, nil
}

// Scorecards lists an application's scorecards under the independence rule.
func (db *DB) Scorecards(ctx context.Context, applicationID string) ([]hiring.Scorecard, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	app, err := db.scorecardApp(ctx, db.rd, a, applicationID)
	if err != nil {
		return nil, err
	}
	all, err := seesAllFeedback(ctx, db.rd, a, app.JobID)
	if err != nil {
		return nil, err
	}
	cards, err := db.readScorecards(ctx, db.rd, "s.application_id = $1", applicationID)
	if err != nil || all {
		return cards, err
	}
	submitted := false
	for _, c := range cards {
		submitted = submitted || c.AuthorID == a.UserID
	}
	if submitted {
		return cards, nil
	}
	return []hiring.Scorecard{}, nil // nothing of others' until one's own is in
}

func (db *DB) readScorecards(ctx context.Context, q querier, where string, arg string) ([]hiring.Scorecard, error) {
	rows, err := q.QueryContext(ctx, `SELECT s.id, s.interview_id, s.application_id, s.candidate_id, s.job_id, s.author_id, s.author_name, i.title,
		s.ratings, s.recommendation, s.notes, s.version, s.submitted_at, s.updated_at FROM scorecards s JOIN interviews i ON i.id = s.interview_id
		WHERE `+where+` ORDER BY s.submitted_at, s.id LIMIT 500`, arg)
	if err != nil {
		return nil, dbErr("scorecards", err)
	}
	out := []hiring.Scorecard{}
	idx := map[string]int{}
	var ids []string
	for rows.Next() {
		var c hiring.Scorecard
		var ratings string
		if err := rows.Scan(&c.ID, &c.InterviewID, &c.ApplicationID, &c.CandidateID, &c.JobID, &c.AuthorID, &c.AuthorName, &c.InterviewTitle,
			&ratings, &c.Recommendation, &c.Notes, &c.Version, timeCol{&c.SubmittedAt}, timeCol{&c.UpdatedAt}); err != nil {
			rows.Close()
			return nil, dbErr("scorecards", err)
		}
		if err := json.Unmarshal([]byte(ratings), &c.Ratings); err != nil {
			rows.Close()
			return nil, dbErr("scorecard ratings", err)
		}
		c.History = []hiring.ScorecardRevision{}
		idx[c.ID] = len(out)
		ids = append(ids, c.ID)
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(ids) == 0 {
		return out, dbErr("scorecards", err)
	}
	p := &args{}
	rows, err = q.QueryContext(ctx, `SELECT scorecard_id, version, ratings, recommendation, notes, saved_at FROM scorecard_revisions
		WHERE scorecard_id IN (`+p.in(ids)+`) ORDER BY scorecard_id, version`, p.list...)
	if err != nil {
		return nil, dbErr("scorecard history", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, ratings string
		var r hiring.ScorecardRevision
		if err := rows.Scan(&id, &r.Version, &ratings, &r.Recommendation, &r.Notes, timeCol{&r.SavedAt}); err != nil {
			return nil, dbErr("scorecard history", err)
		}
		_ = json.Unmarshal([]byte(ratings), &r.Ratings)
		k := idx[id]
		out[k].History = append(out[k].History, r)
	}
	return out, dbErr("scorecard history", rows.Err())
}

// FeedbackDue lists the actor's interviews that have ended without their scorecard.
func (db *DB) FeedbackDue(ctx context.Context) ([]hiring.Interview, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if a.System || a.UserID == "" {
		return []hiring.Interview{}, nil
	}
	list, err := db.listInterviews(ctx, a, hiring.InterviewFilter{InterviewerID: a.UserID, To: now(), Limit: 500})
	if err != nil {
		return nil, err
	}
	done := map[string]bool{}
	rows, err := db.rd.QueryContext(ctx, "SELECT interview_id FROM scorecards WHERE author_id = $1", a.UserID)
	if err != nil {
		return nil, dbErr("feedback due", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, dbErr("feedback due", err)
		}
		done[id] = true
	}
	out := []hiring.Interview{}
	t := now()
	for _, iv := range list {
		if !done[iv.ID] && !iv.EndsAt().After(t) {
			out = append(out, iv)
		}
	}
	return out, dbErr("feedback due", rows.Err())
}
