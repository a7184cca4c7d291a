package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/calendar"
	"github.com/candor-ats/candor/internal/hiring"
)

// JitsiBase is where generated video rooms live.
const JitsiBase = "https://meet.jit.si/"

const interviewCols = `i.id, i.application_id, i.candidate_id, i.job_id, c.first_name, c.last_name, j.title, i.title, i.starts_at,
	i.duration_minutes, i.location, i.video_url, i.status, i.sequence, i.organizer_id, i.organizer_name, i.version,
	i.created_at, i.updated_at, i.cancelled_at, i.candidate_response, i.template_id`

const interviewFrom = ` FROM interviews i JOIN candidates c ON c.id = i.candidate_id JOIN jobs j ON j.id = i.job_id`

func scanInterview(row interface{ Scan(...any) error }) (hiring.Interview, error) {
	var x hiring.Interview
	var first, last string
	err := row.Scan(&x.ID, &x.ApplicationID, &x.CandidateID, &x.JobID, &first, &last, &x.JobTitle, &x.Title, timeCol{&x.StartsAt},
		&x.DurationMinutes, &x.Location, &x.VideoURL, &x.Status, &x.Sequence, strCol{&x.OrganizerID}, &x.OrganizerName, &x.Version,
		timeCol{&x.CreatedAt}, timeCol{&x.UpdatedAt}, nullTimeCol{&x.CancelledAt}, &x.CandidateResponse, strCol{&x.TemplateID})
	x.CandidateName = hiring.Candidate{FirstName: first, LastName: last}.Name()
	x.Interviewers = []hiring.Interviewer{}
	return x, err
}

// interviewVisible is a SQL condition on an interviews row i: admins see
// every interview; interviewers the ones they are on; others those of jobs
// they may see, and those they are on.
func interviewVisible(a hiring.Actor, p *args) string {
	if a.IsAdmin() {
		return "1=1"
	}
	on := "EXISTS (SELECT 1 FROM interview_interviewers vi WHERE vi.interview_id = i.id AND vi.user_id = " + p.add(a.UserID) + ")"
	if a.Role == hiring.RoleInterviewer {
		return on
	}
	return "(" + jobIDVisible(a, "i.job_id", p) + " OR " + on + ")"
}

func (db *DB) loadInterview(ctx context.Context, q querier, a hiring.Actor, id string) (hiring.Interview, error) {
	p := &args{}
	x, err := scanInterview(q.QueryRowContext(ctx, "SELECT "+interviewCols+interviewFrom+" WHERE i.id = "+p.add(id)+" AND "+interviewVisible(a, p), p.list...))
	if err != nil {
		return x, notFound("interview", err)
	}
	m, err := db.interviewersOf(ctx, q, a, []string{x.ID})
	x.Interviewers = m[x.ID]
	if x.Interviewers == nil {
		x.Interviewers = []hiring.Interviewer{}
	}
	return x, err
}

// interviewersOf reads the people on the interviews, by name. Emails only
// for those who read the directory, and one's own.
func (db *DB) interviewersOf(ctx context.Context, q querier, a hiring.Actor, ids []string) (map[string][]hiring.Interviewer, error) {
	out := map[string][]hiring.Interviewer{}
	if len(ids) == 0 {
		return out, nil
	}
	p := &args{}
	rows, err := q.QueryContext(ctx, `SELECT ii.interview_id, ii.user_id, u.name, u.email, ii.response FROM interview_interviewers ii
		JOIN users u ON u.id = ii.user_id WHERE ii.interview_id IN (`+p.in(ids)+`) ORDER BY u.name, u.id`, p.list...)
	if err != nil {
		return nil, dbErr("interviewers", err)
	}
	defer rows.Close()
	for rows.Next() {
		var iid string
		var x hiring.Interviewer
		if err := rows.Scan(&iid, &x.UserID, &x.Name, &x.Email, &x.Response); err != nil {
			return nil, dbErr("interviewers", err)
		}
		if !a.SeesAccount(x.UserID) {
			x.Email = ""
		}
		out[iid] = append(out[iid], x)
	}
	return out, dbErr("interviewers", rows.Err())
}

// activeUsers loads the named users; an unknown or disabled one is EInvalid on field.
func activeUsers(ctx context.Context, q querier, ids []string, field string) (map[string]hiring.User, error) {
	if len(ids) == 0 {
		// "IN ()" is a syntax error on PostgreSQL (SQLite accepts it), and
		// an empty list names nobody: clearing a chain is allowed.
		return map[string]hiring.User{}, nil
	}
	p := &args{}
	rows, err := q.QueryContext(ctx, "SELECT "+userCols+" FROM users WHERE disabled = FALSE AND id IN ("+p.in(ids)+")", p.list...)
	if err != nil {
		return nil, dbErr("users", err)
	}
	defer rows.Close()
	out := map[string]hiring.User{}
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, dbErr("users", err)
		}
		out[u.ID] = u
	}
	if err := rows.Err(); err != nil {
		return nil, dbErr("users", err)
	}
	for _, id := range ids {
		if _, ok := out[id]; !ok {
			return nil, invalid(field, "names someone who is not an active user")
		}
	}
	return out, nil
}

// conflicts answers the other scheduled interviews of the users overlapping [start, end).
func conflicts(ctx context.Context, q querier, users map[string]hiring.User, ids []string, start, end time.Time, except string) ([]hiring.InterviewConflict, error) {
	p := &args{}
	rows, err := q.QueryContext(ctx, `SELECT ii.user_id, i.starts_at, i.ends_at FROM interview_interviewers ii JOIN interviews i ON i.id = ii.interview_id
		WHERE ii.user_id IN (`+p.in(ids)+`) AND i.status = 'scheduled' AND i.starts_at < `+p.add(TimeArg(end))+` AND i.ends_at > `+p.add(TimeArg(start))+
		` AND i.id <> `+p.add(except)+` ORDER BY i.starts_at, ii.user_id LIMIT 50`, p.list...)
	if err != nil {
		return nil, dbErr("interview conflicts", err)
	}
	defer rows.Close()
	var out []hiring.InterviewConflict
	for rows.Next() {
		var c hiring.InterviewConflict
		if err := rows.Scan(&c.UserID, timeCol{&c.StartsAt}, timeCol{&c.EndsAt}); err != nil {
			return nil, dbErr("interview conflicts", err)
		}
		c.UserName = users[c.UserID].Name
		out = append(out, c)
	}
	return out, dbErr("interview conflicts", rows.Err())
}

// videoURL resolves the video choice: a generated Jitsi room, the
// organizer's personal link, or the explicit link.
func videoURL(ctx context.Context, q querier, a hiring.Actor, video, explicit string) (string, error) {
	switch video {
	case hiring.VideoJitsi:
		return JitsiBase + "Candor-" + rand.Text(), nil
	case hiring.VideoPersonal:
		var link string
		err := q.QueryRowContext(ctx, "SELECT meeting_link FROM user_calendar WHERE user_id = $1", a.UserID).Scan(&link)
		if err != nil && err != sql.ErrNoRows {
			return "", dbErr("meeting link", err)
		}
		if link == "" {
			return "", invalid("video", "you have no personal meeting link: set one on your account page")
		}
		return link, nil
	}
	return explicit, nil
}

// ScheduleInterview schedules an interview on an active application.
func (db *DB) ScheduleInterview(ctx context.Context, in hiring.NewInterview) (hiring.Interview, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Interview{}, err
	}
	if err := in.Validate(); err != nil {
		return hiring.Interview{}, err
	}
	var out hiring.Interview
	err = db.write(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = db.scheduleInterviewTx(ctx, tx, a, in, "", "")
		return err
	})
	if err != nil {
		return hiring.Interview{}, err
	}
	return out, nil
}

// scheduleInterviewTx schedules inside the caller's transaction (a booking
// through a self-scheduling link joins it to the link's update).
// organizerID, when set, names the organizer (a booking: whoever offered the times).
func (db *DB) scheduleInterviewTx(ctx context.Context, tx *sql.Tx, a hiring.Actor, in hiring.NewInterview, organizerID, organizerName string) (hiring.Interview, error) {
	id := NewID()
	start := in.StartsAt.UTC().Truncate(time.Second)
	end := start.Add(time.Duration(in.DurationMinutes) * time.Minute)
	app, err := db.loadApp(ctx, tx, a, in.ApplicationID)
	if err != nil {
		return hiring.Interview{}, err
	}
	if err := canDecide(ctx, tx, a, app.JobID); err != nil {
		return hiring.Interview{}, err
	}
	if app.Status != hiring.AppActive {
		return hiring.Interview{}, conflict("application_id", "Interviews are scheduled on active applications only.")
	}
	if in.TemplateID != "" {
		var one int
		if err := tx.QueryRowContext(ctx, "SELECT 1 FROM interview_templates WHERE id = $1 AND job_id = $2", in.TemplateID, app.JobID).Scan(&one); err != nil {
			if err == sql.ErrNoRows {
				return hiring.Interview{}, invalid("template_id", "is not an interview of this job's plan")
			}
			return hiring.Interview{}, dbErr("interview template", err)
		}
	}
	users, err := activeUsers(ctx, tx, in.InterviewerIDs, "interviewer_ids")
	if err != nil {
		return hiring.Interview{}, err
	}
	if err := db.lockPeople(ctx, tx, in.InterviewerIDs); err != nil {
		return hiring.Interview{}, err
	}
	if !in.AllowConflicts {
		cs, err := conflicts(ctx, tx, users, in.InterviewerIDs, start, end, "")
		if err != nil {
			return hiring.Interview{}, err
		}
		if len(cs) > 0 {
			return hiring.Interview{}, hiring.ErrConflicts(cs)
		}
	}
	video, err := videoURL(ctx, tx, a, in.Video, in.VideoURL)
	if err != nil {
		return hiring.Interview{}, err
	}
	t := now()
	organizer := a.UserID
	if a.System {
		organizer = ""
	}
	if organizerID != "" {
		organizer = organizerID
	} else {
		organizerName = a.Name
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO interviews (id, application_id, candidate_id, job_id, title, starts_at, ends_at,
		duration_minutes, location, video_url, status, sequence, organizer_id, organizer_name, version, created_at, updated_at, template_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'scheduled', 0, $11, $12, 1, $13, $14, $15)`,
		id, app.ID, app.CandidateID, app.JobID, in.Title, TimeArg(start), TimeArg(end), in.DurationMinutes, in.Location, video,
		nullString(organizer), organizerName, TimeArg(t), TimeArg(t), nullString(in.TemplateID)); err != nil {
		return hiring.Interview{}, dbErr("schedule interview", err)
	}
	if err := setInterviewers(ctx, tx, id, in.InterviewerIDs); err != nil {
		return hiring.Interview{}, err
	}
	if err := db.record(ctx, tx, a, hiring.Activity{Action: "interview.scheduled", SubjectType: "interview", SubjectID: id,
		CandidateID: app.CandidateID, JobID: app.JobID, Summary: "scheduled “" + in.Title + "” with " + app.CandidateName,
		After: map[string]any{"starts_at": start.Format(time.RFC3339), "duration_minutes": in.DurationMinutes,
			"interviewers": names(users, in.InterviewerIDs), "allow_conflicts": in.AllowConflicts}}, false); err != nil {
		return hiring.Interview{}, err
	}
	if err := db.queueInvitationsTx(ctx, tx, a, id, inviteNew, nil); err != nil {
		return hiring.Interview{}, err
	}
	// Read back inside the transaction: a keyed API create commits later.
	return db.loadInterview(ctx, tx, a, id)
}

// ScheduleLoop books the sessions of a loop on one application together:
// all of them or, when one is refused (a conflict, a bad field), none.
// Field errors name the session ("sessions.2.interviewer_ids").
func (db *DB) ScheduleLoop(ctx context.Context, sessions []hiring.NewInterview) ([]hiring.Interview, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if len(sessions) == 0 || len(sessions) > hiring.MaxLoopSessions {
		return nil, invalid("sessions", "a loop has between 1 and 10 sessions")
	}
	for i := range sessions {
		if sessions[i].ApplicationID != sessions[0].ApplicationID {
			return nil, invalid("sessions", "all sessions of a loop are on one application")
		}
		if err := sessions[i].Validate(); err != nil {
			return nil, sessionErr(i, err)
		}
	}
	out := make([]hiring.Interview, 0, len(sessions))
	err = db.write(ctx, func(tx *sql.Tx) error {
		out = out[:0]
		for i, in := range sessions {
			iv, err := db.scheduleInterviewTx(ctx, tx, a, in, "", "")
			if err != nil {
				return sessionErr(i, err)
			}
			out = append(out, iv)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// sessionErr prefixes a session's field errors with its place in the loop.
func sessionErr(i int, err error) error {
	var e *hiring.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return err
	}
	c := *e
	c.Fields = make([]hiring.FieldError, len(e.Fields))
	for k, f := range e.Fields {
		c.Fields[k] = hiring.FieldError{Field: "sessions." + strconv.Itoa(i) + "." + f.Field, Message: f.Message}
	}
	return &c
}

// lockPeople serializes bookings of the same interviewers: on PostgreSQL
// two transactions could otherwise both find no conflict and both book
// (SQLite has one writer, which serializes them already).
func (db *DB) lockPeople(ctx context.Context, tx *sql.Tx, ids []string) error {
	if db.dialect != DialectPostgres || len(ids) == 0 {
		return nil
	}
	sorted := slices.Clone(ids)
	slices.Sort(sorted)
	p := &args{}
	rows, err := tx.QueryContext(ctx, "SELECT id FROM users WHERE id IN ("+p.in(sorted)+") ORDER BY id FOR UPDATE", p.list...)
	if err != nil {
		return dbErr("lock interviewers", err)
	}
	return dbErr("lock interviewers", rows.Close())
}

func names(users map[string]hiring.User, ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		out = append(out, users[id].Name)
	}
	return out
}

func setInterviewers(ctx context.Context, tx *sql.Tx, id string, ids []string) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM interview_interviewers WHERE interview_id = $1 AND user_id NOT IN ("+
		(&args{list: []any{id}}).in(ids)+")", append([]any{id}, toAny(ids)...)...); err != nil {
		return dbErr("interviewers", err)
	}
	for _, u := range ids {
		if _, err := tx.ExecContext(ctx, `INSERT INTO interview_interviewers (interview_id, user_id) VALUES ($1, $2)
			ON CONFLICT (interview_id, user_id) DO NOTHING`, id, u); err != nil {
			return dbErr("interviewers", err)
		}
	}
	return nil
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// Interview reads one interview the actor may see.
func (db *DB) Interview(ctx context.Context, id string) (hiring.Interview, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Interview{}, err
	}
	return db.loadInterview(ctx, db.rd, a, id)
}

// UpdateInterview reschedules or edits; SEQUENCE rises when what attendees
// see changes.
func (db *DB) UpdateInterview(ctx context.Context, id string, in hiring.InterviewUpdate) (hiring.Interview, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Interview{}, err
	}
	var out hiring.Interview
	err = db.write(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = db.updateInterviewTx(ctx, tx, a, id, in)
		return err
	})
	if err != nil {
		return hiring.Interview{}, err
	}
	return out, nil
}

// updateInterviewTx is UpdateInterview inside the caller's transaction.
func (db *DB) updateInterviewTx(ctx context.Context, tx *sql.Tx, a hiring.Actor, id string, in hiring.InterviewUpdate) (out hiring.Interview, err error) {
	err = func() error {
		cur, err := db.loadInterview(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if err := canDecide(ctx, tx, a, cur.JobID); err != nil {
			return err
		}
		if cur.Status != hiring.InterviewScheduled {
			return conflict("", "This interview was cancelled; schedule a new one.")
		}
		if in.Version != 0 && in.Version != cur.Version {
			return staleVersion("interview")
		}
		if err := in.Validate(cur); err != nil {
			return err
		}
		next := cur
		var ids []string
		for _, p := range cur.Interviewers {
			ids = append(ids, p.UserID)
		}
		oldIDs := slices.Clone(ids)
		if in.Title != nil {
			next.Title = *in.Title
		}
		if in.StartsAt != nil {
			next.StartsAt = in.StartsAt.UTC().Truncate(time.Second)
		}
		if in.DurationMinutes != nil {
			next.DurationMinutes = *in.DurationMinutes
		}
		if in.Location != nil {
			next.Location = *in.Location
		}
		if in.InterviewerIDs != nil {
			ids = *in.InterviewerIDs
		}
		if in.VideoURL != nil {
			next.VideoURL = *in.VideoURL
		}
		if in.Video != nil && *in.Video != hiring.VideoNone {
			if next.VideoURL, err = videoURL(ctx, tx, a, *in.Video, ""); err != nil {
				return err
			}
		}
		users, err := activeUsers(ctx, tx, ids, "interviewer_ids")
		if err != nil {
			return err
		}
		timeChanged := !next.StartsAt.Equal(cur.StartsAt) || next.DurationMinutes != cur.DurationMinutes
		peopleChanged := !sameSet(oldIDs, ids)
		if timeChanged || peopleChanged {
			if err := db.lockPeople(ctx, tx, ids); err != nil {
				return err
			}
		}
		if !in.AllowConflicts && (timeChanged || peopleChanged) {
			cs, err := conflicts(ctx, tx, users, ids, next.StartsAt, next.EndsAt(), id)
			if err != nil {
				return err
			}
			if len(cs) > 0 {
				return hiring.ErrConflicts(cs)
			}
		}
		before := map[string]any{"title": cur.Title, "starts_at": cur.StartsAt.UTC().Format(time.RFC3339), "duration_minutes": cur.DurationMinutes,
			"location": cur.Location, "video_url": cur.VideoURL, "interviewers": interviewerNames(cur.Interviewers)}
		after := map[string]any{"title": next.Title, "starts_at": next.StartsAt.UTC().Format(time.RFC3339), "duration_minutes": next.DurationMinutes,
			"location": next.Location, "video_url": next.VideoURL, "interviewers": names(users, ids)}
		b, af := diff(before, after)
		if len(af) == 0 && !peopleChanged {
			out = cur
			return nil
		}
		seq := cur.Sequence + 1
		if _, err := tx.ExecContext(ctx, `UPDATE interviews SET title = $1, starts_at = $2, ends_at = $3, duration_minutes = $4, location = $5,
			video_url = $6, sequence = $7, version = version + 1, updated_at = $8 WHERE id = $9`,
			next.Title, TimeArg(next.StartsAt), TimeArg(next.EndsAt()), next.DurationMinutes, next.Location, next.VideoURL, seq, TimeArg(now()), id); err != nil {
			return dbErr("update interview", err)
		}
		if peopleChanged {
			if err := setInterviewers(ctx, tx, id, ids); err != nil {
				return err
			}
		}
		summary := "changed the interview “" + next.Title + "” with " + cur.CandidateName
		if timeChanged {
			summary = "rescheduled the interview “" + next.Title + "” with " + cur.CandidateName
		}
		if err := db.record(ctx, tx, a, hiring.Activity{Action: "interview.updated", SubjectType: "interview", SubjectID: id,
			CandidateID: cur.CandidateID, JobID: cur.JobID, Summary: summary, Before: b, After: af}, false); err != nil {
			return err
		}
		var removed []string
		for _, o := range oldIDs {
			if !slices.Contains(ids, o) {
				removed = append(removed, o)
			}
		}
		if err := db.queueInvitationsTx(ctx, tx, a, id, inviteUpdated, removed); err != nil {
			return err
		}
		out, err = db.loadInterview(ctx, tx, a, id)
		return err
	}()
	return out, err
}

func interviewerNames(ps []hiring.Interviewer) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, p.Name)
	}
	return out
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	x, y := slices.Clone(a), slices.Clone(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

// CancelInterview cancels (the record stays, for METHOD:CANCEL); cancelling
// a cancelled interview changes nothing.
func (db *DB) CancelInterview(ctx context.Context, id string) (hiring.Interview, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Interview{}, err
	}
	var out hiring.Interview
	err = db.write(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = db.cancelInterviewTx(ctx, tx, a, id)
		return err
	})
	if err != nil {
		return hiring.Interview{}, err
	}
	return out, nil
}

// cancelInterviewTx is CancelInterview inside the caller's transaction.
func (db *DB) cancelInterviewTx(ctx context.Context, tx *sql.Tx, a hiring.Actor, id string) (out hiring.Interview, err error) {
	err = func() error {
		cur, err := db.loadInterview(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if err := canDecide(ctx, tx, a, cur.JobID); err != nil {
			return err
		}
		if cur.Status == hiring.InterviewCancelled {
			out = cur
			return nil
		}
		t := now()
		if _, err := tx.ExecContext(ctx, `UPDATE interviews SET status = 'cancelled', sequence = sequence + 1, version = version + 1,
			cancelled_at = $1, updated_at = $2 WHERE id = $3`, TimeArg(t), TimeArg(t), id); err != nil {
			return dbErr("cancel interview", err)
		}
		if err := db.record(ctx, tx, a, hiring.Activity{Action: "interview.cancelled", SubjectType: "interview", SubjectID: id,
			CandidateID: cur.CandidateID, JobID: cur.JobID, Summary: "cancelled the interview “" + cur.Title + "” with " + cur.CandidateName,
			Before: map[string]any{"starts_at": cur.StartsAt.UTC().Format(time.RFC3339)}}, false); err != nil {
			return err
		}
		if err := db.queueInvitationsTx(ctx, tx, a, id, inviteCancelled, nil); err != nil {
			return err
		}
		out, err = db.loadInterview(ctx, tx, a, id)
		return err
	}()
	return out, err
}

// ListInterviews lists visible interviews by start time.
func (db *DB) ListInterviews(ctx context.Context, f hiring.InterviewFilter) ([]hiring.Interview, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	return db.listInterviews(ctx, a, f)
}

func (db *DB) listInterviews(ctx context.Context, a hiring.Actor, f hiring.InterviewFilter) ([]hiring.Interview, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	limit = min(limit, 500)
	p := &args{}
	where := []string{interviewVisible(a, p)}
	if f.ApplicationID != "" {
		where = append(where, "i.application_id = "+p.add(f.ApplicationID))
	}
	if f.InterviewerID != "" {
		where = append(where, "EXISTS (SELECT 1 FROM interview_interviewers fi WHERE fi.interview_id = i.id AND fi.user_id = "+p.add(f.InterviewerID)+")")
	}
	if !f.From.IsZero() {
		where = append(where, "i.ends_at > "+p.add(TimeArg(f.From)))
	}
	if !f.To.IsZero() {
		where = append(where, "i.starts_at < "+p.add(TimeArg(f.To)))
	}
	if !f.Cancelled {
		where = append(where, "i.status = 'scheduled'")
	}
	rows, err := db.rd.QueryContext(ctx, "SELECT "+interviewCols+interviewFrom+whereSQL(where)+" ORDER BY i.starts_at, i.id LIMIT "+p.add(limit), p.list...)
	if err != nil {
		return nil, dbErr("interviews", err)
	}
	out := []hiring.Interview{}
	var ids []string
	for rows.Next() {
		x, err := scanInterview(rows)
		if err != nil {
			rows.Close()
			return nil, dbErr("interviews", err)
		}
		out = append(out, x)
		ids = append(ids, x.ID)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, dbErr("interviews", err)
	}
	m, err := db.interviewersOf(ctx, db.rd, a, ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if ps := m[out[i].ID]; ps != nil {
			out[i].Interviewers = ps
		}
	}
	return out, nil
}

// Availability answers the people's hours, zones and interviews in [from, to).
func (db *DB) Availability(ctx context.Context, userIDs []string, from, to time.Time) ([]hiring.UserAvailability, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var v hiring.Validation
	if len(userIDs) == 0 || len(userIDs) > calendar.MaxPeople {
		v.Add("user_ids", "name between 1 and %d people", calendar.MaxPeople)
	} else {
		seen := map[string]bool{}
		for _, id := range userIDs {
			if id == "" || !hiring.IsText(id) || len(id) > 100 || seen[id] {
				v.Add("user_ids", "contains an empty, invalid or repeated id")
				break
			}
			seen[id] = true
		}
	}
	if from.IsZero() || to.IsZero() || !to.After(from) || to.Sub(from) > calendar.MaxSpan || from.Year() < 2000 || to.Year() > 2200 {
		v.Add("to", "must come after from, at most 62 days later")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if !a.System && a.Role == hiring.RoleInterviewer && (len(userIDs) != 1 || userIDs[0] != a.UserID) {
		return nil, forbidden("Interviewers may look at their own availability only.")
	}
	users, err := activeUsers(ctx, db.rd, userIDs, "user_ids")
	if err != nil {
		return nil, err
	}
	p := &args{}
	hours := map[string]string{}
	rows, err := db.rd.QueryContext(ctx, "SELECT user_id, working_hours FROM user_calendar WHERE user_id IN ("+p.in(userIDs)+")", p.list...)
	if err != nil {
		return nil, dbErr("working hours", err)
	}
	for rows.Next() {
		var id, h string
		if err := rows.Scan(&id, &h); err != nil {
			rows.Close()
			return nil, dbErr("working hours", err)
		}
		hours[id] = h
	}
	rows.Close()
	out := make([]hiring.UserAvailability, len(userIDs))
	idx := map[string]int{}
	for i, id := range userIDs {
		u := users[id]
		out[i] = hiring.UserAvailability{UserID: id, Name: u.Name, TimeZone: u.TimeZone, WorkingHours: hours[id], Busy: []hiring.TimeRange{}}
		idx[id] = i
	}
	p = &args{}
	rows, err = db.rd.QueryContext(ctx, `SELECT ii.user_id, i.starts_at, i.ends_at FROM interview_interviewers ii JOIN interviews i ON i.id = ii.interview_id
		WHERE ii.user_id IN (`+p.in(userIDs)+`) AND i.status = 'scheduled' AND i.starts_at < `+p.add(TimeArg(to))+` AND i.ends_at > `+p.add(TimeArg(from))+
		` ORDER BY i.starts_at LIMIT 20000`, p.list...)
	if err != nil {
		return nil, dbErr("busy times", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var r hiring.TimeRange
		if err := rows.Scan(&id, timeCol{&r.Start}, timeCol{&r.End}); err != nil {
			return nil, dbErr("busy times", err)
		}
		k := idx[id]
		out[k].Busy = append(out[k].Busy, r)
		out[k].Interviews++
	}
	return out, dbErr("busy times", rows.Err())
}

// CalendarSettings reads the actor's own settings.
func (db *DB) CalendarSettings(ctx context.Context) (hiring.CalendarSettings, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.CalendarSettings{}, err
	}
	var s hiring.CalendarSettings
	var hash sql.NullString
	err = db.rd.QueryRowContext(ctx, "SELECT working_hours, meeting_link, feed_token_hash FROM user_calendar WHERE user_id = $1", a.UserID).
		Scan(&s.WorkingHours, &s.MeetingLink, &hash)
	if err != nil && err != sql.ErrNoRows {
		return s, dbErr("calendar settings", err)
	}
	s.HasFeed = hash.Valid && hash.String != ""
	return s, nil
}

// SetCalendarSettings stores the actor's working hours (canonical text; ""
// for the default week) and personal meeting link.
func (db *DB) SetCalendarSettings(ctx context.Context, workingHours, meetingLink string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	if a.System || a.UserID == "" {
		return forbidden("Only a user has calendar settings.")
	}
	var v hiring.Validation
	workingHours = strings.TrimSpace(workingHours)
	if workingHours != "" {
		h, err := calendar.ParseHours(workingHours, time.UTC)
		if err != nil {
			v.Add("working_hours", "%s", err.Error())
		} else {
			workingHours = h.String()
		}
	}
	meetingLink = strings.TrimSpace(meetingLink)
	if meetingLink != "" {
		if msg := hiring.CheckMeetingLink(meetingLink); msg != "" {
			v.Add("meeting_link", "%s", msg)
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO user_calendar (user_id, working_hours, meeting_link, updated_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (user_id) DO UPDATE SET working_hours = excluded.working_hours, meeting_link = excluded.meeting_link, updated_at = excluded.updated_at`,
			a.UserID, workingHours, meetingLink, TimeArg(now()))
		return dbErr("calendar settings", err)
	})
}

// ResetCalendarFeed stores the hash of the actor's new feed secret.
func (db *DB) ResetCalendarFeed(ctx context.Context, tokenHash string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	if a.System || a.UserID == "" || len(tokenHash) != 64 {
		return forbidden("Only a user has a calendar feed.")
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO user_calendar (user_id, feed_token_hash, updated_at) VALUES ($1, $2, $3)
			ON CONFLICT (user_id) DO UPDATE SET feed_token_hash = excluded.feed_token_hash, updated_at = excluded.updated_at`,
			a.UserID, tokenHash, TimeArg(now()))
		return dbErr("calendar feed", err)
	})
}

// CalendarFeed answers the feed's user and their interviews (30 days back,
// at most 500, cancelled ones included for their CANCELLED status). It needs
// no actor: the secret's hash is the capability; a disabled user's feed is gone.
func (db *DB) CalendarFeed(ctx context.Context, tokenHash string) (hiring.User, []hiring.Interview, error) {
	if len(tokenHash) != 64 {
		return hiring.User{}, nil, hiring.ErrNotFound("calendar")
	}
	u, err := scanUser(db.rd.QueryRowContext(ctx, "SELECT u."+strings.ReplaceAll(userCols, ", ", ", u.")+
		" FROM user_calendar uc JOIN users u ON u.id = uc.user_id WHERE uc.feed_token_hash = $1 AND u.disabled = FALSE", tokenHash))
	if err != nil {
		return hiring.User{}, nil, notFound("calendar", err)
	}
	as := hiring.Actor{UserID: u.ID, Name: u.Name, Role: u.Role}
	list, err := db.listInterviews(ctx, as, hiring.InterviewFilter{InterviewerID: u.ID, From: now().AddDate(0, 0, -30), Cancelled: true, Limit: 500})
	return u, list, err
}
