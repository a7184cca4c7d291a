package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/mail"
)

const msgCols = `m.id, m.thread_id, m.candidate_id, m.application_id, m.job_id, m.direction, m.status, m.message_id, m.in_reply_to,
	m.from_name, m.from_email, m.to_name, m.to_email, m.subject, m.body_text, m.body_html, m.sender_id, m.sender_name,
	m.transport, m.attempts, m.last_error, m.purpose, m.auto, m.send_at, m.sent_at, m.created_at`

func scanMessage(row interface{ Scan(...any) error }) (hiring.Message, error) {
	var m hiring.Message
	err := row.Scan(&m.ID, &m.ThreadID, strCol{&m.CandidateID}, strCol{&m.ApplicationID}, strCol{&m.JobID}, &m.Direction, &m.Status,
		&m.MessageID, &m.InReplyTo, &m.FromName, &m.FromEmail, &m.ToName, &m.ToEmail, &m.Subject, &m.Text, &m.HTML,
		strCol{&m.SenderID}, &m.SenderName, &m.Transport, &m.Attempts, &m.Error, &m.Purpose, &m.Auto, nullTimeCol{&m.SendAt},
		nullTimeCol{&m.SentAt}, timeCol{&m.CreatedAt})
	return m, err
}

// messageVisible is the access condition on a messages row m: a message
// about an application is seen by whoever sees its job (interviewers: only
// those, never job-less ones); admins see all.
func messageVisible(a hiring.Actor, p *args) string {
	switch {
	case a.IsAdmin():
		return "1=1"
	case a.Role == hiring.RoleInterviewer:
		return "m.job_id IS NOT NULL AND " + jobIDVisible(a, "m.job_id", p) + " AND " + candidateVisible(a, "m.candidate_id", p)
	}
	return "m.candidate_id IS NOT NULL AND (m.job_id IS NULL OR " + jobIDVisible(a, "m.job_id", p) + ") AND " + candidateVisible(a, "m.candidate_id", p)
}

// SendMessage queues an email to a candidate: the message row, its delivery
// job and the timeline entry in one transaction.
func (db *DB) SendMessage(ctx context.Context, in hiring.NewMessage) (hiring.Message, error) {
	if _, err := actor(ctx); err != nil {
		return hiring.Message{}, err
	}
	if err := in.Validate(); err != nil {
		return hiring.Message{}, err
	}
	var m hiring.Message
	err := db.write(ctx, func(tx *sql.Tx) error {
		var err error
		m, err = db.QueueMessageTx(ctx, tx, in)
		return err
	})
	return m, err
}

// QueueMessageTx queues a message inside the caller's write transaction (for
// other store code whose change causes a mail, such as an interview
// invitation): it exists, with its delivery job, exactly when that change
// commits. The actor of ctx must be allowed to send it.
func (db *DB) QueueMessageTx(ctx context.Context, tx *sql.Tx, in hiring.NewMessage) (hiring.Message, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Message{}, err
	}
	if in.Purpose != "" {
		if in.ApplicationID == "" || len(in.Purpose) > 200 || !hiring.IsText(in.Purpose) {
			return hiring.Message{}, invalid("purpose", "An automated mail's purpose needs an application.")
		}
		// Already queued for this application: that one stands.
		p := &args{}
		old, err := scanMessage(tx.QueryRowContext(ctx, "SELECT "+msgCols+" FROM messages m WHERE m.application_id = "+p.add(in.ApplicationID)+
			" AND m.purpose = "+p.add(in.Purpose)+" AND "+messageVisible(a, p), p.list...))
		if err == nil {
			return old, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return hiring.Message{}, dbErr("message purpose", err)
		}
	}
	m, c, err := db.composeMessage(ctx, tx, a, in)
	if err != nil {
		return hiring.Message{}, err
	}
	m.Purpose = in.Purpose
	_, err = tx.ExecContext(ctx, `INSERT INTO messages (id, thread_id, candidate_id, application_id, job_id, direction, status,
		to_name, to_email, subject, body_text, body_html, sender_id, sender_name, auto, send_at, created_at, updated_at, purpose)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, $18)`,
		m.ID, m.ThreadID, m.CandidateID, nullString(m.ApplicationID), nullString(m.JobID), m.Direction, m.Status,
		m.ToName, m.ToEmail, m.Subject, m.Text, m.HTML, nullString(m.SenderID), m.SenderName, m.Auto, nullTimeArg(m.SendAt),
		TimeArg(m.CreatedAt), m.Purpose)
	if err != nil {
		return hiring.Message{}, dbErr("queue message", err)
	}
	job := mail.SendJob{MessageID: m.ID}
	if m.SendAt != nil {
		job.At = *m.SendAt
	}
	if err := db.enqueue(ctx, tx, job); err != nil {
		return hiring.Message{}, err
	}
	verb := "emailed"
	if m.SendAt != nil && m.SendAt.After(m.CreatedAt) {
		verb = "scheduled an email to"
	}
	return m, db.record(ctx, tx, a, hiring.Activity{Action: "message.queued", SubjectType: "message", SubjectID: m.ID,
		CandidateID: m.CandidateID, JobID: m.JobID, Summary: verb + " " + c.Name() + ": " + m.Subject,
		After: map[string]any{"subject": m.Subject, "to": m.ToEmail}}, false)
}

// PreviewMessage fills in a message for a real candidate as SendMessage
// would, and stores nothing.
func (db *DB) PreviewMessage(ctx context.Context, in hiring.NewMessage) (hiring.Message, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Message{}, err
	}
	m, _, err := db.composeMessage(ctx, db.rd, a, in)
	return m, err
}

// composeMessage checks who may send what to whom and fills in the message:
// template or free text, merge fields, the sender's signature.
func (db *DB) composeMessage(ctx context.Context, q querier, a hiring.Actor, in hiring.NewMessage) (hiring.Message, hiring.Candidate, error) {
	if err := in.Validate(); err != nil {
		return hiring.Message{}, hiring.Candidate{}, err
	}
	if !a.System && a.Role == hiring.RoleInterviewer {
		if err := db.canSeeCandidate(ctx, q, a, in.CandidateID); err != nil {
			return hiring.Message{}, hiring.Candidate{}, err
		}
		return hiring.Message{}, hiring.Candidate{}, forbidden("Interviewers may not email candidates.")
	}
	c, err := db.loadCandidate(ctx, q, a, in.CandidateID)
	if err != nil {
		return hiring.Message{}, hiring.Candidate{}, err
	}
	m := hiring.Message{ID: NewID(), CandidateID: c.ID, Direction: hiring.MessageOut, Status: hiring.MessageQueued,
		ToName: c.Name(), ToEmail: c.PrimaryEmail(), Auto: in.Auto, CreatedAt: now()}
	var app hiring.Application
	if in.ApplicationID != "" {
		app, err = db.loadApp(ctx, q, a, in.ApplicationID)
		if err != nil || app.CandidateID != c.ID {
			return hiring.Message{}, c, invalid("application_id", "Choose one of this candidate's applications.")
		}
		if err := canDecide(ctx, q, a, app.JobID); err != nil {
			return hiring.Message{}, c, forbidden("You may not email candidates of this job.")
		}
		m.ApplicationID, m.JobID = app.ID, app.JobID
	} else if !a.CanManageRecords() {
		return hiring.Message{}, c, forbidden("Only recruiters may email a candidate about no particular application.")
	}
	if !mail.ValidEmail(m.ToEmail) {
		return hiring.Message{}, c, invalid("to", "This candidate has no email address to write to.")
	}
	if m.ApplicationID == "" {
		// Not about an application in progress: outreach, which the
		// suppression list always stops (the mail carries List-Unsubscribe).
		sup, err := suppressedQ(ctx, q, m.ToEmail)
		if err != nil {
			return hiring.Message{}, c, err
		}
		if sup {
			return hiring.Message{}, c, invalid("to", "This address is on the suppression list (unsubscribed or undeliverable): only mail about an application goes to it.")
		}
	}
	if err := mail.CheckHeader(m.ToName); err != nil {
		m.ToName = ""
	}
	m.ThreadID = m.ID
	if in.ThreadID != "" {
		var one int
		err := q.QueryRowContext(ctx, "SELECT 1 FROM messages WHERE thread_id = $1 AND candidate_id = $2 LIMIT 1", in.ThreadID, c.ID).Scan(&one)
		if err != nil {
			return hiring.Message{}, c, invalid("thread_id", "There is no such conversation with this candidate.")
		}
		m.ThreadID = in.ThreadID
	}
	company := db.companyName(ctx, q)
	senderName := company
	if !a.System {
		m.SenderID, m.SenderName, senderName = a.UserID, a.Name, a.Name
	}
	subject, body := in.Subject, in.Body
	if in.TemplateID != "" || in.TemplateKey != "" {
		var t hiring.MessageTemplate
		if in.TemplateID != "" {
			t, err = scanTemplate(q.QueryRowContext(ctx, "SELECT "+tplCols+" FROM message_templates t WHERE t.id = $1", in.TemplateID))
		} else {
			lang := in.Language
			if lang == "" {
				lang = "en"
			}
			t, err = scanTemplate(q.QueryRowContext(ctx, "SELECT "+tplCols+" FROM message_templates t WHERE t.key = $1 AND t.language IN ($2, 'en') ORDER BY CASE WHEN t.language = $2 THEN 0 ELSE 1 END LIMIT 1", in.TemplateKey, lang))
		}
		if err != nil {
			return hiring.Message{}, c, invalid("template_id", "There is no such template.")
		}
		if strings.TrimSpace(subject) == "" {
			subject = t.Subject
		}
		if strings.TrimSpace(body) == "" {
			body = t.Body
		}
	}
	if m.SenderID != "" && !in.NoSignature {
		if sig := db.signature(ctx, q, m.SenderID); sig != "" {
			body = strings.TrimRight(body, " \n\t") + "\n\n-- \n" + sig
		}
	}
	values := map[string]string{
		"candidate.first_name": c.FirstName, "candidate.last_name": c.LastName, "candidate.name": c.Name(),
		"candidate.email": c.PrimaryEmail(), "company.name": company, "sender.name": senderName,
		"job.title": app.JobTitle, "stage.name": app.StageName,
	}
	if mail.UsesField(subject, body, "status_link") {
		// A new capability link per message, stored (hashed) in the
		// transaction that queues it; a preview stores nothing.
		if tx, ok := q.(*sql.Tx); ok {
			secret, err := db.mintStatusLink(ctx, tx, c.ID, m.ID)
			if err != nil {
				return hiring.Message{}, c, err
			}
			values["status_link"] = db.statusLinkURL(secret)
		} else {
			values["status_link"] = db.statusLinkURL("a-personal-link-is-made-for-each-message")
		}
	}
	if app.ID == "" {
		values["job.title"], values["stage.name"] = "", ""
		for _, f := range []string{"job.title", "stage.name"} {
			if mail.UsesField(subject, body, f) {
				return hiring.Message{}, c, invalid("application_id", "This text uses {{"+f+"}}: choose the application it is about.")
			}
		}
	}
	r, err := mail.Render(subject, body, values)
	if err != nil {
		var te *mail.TemplateError
		if errors.As(err, &te) {
			return hiring.Message{}, c, invalid(te.Field, te.Msg)
		}
		return hiring.Message{}, c, err
	}
	if r.Subject == "" {
		return hiring.Message{}, c, invalid("subject", "Please enter a subject.")
	}
	if len(r.Subject) > 2*hiring.MaxMessageSubject {
		return hiring.Message{}, c, invalid("subject", "The filled-in subject is too long.")
	}
	m.Subject, m.Text, m.HTML = r.Subject, r.Text, r.HTML
	if !in.SendAt.IsZero() {
		t := in.SendAt.UTC().Truncate(time.Microsecond)
		m.SendAt = &t
	}
	return m, c, nil
}

// Message returns one message the actor may see.
func (db *DB) Message(ctx context.Context, id string) (hiring.Message, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Message{}, err
	}
	p := &args{}
	m, err := scanMessage(db.rd.QueryRowContext(ctx, "SELECT "+msgCols+" FROM messages m WHERE m.id = "+p.add(id)+" AND "+messageVisible(a, p), p.list...))
	return m, notFound("message", err)
}

// CandidateMessages lists a candidate's messages the actor may see, both
// directions, newest first.
func (db *DB) CandidateMessages(ctx context.Context, candidateID string, pr hiring.PageRequest) (hiring.Page[hiring.Message], error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Page[hiring.Message]{}, err
	}
	if err := db.canSeeCandidate(ctx, db.rd, a, candidateID); err != nil {
		return hiring.Page[hiring.Message]{}, err
	}
	p := &args{}
	return db.messagePage(ctx, []string{"m.candidate_id = " + p.add(candidateID), messageVisible(a, p)}, p, pr)
}

// DevMailbox lists the messages kept instead of sent (no SMTP server), for admins.
func (db *DB) DevMailbox(ctx context.Context, pr hiring.PageRequest) (hiring.Page[hiring.Message], error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Page[hiring.Message]{}, err
	}
	if !a.IsAdmin() {
		return hiring.Page[hiring.Message]{}, forbidden("The dev mailbox is for admins.")
	}
	p := &args{}
	return db.messagePage(ctx, []string{"m.transport = " + p.add(hiring.TransportDevMailbox)}, p, pr)
}

func (db *DB) messagePage(ctx context.Context, where []string, p *args, pr hiring.PageRequest) (hiring.Page[hiring.Message], error) {
	limit := pr.Clamp()
	cur, err := decodeCursor(pr.Cursor, 1)
	if err != nil {
		return hiring.Page[hiring.Message]{}, err
	}
	var total int
	if pr.CountTotal {
		if err := db.rd.QueryRowContext(ctx, "SELECT COUNT(*) FROM messages m"+whereSQL(where), p.list...).Scan(&total); err != nil {
			return hiring.Page[hiring.Message]{}, dbErr("count messages", err)
		}
	}
	if cur != nil {
		where = append(where, "m.id < "+p.add(cur[0]))
	}
	rows, err := db.rd.QueryContext(ctx, "SELECT "+msgCols+" FROM messages m"+whereSQL(where)+" ORDER BY m.id DESC LIMIT "+strconv.Itoa(limit+1), p.list...)
	if err != nil {
		return hiring.Page[hiring.Message]{}, dbErr("messages", err)
	}
	defer rows.Close()
	var out []hiring.Message
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return hiring.Page[hiring.Message]{}, dbErr("messages", err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return hiring.Page[hiring.Message]{}, dbErr("messages", err)
	}
	page := pageOf(out, limit, func(m hiring.Message) []string { return []string{m.ID} })
	page.Total = total
	return page, nil
}

// CancelMessage cancels a queued message before it leaves (its job then
// finds it cancelled and does nothing).
func (db *DB) CancelMessage(ctx context.Context, id string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		p := &args{}
		m, err := scanMessage(tx.QueryRowContext(ctx, "SELECT "+msgCols+" FROM messages m WHERE m.id = "+p.add(id)+" AND "+messageVisible(a, p), p.list...))
		if err != nil {
			return notFound("message", err)
		}
		switch {
		case m.JobID != "":
			if err := canDecide(ctx, tx, a, m.JobID); err != nil {
				return forbidden("You may not cancel mail of this job.")
			}
		case !a.CanManageRecords():
			return forbidden("You may not cancel this message.")
		}
		if m.Direction != hiring.MessageOut || m.Status != hiring.MessageQueued {
			return conflict("", "This message is no longer waiting to be sent.")
		}
		res, err := tx.ExecContext(ctx, "UPDATE messages SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
			hiring.MessageCancelled, TimeArg(now()), id, hiring.MessageQueued)
		if err != nil {
			return dbErr("cancel message", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return conflict("", "This message is no longer waiting to be sent.")
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "message.cancelled", SubjectType: "message", SubjectID: m.ID,
			CandidateID: m.CandidateID, JobID: m.JobID, Summary: "cancelled the email " + strconv.Quote(m.Subject)}, false)
	})
}

func systemOnly(ctx context.Context) (hiring.Actor, error) {
	a, err := actor(ctx)
	if err != nil {
		return a, err
	}
	if !a.System {
		return a, hiring.ErrNotFound("message")
	}
	return a, nil
}

// OutboxMessage reads a message for the outbox worker (system only).
func (db *DB) OutboxMessage(ctx context.Context, id string) (hiring.Message, error) {
	if _, err := systemOnly(ctx); err != nil {
		return hiring.Message{}, err
	}
	m, err := scanMessage(db.reader.QueryRowContext(ctx, "SELECT "+msgCols+" FROM messages m WHERE m.id = $1", id))
	if err != nil {
		return m, notFound("message", err)
	}
	return m, db.calendarPart(ctx, &m)
}

// MessageDelivered marks a queued message sent (system only). A message no
// longer queued is left alone: a second delivery of the same job changes
// nothing.
func (db *DB) MessageDelivered(ctx context.Context, id, transport, messageID string) error {
	return db.MessagesDelivered(ctx, []hiring.Delivery{{ID: id, Transport: transport, MessageID: messageID}})
}

// MessagesDelivered is MessageDelivered for many messages in one transaction.
func (db *DB) MessagesDelivered(ctx context.Context, ds []hiring.Delivery) error {
	if _, err := systemOnly(ctx); err != nil {
		return err
	}
	t := TimeArg(now())
	return db.write(ctx, func(tx *sql.Tx) error {
		for _, d := range ds {
			if _, err := tx.ExecContext(ctx, `UPDATE messages SET status = $1, transport = $2, message_id = $3, sent_at = $4, updated_at = $4,
				attempts = attempts + 1, last_error = '' WHERE id = $5 AND status = $6`,
				hiring.MessageSent, d.Transport, d.MessageID, t, d.ID, hiring.MessageQueued); err != nil {
				return dbErr("mark message sent", err)
			}
		}
		return nil
	})
}

// maxErrorText bounds a stored failure reason.
const maxErrorText = 1000

// MessageAttemptFailed records a failed attempt (system only); a permanent
// failure marks the message failed and puts it on the candidate's timeline.
func (db *DB) MessageAttemptFailed(ctx context.Context, id, reason string, permanent bool) error {
	a, err := systemOnly(ctx)
	if err != nil {
		return err
	}
	reason = hiring.ScrubText(reason)
	if len(reason) > maxErrorText {
		reason = strings.ToValidUTF8(reason[:maxErrorText], "") + "…"
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		m, err := scanMessage(tx.QueryRowContext(ctx, "SELECT "+msgCols+" FROM messages m WHERE m.id = $1", id))
		if err != nil {
			return notFound("message", err)
		}
		if m.Status != hiring.MessageQueued {
			return nil
		}
		status := hiring.MessageQueued
		if permanent {
			status = hiring.MessageFailed
		}
		if _, err := tx.ExecContext(ctx, "UPDATE messages SET status = $1, attempts = attempts + 1, last_error = $2, updated_at = $3 WHERE id = $4",
			status, reason, TimeArg(now()), id); err != nil {
			return dbErr("mark message attempt", err)
		}
		if !permanent {
			return nil
		}
		return db.record(ctx, tx, a, hiring.Activity{Action: "message.failed", SubjectType: "message", SubjectID: m.ID,
			CandidateID: m.CandidateID, JobID: m.JobID,
			Summary: "could not deliver the email " + strconv.Quote(m.Subject) + " to " + m.ToEmail + ": " + reason}, false)
	})
}
