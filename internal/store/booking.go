package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

const bookingCols = `b.id, b.application_id, a.candidate_id, a.job_id, c.first_name, c.last_name, j.title, a.status, b.title,
	b.duration_minutes, b.interviewer_ids, b.location, b.video, b.expires_at, b.reschedules_left, b.interview_id, b.used,
	b.created_by, b.created_by_name, b.created_at, i.starts_at, i.status, i.video_url`

const bookingFrom = ` FROM booking_links b JOIN applications a ON a.id = b.application_id JOIN candidates c ON c.id = a.candidate_id
	JOIN jobs j ON j.id = a.job_id LEFT JOIN interviews i ON i.id = b.interview_id`

// bookingRow is a link as stored, before its state is worked out.
type bookingRow struct {
	hiring.BookingLink
	appStatus   string
	interviewID string
	ivStatus    string
	used        bool
	bookedAt    *time.Time
	createdByID string
}

func scanBooking(row interface{ Scan(...any) error }) (bookingRow, error) {
	var b bookingRow
	var first, last, ids string
	var ivStatus, videoURL sql.NullString
	err := row.Scan(&b.ID, &b.ApplicationID, &b.CandidateID, &b.JobID, &first, &last, &b.JobTitle, &b.appStatus, &b.Title,
		&b.DurationMinutes, &ids, &b.Location, &b.Video, timeCol{&b.ExpiresAt}, &b.ReschedulesLeft, strCol{&b.interviewID}, &b.used,
		strCol{&b.createdByID}, &b.CreatedBy, timeCol{&b.CreatedAt}, nullTimeCol{&b.bookedAt}, &ivStatus, &videoURL)
	if err != nil {
		return b, err
	}
	b.CandidateName = hiring.Candidate{FirstName: first, LastName: last}.Name()
	b.ivStatus, b.VideoURL = ivStatus.String, videoURL.String
	if err := json.Unmarshal([]byte(ids), &b.InterviewerIDs); err != nil {
		return b, err
	}
	return b, nil
}

// loadBooking reads the link of the hash with its offered times, its state
// and the times still free.
func (db *DB) loadBooking(ctx context.Context, q querier, tokenHash string, lock bool) (hiring.BookingLink, bookingRow, error) {
	if len(tokenHash) != 64 {
		return hiring.BookingLink{}, bookingRow{}, hiring.ErrNotFound("booking link")
	}
	sqlText := "SELECT " + bookingCols + bookingFrom + " WHERE b.token_hash = $1"
	if lock && db.dialect == DialectPostgres {
		// Two submissions of one link (a double click) take turns.
		sqlText += " FOR UPDATE OF b"
	}
	b, err := scanBooking(q.QueryRowContext(ctx, sqlText, tokenHash))
	if err != nil {
		return hiring.BookingLink{}, b, notFound("booking link", err)
	}
	rows, err := q.QueryContext(ctx, "SELECT starts_at FROM booking_slots WHERE link_id = $1 ORDER BY starts_at", b.ID)
	if err != nil {
		return hiring.BookingLink{}, b, dbErr("booking slots", err)
	}
	for rows.Next() {
		var t time.Time
		if err := rows.Scan(timeCol{&t}); err != nil {
			rows.Close()
			return hiring.BookingLink{}, b, dbErr("booking slots", err)
		}
		b.Slots = append(b.Slots, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return hiring.BookingLink{}, b, dbErr("booking slots", err)
	}
	t := now()
	switch {
	case b.appStatus != string(hiring.AppActive):
		b.Status = hiring.BookingWithdrawn
	case b.interviewID != "" && b.ivStatus == string(hiring.InterviewScheduled):
		b.Status = hiring.BookingBooked
		b.BookedAt = b.bookedAt
	case b.used || b.interviewID != "":
		b.Status = hiring.BookingUsed
	case t.After(b.ExpiresAt):
		b.Status = hiring.BookingExpired
	default:
		b.Status = hiring.BookingOpen
	}
	b.CompanyName = db.companyName(ctx, q)
	if b.Status == hiring.BookingOpen || (b.Status == hiring.BookingBooked && b.ReschedulesLeft > 0) {
		if b.Free, err = db.freeSlots(ctx, q, b, t); err != nil {
			return hiring.BookingLink{}, b, err
		}
	}
	return b.BookingLink, b, nil
}

// freeSlots are the offered times in the future when none of the
// interviewers has another interview.
func (db *DB) freeSlots(ctx context.Context, q querier, b bookingRow, t time.Time) ([]time.Time, error) {
	var future []time.Time
	for _, s := range b.Slots {
		if s.After(t) {
			future = append(future, s)
		}
	}
	if len(future) == 0 {
		return nil, nil
	}
	dur := time.Duration(b.DurationMinutes) * time.Minute
	p := &args{}
	rows, err := q.QueryContext(ctx, `SELECT i.starts_at, i.ends_at FROM interview_interviewers ii JOIN interviews i ON i.id = ii.interview_id
		WHERE ii.user_id IN (`+p.in(b.InterviewerIDs)+`) AND i.status = 'scheduled' AND i.starts_at < `+p.add(TimeArg(future[len(future)-1].Add(dur)))+
		` AND i.ends_at > `+p.add(TimeArg(future[0]))+` AND i.id <> `+p.add(b.interviewID), p.list...)
	if err != nil {
		return nil, dbErr("busy times", err)
	}
	defer rows.Close()
	var busy []hiring.TimeRange
	for rows.Next() {
		var r hiring.TimeRange
		if err := rows.Scan(timeCol{&r.Start}, timeCol{&r.End}); err != nil {
			return nil, dbErr("busy times", err)
		}
		busy = append(busy, r)
	}
	if err := rows.Err(); err != nil {
		return nil, dbErr("busy times", err)
	}
	var out []time.Time
	for _, s := range future {
		free := true
		for _, r := range busy {
			if r.Start.Before(s.Add(dur)) && r.End.After(s) {
				free = false
				break
			}
		}
		if free && (b.bookedAt == nil || !b.bookedAt.Equal(s)) {
			out = append(out, s)
		}
	}
	return out, nil
}

// CreateBookingLink stores a link offering times (schedulers only) and,
// with in.URL, mails it to the candidate in the same transaction.
func (db *DB) CreateBookingLink(ctx context.Context, in hiring.NewBookingLink) (hiring.BookingLink, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.BookingLink{}, err
	}
	if err := in.Validate(); err != nil {
		return hiring.BookingLink{}, err
	}
	if a.System || a.UserID == "" {
		return hiring.BookingLink{}, forbidden("Only a user offers interview times.")
	}
	var out hiring.BookingLink
	err = db.write(ctx, func(tx *sql.Tx) error {
		app, err := db.loadApp(ctx, tx, a, in.ApplicationID)
		if err != nil {
			return err
		}
		if err := canDecide(ctx, tx, a, app.JobID); err != nil {
			return err
		}
		if app.Status != hiring.AppActive {
			return conflict("application_id", "Times are offered on active applications only.")
		}
		users, err := activeUsers(ctx, tx, in.InterviewerIDs, "interviewer_ids")
		if err != nil {
			return err
		}
		video := in.Video
		if video == hiring.VideoPersonal {
			// Resolved now: at booking time the system acts, not the recruiter.
			if video, err = videoURL(ctx, tx, a, hiring.VideoPersonal, ""); err != nil {
				return err
			}
		}
		ids, _ := json.Marshal(in.InterviewerIDs)
		id, t := NewID(), now()
		if _, err := tx.ExecContext(ctx, `INSERT INTO booking_links (id, token_hash, application_id, title, duration_minutes, interviewer_ids,
			location, video, expires_at, reschedules_left, created_by, created_by_name, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)`,
			id, in.TokenHash, app.ID, in.Title, in.DurationMinutes, string(ids), in.Location, video, TimeArg(t.Add(in.ExpiresIn)),
			in.Reschedules, a.UserID, a.Name, TimeArg(t)); err != nil {
			return dbErr("booking link", err)
		}
		slots := slices.Clone(in.Slots)
		slices.SortFunc(slots, func(x, y time.Time) int { return x.Compare(y) })
		for _, s := range slots {
			if _, err := tx.ExecContext(ctx, "INSERT INTO booking_slots (link_id, starts_at) VALUES ($1, $2) ON CONFLICT DO NOTHING",
				id, TimeArg(s.UTC().Truncate(time.Second))); err != nil {
				return dbErr("booking slots", err)
			}
		}
		if err := db.record(ctx, tx, a, hiring.Activity{Action: "interview.times_offered", SubjectType: "application", SubjectID: app.ID,
			CandidateID: app.CandidateID, JobID: app.JobID, Summary: "offered " + app.CandidateName + " " + strconv.Itoa(len(slots)) + " times for “" + in.Title + "”",
			After: map[string]any{"slots": len(slots), "interviewers": names(users, in.InterviewerIDs), "expires_at": t.Add(in.ExpiresIn).Format(time.RFC3339)}}, false); err != nil {
			return err
		}
		if in.URL != "" {
			body := "Hello {{candidate.first_name}},\n\nPlease choose a time for your interview for {{job.title}}:\n\n<" + in.URL + ">\n\n" +
				"The link is yours alone and works until " + t.Add(in.ExpiresIn).UTC().Format("2 Jan 2006") + ".\n\n{{sender.name}}"
			if _, err := db.QueueMessageTx(ctx, tx, hiring.NewMessage{CandidateID: app.CandidateID, ApplicationID: app.ID,
				Subject: "Choose a time for your interview: {{job.title}}", Body: body}); err != nil {
				return err
			}
		}
		out, _, err = db.loadBooking(ctx, tx, in.TokenHash, false)
		return err
	})
	return out, err
}

// BookingLink reads a link by its secret's hash (no actor needed).
func (db *DB) BookingLink(ctx context.Context, tokenHash string) (hiring.BookingLink, error) {
	b, _, err := db.loadBooking(ctx, db.rd, tokenHash, false)
	return b, err
}

// bookingActor is the system acting for the candidate on their link.
func bookingActor(b bookingRow) hiring.Actor {
	a := hiring.SystemActor()
	a.Name = b.CandidateName + " (self-scheduling)"
	return a
}

// BookSlot books an offered time, or moves the booking there.
func (db *DB) BookSlot(ctx context.Context, tokenHash string, start time.Time) (hiring.BookingLink, error) {
	start = start.UTC().Truncate(time.Second)
	var out hiring.BookingLink
	err := db.write(ctx, func(tx *sql.Tx) error {
		link, b, err := db.loadBooking(ctx, tx, tokenHash, true)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(link.Slots, func(s time.Time) bool { return s.Equal(start) }) {
			return invalid("slot", "Choose one of the times offered.")
		}
		if !start.After(now()) {
			return invalid("slot", "That time has passed; choose a later one.")
		}
		sys := bookingActor(b)
		ctx := hiring.WithActor(ctx, sys) // the invitation mail is queued as this actor
		switch link.Status {
		case hiring.BookingOpen:
			in := hiring.NewInterview{ApplicationID: link.ApplicationID, Title: link.Title, StartsAt: start, DurationMinutes: link.DurationMinutes,
				InterviewerIDs: link.InterviewerIDs, Location: link.Location}
			if link.Video == hiring.VideoJitsi {
				in.Video = hiring.VideoJitsi
			} else {
				in.VideoURL = link.Video
			}
			iv, err := db.scheduleInterviewTx(ctx, tx, sys, in, b.createdByID, link.CreatedBy)
			if err != nil {
				return takenOr(err)
			}
			if _, err := tx.ExecContext(ctx, "UPDATE booking_links SET interview_id = $1, updated_at = $2 WHERE id = $3", iv.ID, TimeArg(now()), link.ID); err != nil {
				return dbErr("booking", err)
			}
		case hiring.BookingBooked:
			if link.ReschedulesLeft <= 0 {
				return conflict("slot", "This interview can no longer be moved through the link. Please reply to our email to change it.")
			}
			if link.BookedAt != nil && link.BookedAt.Equal(start) {
				break
			}
			if _, err := db.updateInterviewTx(ctx, tx, sys, b.interviewID, hiring.InterviewUpdate{StartsAt: &start}); err != nil {
				return takenOr(err)
			}
			if _, err := tx.ExecContext(ctx, "UPDATE booking_links SET reschedules_left = reschedules_left - 1, updated_at = $1 WHERE id = $2",
				TimeArg(now()), link.ID); err != nil {
				return dbErr("booking", err)
			}
		default:
			return bookingClosed(link.Status)
		}
		out, _, err = db.loadBooking(ctx, tx, tokenHash, false)
		return err
	})
	return out, err
}

// takenOr turns an interviewer's conflict into the candidate's message.
func takenOr(err error) error {
	if hiring.ErrorCode(err) == hiring.EConflict {
		var ce *hiring.ConflictsError
		if errors.As(err, &ce) {
			return conflict("slot", "Someone else just booked that time. Please choose another.")
		}
	}
	return err
}

func bookingClosed(status string) error {
	switch status {
	case hiring.BookingExpired:
		return conflict("", "This link has expired. Please reply to our email for new times.")
	case hiring.BookingUsed:
		return conflict("", "This link has already been used. Please reply to our email if you need to change your interview.")
	}
	return conflict("", "This link is no longer active.")
}

// CancelBooking cancels the booked interview; the link is then used up.
func (db *DB) CancelBooking(ctx context.Context, tokenHash string) (hiring.BookingLink, error) {
	var out hiring.BookingLink
	err := db.write(ctx, func(tx *sql.Tx) error {
		link, b, err := db.loadBooking(ctx, tx, tokenHash, true)
		if err != nil {
			return err
		}
		if link.Status != hiring.BookingBooked {
			return bookingClosed(link.Status)
		}
		sys := bookingActor(b)
		if _, err := db.cancelInterviewTx(hiring.WithActor(ctx, sys), tx, sys, b.interviewID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE booking_links SET used = TRUE, updated_at = $1 WHERE id = $2", TimeArg(now()), link.ID); err != nil {
			return dbErr("booking", err)
		}
		out, _, err = db.loadBooking(ctx, tx, tokenHash, false)
		return err
	})
	return out, err
}
