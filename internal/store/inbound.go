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

// threadOwner is the candidate, application and job a thread belongs to.
type threadOwner struct {
	thread, candidate, application, job string
}

// ReceiveMessage stores an incoming mail (system only): on the thread of its
// verified reply token, else of the message it answers, else as a new
// thread of the one candidate with the sender's address; when none of that
// finds exactly one candidate it waits in the unassigned inbox. A Message-ID
// already received is not stored twice (IMAP polls and SMTP retries repeat
// mail).
func (db *DB) ReceiveMessage(ctx context.Context, in hiring.InboundMessage) (hiring.Message, error) {
	a, err := systemOnly(ctx)
	if err != nil {
		return hiring.Message{}, err
	}
	var m hiring.Message
	err = db.write(ctx, func(tx *sql.Tx) error {
		if in.MessageID != "" {
			old, err := scanMessage(tx.QueryRowContext(ctx, "SELECT "+msgCols+" FROM messages m WHERE m.message_id = $1 AND m.direction = $2 LIMIT 1",
				in.MessageID, hiring.MessageIn))
			if err == nil {
				m = old
				return nil
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return dbErr("inbound message", err)
			}
		}
		owner, err := db.inboundOwner(ctx, tx, in)
		if err != nil {
			return err
		}
		at := in.ReceivedAt.UTC()
		if at.IsZero() {
			at = now()
		}
		m = hiring.Message{ID: NewID(), ThreadID: owner.thread, CandidateID: owner.candidate, ApplicationID: owner.application,
			JobID: owner.job, Direction: hiring.MessageIn, Status: hiring.MessageReceived, MessageID: in.MessageID,
			InReplyTo: in.InReplyTo, FromName: in.FromName, FromEmail: in.FromEmail, ToEmail: in.ToEmail,
			Subject: in.Subject, Text: in.Text, Auto: in.Auto, CreatedAt: at.Truncate(time.Microsecond)}
		if m.ThreadID == "" {
			m.ThreadID = m.ID
		}
		sent := m.CreatedAt
		m.SentAt = &sent
		if _, err := tx.ExecContext(ctx, `INSERT INTO messages (id, thread_id, candidate_id, application_id, job_id, direction, status,
			message_id, in_reply_to, from_name, from_email, to_email, subject, body_text, body_html, auto, sent_at, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, '', $15, $16, $16, $16)`,
			m.ID, m.ThreadID, nullString(m.CandidateID), nullString(m.ApplicationID), nullString(m.JobID), m.Direction, m.Status,
			m.MessageID, m.InReplyTo, m.FromName, m.FromEmail, m.ToEmail, m.Subject, m.Text, m.Auto, TimeArg(m.CreatedAt)); err != nil {
			return dbErr("store inbound message", err)
		}
		if m.CandidateID == "" {
			return nil
		}
		return db.receivedOnTimeline(ctx, tx, a, m)
	})
	return m, err
}

// receivedOnTimeline puts an incoming message on its candidate's timeline
// and lets what waits for a reply know (sequences stop on one).
func (db *DB) receivedOnTimeline(ctx context.Context, tx *sql.Tx, a hiring.Actor, m hiring.Message) error {
	who := m.FromEmail
	if m.FromName != "" {
		who = m.FromName
	}
	action, summary := "message.received", "received an email from "+who+": "+m.Subject
	if m.Auto {
		action, summary = "message.auto_reply", "received an automatic reply from "+who+": "+m.Subject
	}
	if err := db.record(ctx, tx, a, hiring.Activity{Action: action, SubjectType: "message", SubjectID: m.ID,
		CandidateID: m.CandidateID, JobID: m.JobID, Summary: summary,
		After: map[string]any{"subject": m.Subject, "from": m.FromEmail}}, false); err != nil {
		return err
	}
	if m.Auto {
		return nil // an out-of-office is not an answer
	}
	return db.onReply(ctx, tx, m)
}

// onReplyHooks run in the transaction that files a person's reply with a
// candidate (sequences stop their enrolments).
func (db *DB) onReply(ctx context.Context, tx *sql.Tx, m hiring.Message) error {
	for _, f := range replyHooks {
		if err := f(db, ctx, tx, m); err != nil {
			return err
		}
	}
	return nil
}

// replyHooks is filled by the store files of capabilities that react to a
// reply (a package-level list of functions, fixed at init).
var replyHooks []func(db *DB, ctx context.Context, tx *sql.Tx, m hiring.Message) error

func (db *DB) inboundOwner(ctx context.Context, tx *sql.Tx, in hiring.InboundMessage) (threadOwner, error) {
	scan := func(row *sql.Row) (threadOwner, error) {
		var o threadOwner
		err := row.Scan(&o.thread, strCol{&o.candidate}, strCol{&o.application}, strCol{&o.job})
		return o, err
	}
	const cols = "SELECT thread_id, candidate_id, application_id, job_id FROM messages WHERE candidate_id IS NOT NULL AND "
	if in.ThreadID != "" {
		o, err := scan(tx.QueryRowContext(ctx, cols+"thread_id = $1 ORDER BY id LIMIT 1", in.ThreadID))
		if err == nil {
			return o, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return o, dbErr("reply thread", err)
		}
	}
	// The newest message it answers first (In-Reply-To, then References
	// from the last).
	ids := []string{}
	if in.InReplyTo != "" {
		ids = append(ids, in.InReplyTo)
	}
	for i := len(in.References) - 1; i >= 0 && len(ids) < 20; i-- {
		ids = append(ids, in.References[i])
	}
	for _, id := range ids {
		o, err := scan(tx.QueryRowContext(ctx, cols+"message_id = $1 ORDER BY id LIMIT 1", id))
		if err == nil {
			return o, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return o, dbErr("reply references", err)
		}
	}
	email, ok := hiring.NormalizeEmail(in.FromEmail)
	if !ok {
		return threadOwner{}, nil
	}
	rows, err := tx.QueryContext(ctx, "SELECT DISTINCT candidate_id FROM candidate_emails WHERE email = $1 LIMIT 2", email)
	if err != nil {
		return threadOwner{}, dbErr("reply sender", err)
	}
	defer rows.Close()
	var cands []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return threadOwner{}, dbErr("reply sender", err)
		}
		cands = append(cands, id)
	}
	if err := rows.Err(); err != nil {
		return threadOwner{}, dbErr("reply sender", err)
	}
	if len(cands) != 1 {
		return threadOwner{}, nil // nobody or several: a person decides
	}
	return threadOwner{candidate: cands[0]}, nil
}

// MessageBounced applies a delivery report (system only): the outgoing
// message it names is marked bounced and its address goes on the
// suppression list, both on the candidate's timeline. Reports are not
// authenticated, so one only counts when it names a message Candor sent and
// the address that message went to.
func (db *DB) MessageBounced(ctx context.Context, b hiring.Bounce) error {
	a, err := systemOnly(ctx)
	if err != nil {
		return err
	}
	if b.MessageID == "" {
		return nil
	}
	reason := hiring.ScrubText(b.Reason)
	if len(reason) > maxErrorText {
		reason = strings.ToValidUTF8(reason[:maxErrorText], "") + "…"
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		m, err := scanMessage(tx.QueryRowContext(ctx, "SELECT "+msgCols+" FROM messages m WHERE m.message_id = $1 AND m.direction = $2 LIMIT 1",
			b.MessageID, hiring.MessageOut))
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return dbErr("bounced message", err)
		}
		to := strings.ToLower(m.ToEmail)
		if b.Recipient != "" && !strings.EqualFold(b.Recipient, to) {
			return nil
		}
		if m.Status == hiring.MessageBounced {
			return nil
		}
		if _, err := tx.ExecContext(ctx, "UPDATE messages SET status = $1, last_error = $2, updated_at = $3 WHERE id = $4",
			hiring.MessageBounced, reason, TimeArg(now()), m.ID); err != nil {
			return dbErr("mark bounced", err)
		}
		if err := db.suppressTx(ctx, tx, a, to, hiring.SuppressBounced, reason); err != nil {
			return err
		}
		if m.CandidateID == "" {
			return nil
		}
		if err := db.record(ctx, tx, a, hiring.Activity{Action: "message.bounced", SubjectType: "message", SubjectID: m.ID,
			CandidateID: m.CandidateID, JobID: m.JobID,
			Summary: "the email " + strconv.Quote(m.Subject) + " to " + to + " bounced; the address is marked undeliverable (" + reason + ")"}, false); err != nil {
			return err
		}
		return db.onBounce(ctx, tx, m)
	})
}

// bounceHooks run in the transaction that marks a message bounced.
var bounceHooks []func(db *DB, ctx context.Context, tx *sql.Tx, m hiring.Message) error

func (db *DB) onBounce(ctx context.Context, tx *sql.Tx, m hiring.Message) error {
	for _, f := range bounceHooks {
		if err := f(db, ctx, tx, m); err != nil {
			return err
		}
	}
	return nil
}

func canSortInbox(a hiring.Actor) error {
	if a.IsAdmin() || a.CanManageRecords() {
		return nil
	}
	return forbidden("The inbox is for recruiters and admins.")
}

// UnassignedMessages lists incoming mail waiting for a person to say whose
// it is (admins and recruiters), newest first.
func (db *DB) UnassignedMessages(ctx context.Context, pr hiring.PageRequest) (hiring.Page[hiring.Message], error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Page[hiring.Message]{}, err
	}
	if err := canSortInbox(a); err != nil {
		return hiring.Page[hiring.Message]{}, err
	}
	p := &args{}
	return db.messagePage(ctx, []string{"m.direction = " + p.add(hiring.MessageIn), "m.candidate_id IS NULL"}, p, pr)
}

// UnassignedMessage is one message of the unassigned inbox.
func (db *DB) UnassignedMessage(ctx context.Context, id string) (hiring.Message, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Message{}, err
	}
	if err := canSortInbox(a); err != nil {
		return hiring.Message{}, err
	}
	m, err := scanMessage(db.rd.QueryRowContext(ctx, "SELECT "+msgCols+" FROM messages m WHERE m.id = $1 AND m.direction = $2 AND m.candidate_id IS NULL",
		id, hiring.MessageIn))
	return m, notFound("message", err)
}

// AssignMessage files an unassigned message with a candidate the actor
// sees: it joins their timeline as a new thread.
func (db *DB) AssignMessage(ctx context.Context, id, candidateID string) (hiring.Message, error) {
	a, err := actor(ctx)
	if err != nil {
		return hiring.Message{}, err
	}
	if err := canSortInbox(a); err != nil {
		return hiring.Message{}, err
	}
	var m hiring.Message
	err = db.write(ctx, func(tx *sql.Tx) error {
		m, err = scanMessage(tx.QueryRowContext(ctx, "SELECT "+msgCols+" FROM messages m WHERE m.id = $1 AND m.direction = $2",
			id, hiring.MessageIn))
		if err != nil {
			return notFound("message", err)
		}
		if m.CandidateID != "" {
			return conflict("", "This message was filed already.")
		}
		if err := db.canSeeCandidate(ctx, tx, a, candidateID); err != nil {
			return invalid("candidate_id", "Choose a candidate you can see.")
		}
		res, err := tx.ExecContext(ctx, "UPDATE messages SET candidate_id = $1, updated_at = $2 WHERE id = $3 AND candidate_id IS NULL",
			candidateID, TimeArg(now()), id)
		if err != nil {
			return dbErr("assign message", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return conflict("", "This message was filed already.")
		}
		m.CandidateID = candidateID
		if err := db.record(ctx, tx, a, hiring.Activity{Action: "message.assigned", SubjectType: "message", SubjectID: m.ID,
			CandidateID: candidateID, Summary: "filed the email " + strconv.Quote(m.Subject) + " from " + m.FromEmail + " with this candidate"}, false); err != nil {
			return err
		}
		return db.receivedOnTimeline(ctx, tx, hiring.SystemActor(), m)
	})
	return m, err
}

// CandidatesByEmail lists the candidates the actor sees with this address.
func (db *DB) CandidatesByEmail(ctx context.Context, email string) ([]hiring.Candidate, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	email, ok := hiring.NormalizeEmail(email)
	if !ok {
		return nil, nil
	}
	p := &args{}
	rows, err := db.rd.QueryContext(ctx, "SELECT DISTINCT e.candidate_id FROM candidate_emails e WHERE e.email = "+p.add(email)+
		" AND "+candidateVisible(a, "e.candidate_id", p)+" LIMIT 20", p.list...)
	if err != nil {
		return nil, dbErr("candidates by email", err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, dbErr("candidates by email", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, dbErr("candidates by email", err)
	}
	out := make([]hiring.Candidate, 0, len(ids))
	for _, id := range ids {
		c, err := db.loadCandidate(ctx, db.rd, a, id)
		if err != nil {
			continue
		}
		out = append(out, c)
	}
	return out, nil
}

var _ mail.InboxStore = (*DB)(nil)
