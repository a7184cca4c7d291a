package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/calendar"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/mail"
	"github.com/candor-ats/candor/internal/scheduling"
)

// link is the full address of a path (the interview's page in invitations
// and reminders), from the public address the app set (SetPublicURL).
func (db *DB) link(path string) string {
	if b := db.publicURL.Load(); b != nil {
		return strings.TrimRight(*b, "/") + path
	}
	return path
}

// organizerEmail is the address invitations name as ORGANIZER: Candor's
// own sender, so attendees' replies come back to the mailbox Candor reads
// (not a colleague's private inbox).
func (db *DB) organizerEmail() string {
	if id := db.mailFrom.Load(); id != nil && mail.ValidEmail(id.email) {
		return id.email
	}
	return scheduling.NoReply
}

// Invitation kinds.
const (
	inviteNew       = "new"
	inviteUpdated   = "updated"
	inviteCancelled = "cancelled"
)

// queueInvitationsTx queues, in the interview change's transaction, the
// invitation mail: METHOD:REQUEST (or CANCEL) to every interviewer and to
// the candidate (their copy: the job, time and place only), METHOD:CANCEL
// to interviewers taken off, and the reminder job for the new time.
func (db *DB) queueInvitationsTx(ctx context.Context, tx *sql.Tx, a hiring.Actor, id, kind string, removed []string) error {
	sys := hiring.SystemActor()
	iv, err := db.loadInterview(ctx, tx, sys, id)
	if err != nil {
		return err
	}
	stamp := now()
	org := db.organizerEmail()
	method := calendar.MethodRequest
	if kind == inviteCancelled {
		method = calendar.MethodCancel
	}
	var userIDs []string
	for _, p := range iv.Interviewers {
		userIDs = append(userIDs, p.UserID)
	}
	users, err := usersByID(ctx, tx, append(slicesClone(userIDs), removed...))
	if err != nil {
		return err
	}
	inv := scheduling.Invite(iv, scheduling.ForInterviewers, org, "", "", stamp)
	ics, err := scheduling.InviteFile(inv)
	if err != nil {
		return fmt.Errorf("store: interview invitation: %w", err)
	}
	for _, p := range iv.Interviewers {
		u := users[p.UserID]
		if !mail.ValidEmail(u.Email) || u.Disabled {
			continue
		}
		subj, text := interviewerMail(iv, kind, u, db.link("/interviews/"+iv.ID))
		if err := db.queueInternalTx(ctx, tx, a, u, iv, subj, text, "", string(ics), method); err != nil {
			return err
		}
	}
	// Taken off the interview: their calendar drops it.
	for _, uid := range removed {
		u := users[uid]
		if !mail.ValidEmail(u.Email) || u.Disabled {
			continue
		}
		off := inv
		off.Cancelled = true
		off.Attendees = []calendar.Attendee{{Name: u.Name, Email: u.Email}}
		cics, err := calendar.BuildInvite(calendar.MethodCancel, off)
		if err != nil {
			return fmt.Errorf("store: interview cancellation: %w", err)
		}
		subj, text := interviewerMail(iv, "removed", u, "")
		if err := db.queueInternalTx(ctx, tx, a, u, iv, subj, text, "", string(cics), calendar.MethodCancel); err != nil {
			return err
		}
	}
	if err := db.queueCandidateInviteTx(ctx, tx, a, iv, kind, org, stamp); err != nil {
		return err
	}
	if kind != inviteCancelled {
		if at := scheduling.ReminderAt(iv.StartsAt, stamp); !at.IsZero() {
			if err := db.enqueue(ctx, tx, scheduling.ReminderJob{InterviewID: iv.ID, Sequence: iv.Sequence, At: at}); err != nil {
				return err
			}
		}
	}
	return nil
}

func slicesClone(s []string) []string { return append([]string(nil), s...) }

func usersByID(ctx context.Context, q querier, ids []string) (map[string]hiring.User, error) {
	out := map[string]hiring.User{}
	if len(ids) == 0 {
		return out, nil
	}
	p := &args{}
	rows, err := q.QueryContext(ctx, "SELECT "+userCols+" FROM users WHERE id IN ("+p.in(ids)+")", p.list...)
	if err != nil {
		return nil, dbErr("users", err)
	}
	defer rows.Close()
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, dbErr("users", err)
		}
		out[u.ID] = u
	}
	return out, dbErr("users", rows.Err())
}

// whenFor is the interview's time in the reader's zone (UTC when unknown).
func whenFor(iv hiring.Interview, zone string) string {
	loc, err := calendar.LoadZone(zone)
	if err != nil || zone == "" {
		loc = time.UTC
	}
	s, e := iv.StartsAt.In(loc), iv.EndsAt().In(loc)
	return s.Format("Mon 2 Jan 2006, 15:04") + "–" + e.Format("15:04") + " (" + loc.String() + ")"
}

func interviewerMail(iv hiring.Interview, kind string, u hiring.User, link string) (string, string) {
	what := iv.Title + ": " + iv.CandidateName + " (" + iv.JobTitle + ")"
	when := whenFor(iv, u.TimeZone)
	var subj, lead string
	switch kind {
	case inviteNew:
		subj, lead = "Invitation: "+what, "You are invited to interview "+iv.CandidateName+" for "+iv.JobTitle+"."
	case inviteUpdated:
		subj, lead = "Updated invitation: "+what, "The interview with "+iv.CandidateName+" for "+iv.JobTitle+" changed."
	case inviteCancelled:
		subj, lead = "Cancelled: "+what, "The interview with "+iv.CandidateName+" for "+iv.JobTitle+" is cancelled."
	case "removed":
		subj, lead = "Cancelled for you: "+what, "You are no longer on the interview with "+iv.CandidateName+" for "+iv.JobTitle+"."
	case "reminder":
		subj, lead = "Reminder: "+what, "Your interview with "+iv.CandidateName+" for "+iv.JobTitle+" is coming up."
	}
	lines := []string{lead, "", "When: " + when}
	if iv.Location != "" {
		lines = append(lines, "Where: "+iv.Location)
	}
	if iv.VideoURL != "" {
		lines = append(lines, "Video: "+iv.VideoURL)
	}
	var names []string
	for _, p := range iv.Interviewers {
		names = append(names, p.Name)
	}
	lines = append(lines, "Interviewers: "+strings.Join(names, ", "))
	if link != "" && kind != inviteCancelled {
		lines = append(lines, "", "Interview page, kit and scorecard: "+link)
	}
	return oneLine(subj), strings.Join(lines, "\n")
}

// oneLine keeps a subject a header value of bounded length.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '\u2028' || r == '\u2029' || r == '\u0085' {
			return ' '
		}
		return r
	}, s)
	if r := []rune(s); len(r) > hiring.MaxMessageSubject {
		s = string(r[:hiring.MaxMessageSubject-1]) + "…"
	}
	return s
}

func textHTML(text string) string {
	var b strings.Builder
	for _, para := range strings.Split(text, "\n\n") {
		b.WriteString("<p>")
		b.WriteString(strings.ReplaceAll(html.EscapeString(para), "\n", "<br>\n"))
		b.WriteString("</p>\n")
	}
	return b.String()
}

// queueInternalTx queues mail to a colleague about an interview: an outbox
// row with no candidate (so it appears on no candidate's conversation —
// interviewers' mail names colleagues and internal titles), its delivery job
// and, for an invitation, the calendar part. purpose, when set, makes it
// once only (reminders).
func (db *DB) queueInternalTx(ctx context.Context, tx *sql.Tx, a hiring.Actor, to hiring.User, iv hiring.Interview, subj, text, purpose, ics, method string) error {
	id := NewID()
	t := now()
	senderID, senderName := "", db.companyName(ctx, tx)
	if !a.System {
		senderID, senderName = a.UserID, a.Name
	}
	toName := to.Name
	if mail.CheckHeader(toName) != nil {
		toName = ""
	}
	appID := ""
	if purpose != "" {
		appID = iv.ApplicationID // the purpose index is per application
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO messages (id, thread_id, candidate_id, application_id, job_id, direction, status,
		to_name, to_email, subject, body_text, body_html, sender_id, sender_name, auto, send_at, created_at, updated_at, purpose)
		VALUES ($1, $1, NULL, $2, NULL, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, NULL, $13, $13, $14)`,
		id, nullString(appID), hiring.MessageOut, hiring.MessageQueued, toName, to.Email, subj, text, textHTML(text),
		nullString(senderID), senderName, a.System, TimeArg(t), purpose); err != nil {
		return dbErr("queue interview mail", err)
	}
	if ics != "" {
		if err := insertCalendarPart(ctx, tx, id, iv.ID, method, ics); err != nil {
			return err
		}
	}
	return db.enqueue(ctx, tx, mail.SendJob{MessageID: id})
}

func insertCalendarPart(ctx context.Context, tx *sql.Tx, messageID, interviewID, method, ics string) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO message_calendar (message_id, interview_id, method, ics) VALUES ($1, $2, $3, $4)",
		messageID, interviewID, method, ics)
	return dbErr("calendar part", err)
}

// mdText keeps text from reading as a merge field in the Markdown body of
// candidate mail: "{{" gets a zero-width space between its braces, so it
// shows as written (Markdown in a place name is harmless: the HTML is
// sanitized).
func mdText(s string) string {
	return strings.ReplaceAll(s, "{{", "{\u200b{")
}

// queueCandidateInviteTx queues the candidate's copy through the outbox
// (QueueMessageTx: their conversation shows it): the job, the time and the
// place, never the internal title, colleagues or the kit. A candidate
// without an address gets none.
func (db *DB) queueCandidateInviteTx(ctx context.Context, tx *sql.Tx, a hiring.Actor, iv hiring.Interview, kind, org string, stamp time.Time) error {
	c, err := db.loadCandidate(ctx, tx, hiring.SystemActor(), iv.CandidateID)
	if err != nil {
		return err
	}
	email := c.PrimaryEmail()
	if !mail.ValidEmail(email) {
		return nil
	}
	inv := scheduling.Invite(iv, scheduling.ForCandidate, org, c.Name(), email, stamp)
	for i := range inv.Attendees {
		inv.Attendees[i].PartStat = strings.ToUpper(iv.CandidateResponse)
	}
	ics, err := scheduling.InviteFile(inv)
	if err != nil {
		return fmt.Errorf("store: candidate invitation: %w", err)
	}
	when := iv.StartsAt.UTC().Format("Mon 2 Jan 2006, 15:04") + "–" + iv.EndsAt().UTC().Format("15:04") + " UTC"
	var subj, lead string
	switch kind {
	case inviteNew:
		subj, lead = "Interview: {{job.title}}", "Hello {{candidate.first_name}},\n\nWe would like to invite you to an interview for {{job.title}}."
	case inviteUpdated:
		subj, lead = "Interview changed: {{job.title}}", "Hello {{candidate.first_name}},\n\nYour interview for {{job.title}} has changed."
	default:
		subj, lead = "Interview cancelled: {{job.title}}", "Hello {{candidate.first_name}},\n\nYour interview for {{job.title}} is cancelled."
	}
	body := lead + "\n\nWhen: " + mdText(when)
	if iv.Location != "" {
		body += "  \nWhere: " + mdText(iv.Location)
	}
	if iv.VideoURL != "" {
		body += "  \nVideo: " + iv.VideoURL
	}
	if kind != inviteCancelled {
		body += "\n\nThe attached invitation adds it to your calendar; accepting or declining there lets us know."
	}
	body += "\n\n{{company.name}}"
	m, err := db.QueueMessageTx(ctx, tx, hiring.NewMessage{CandidateID: c.ID, ApplicationID: iv.ApplicationID, Subject: subj, Body: body,
		NoSignature: true, Auto: a.System})
	if hiring.ErrorCode(err) == hiring.EInvalid {
		return nil // nothing we may send to this address; the interview stands
	}
	if err != nil {
		return err
	}
	method := calendar.MethodRequest
	if inv.Cancelled {
		method = calendar.MethodCancel
	}
	return insertCalendarPart(ctx, tx, m.ID, iv.ID, method, string(ics))
}

// ApplyCalendarReply records an attendee's answer (system only).
func (db *DB) ApplyCalendarReply(ctx context.Context, r hiring.InterviewReply) (bool, error) {
	if _, err := systemOnly(ctx); err != nil {
		return false, err
	}
	id := scheduling.InterviewIDFromUID(r.UID)
	switch r.Response {
	case hiring.ResponseAccepted, hiring.ResponseDeclined, hiring.ResponseTentative:
	default:
		return false, nil
	}
	att := strings.ToLower(strings.TrimSpace(r.Attendee))
	// The reply must come from the attendee it answers for: a third party
	// cannot decline on someone's behalf by naming them.
	if id == "" || att == "" || (r.From != "" && !strings.EqualFold(r.From, att)) {
		return false, nil
	}
	applied := false
	err := db.write(ctx, func(tx *sql.Tx) error {
		applied = false
		sys := hiring.SystemActor()
		iv, err := db.loadInterview(ctx, tx, sys, id)
		if hiring.ErrorCode(err) == hiring.ENotFound {
			return nil
		}
		if err != nil {
			return err
		}
		if r.Sequence < iv.Sequence || iv.Status != hiring.InterviewScheduled {
			return nil // an answer to an older version, or to a cancelled interview
		}
		who := ""
		for _, p := range iv.Interviewers {
			if strings.EqualFold(p.Email, att) {
				if p.Response == r.Response {
					return nil
				}
				if _, err := tx.ExecContext(ctx, "UPDATE interview_interviewers SET response = $1 WHERE interview_id = $2 AND user_id = $3",
					r.Response, id, p.UserID); err != nil {
					return dbErr("interview reply", err)
				}
				who = p.Name
				break
			}
		}
		if who == "" {
			c, err := db.loadCandidate(ctx, tx, sys, iv.CandidateID)
			if err != nil {
				return err
			}
			for _, e := range c.Emails {
				if strings.EqualFold(e, att) {
					who = c.Name()
				}
			}
			if who == "" {
				return nil
			}
			if iv.CandidateResponse == r.Response {
				return nil
			}
			if _, err := tx.ExecContext(ctx, "UPDATE interviews SET candidate_response = $1 WHERE id = $2", r.Response, id); err != nil {
				return dbErr("interview reply", err)
			}
		}
		applied = true
		return db.record(ctx, tx, sys, hiring.Activity{Action: "interview.reply", SubjectType: "interview", SubjectID: id,
			CandidateID: iv.CandidateID, JobID: iv.JobID, Summary: who + " " + r.Response + " the interview “" + iv.Title + "”",
			After: map[string]any{"attendee": att, "response": r.Response, "sequence": r.Sequence}}, false)
	})
	return applied, err
}

// SendInterviewReminder queues the interviewers' reminder (system only).
func (db *DB) SendInterviewReminder(ctx context.Context, interviewID string, sequence int) error {
	if _, err := systemOnly(ctx); err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		sys := hiring.SystemActor()
		iv, err := db.loadInterview(ctx, tx, sys, interviewID)
		if err != nil {
			return err
		}
		if iv.Status != hiring.InterviewScheduled || iv.Sequence != sequence || !iv.StartsAt.After(now()) {
			return nil
		}
		var ids []string
		for _, p := range iv.Interviewers {
			ids = append(ids, p.UserID)
		}
		users, err := usersByID(ctx, tx, ids)
		if err != nil {
			return err
		}
		for _, p := range iv.Interviewers {
			u := users[p.UserID]
			if !mail.ValidEmail(u.Email) || u.Disabled || p.Response == hiring.ResponseDeclined {
				continue
			}
			purpose := fmt.Sprintf("interview-reminder:%s:%d:%s", iv.ID, sequence, u.ID)
			var one int
			err := tx.QueryRowContext(ctx, "SELECT 1 FROM messages WHERE application_id = $1 AND purpose = $2", iv.ApplicationID, purpose).Scan(&one)
			if err == nil {
				continue // a retried job: already queued
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return dbErr("reminder", err)
			}
			subj, text := interviewerMail(iv, "reminder", u, db.link("/interviews/"+iv.ID))
			if err := db.queueInternalTx(ctx, tx, sys, u, iv, subj, text, purpose, "", ""); err != nil {
				return err
			}
		}
		return nil
	})
}

// calendarPart reads the calendar part of an outgoing message, if any.
func (db *DB) calendarPart(ctx context.Context, m *hiring.Message) error {
	err := db.reader.QueryRowContext(ctx, "SELECT method, ics FROM message_calendar WHERE message_id = $1", m.ID).Scan(&m.CalendarMethod, &m.Calendar)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	return dbErr("calendar part", err)
}
