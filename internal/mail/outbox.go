package mail

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/riverqueue/river"

	"github.com/candor-ats/candor/internal/hiring"
)

// OutboxStore is what the outbox worker needs of the store (system actor).
type OutboxStore interface {
	OutboxMessage(ctx context.Context, id string) (hiring.Message, error)
	MessageDelivered(ctx context.Context, id, transport, messageID string) error
	MessagesDelivered(ctx context.Context, ds []hiring.Delivery) error
	MessageAttemptFailed(ctx context.Context, id, reason string, permanent bool) error
}

// Transport sends one built message (a *Sender in production).
type Transport interface {
	Send(ctx context.Context, m *Message) error
}

// Outbox delivers queued messages: the send_message worker.
type Outbox struct {
	Store OutboxStore
	// Transport sends over SMTP; nil keeps every message in the dev mailbox
	// (no SMTP server configured).
	Transport Transport
	From      Address
	// Tokens signs the per-thread Reply-To.
	Tokens Tokens
	// UnsubscribeURL, when set, is the one-click unsubscribe link of a
	// message (RFC 8058): mail about no application carries it.
	UnsubscribeURL func(messageID string) string
	Logger         *slog.Logger
	// Now is the clock (tests); default time.Now.
	Now func() time.Time
	// RetryDelay, when set, replaces River's backoff after a failed
	// attempt (tests; attempt counts from 1).
	RetryDelay func(attempt int) time.Duration

	marksOnce sync.Once
	marks     *marker
}

// delivered marks a message sent, sharing a transaction with the marks of
// other jobs finishing at the same time.
func (o *Outbox) delivered(ctx context.Context, d hiring.Delivery) error {
	o.marksOnce.Do(func() { o.marks = &marker{store: o.Store} })
	return o.marks.mark(ctx, d)
}

// Register adds the send_message worker.
func (o *Outbox) Register(w *river.Workers) error {
	return river.AddWorkerSafely(w, &sendWorker{o: o})
}

// MessageIDFor is the stable Message-ID of an outgoing message: its row id
// at the sender's domain, the same on every attempt.
func (o *Outbox) MessageIDFor(id string) string { return id + "@" + o.From.Domain() }

// Build makes the mail of a stored message.
func (o *Outbox) Build(m hiring.Message) *Message {
	return &Message{
		MessageID: o.MessageIDFor(m.ID),
		From:      o.From,
		To:        Address{Name: m.ToName, Email: m.ToEmail},
		ReplyTo:   ReplyAddress(o.From, o.Tokens.Token(m.ThreadID)),
		Subject:   m.Subject,
		Text:      m.Text,
		HTML:      htmlDocument(m.HTML),
		InReplyTo: m.InReplyTo,
		Auto:      m.Auto,
		Date:      o.now(),

		Calendar:       []byte(m.Calendar),
		CalendarMethod: m.CalendarMethod,
		// Mail about an application in progress is transactional; any
		// other (sequences, outreach) can be unsubscribed from.
		Unsubscribe: o.unsubscribe(m),
	}
}

func (o *Outbox) unsubscribe(m hiring.Message) string {
	if m.ApplicationID != "" || o.UnsubscribeURL == nil {
		return ""
	}
	return o.UnsubscribeURL(m.ID)
}

func (o *Outbox) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

func (o *Outbox) logger() *slog.Logger {
	if o.Logger == nil {
		return slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return o.Logger
}

type sendWorker struct {
	river.WorkerDefaults[SendJob]
	o *Outbox
}

// Timeout bounds one attempt (rate-limit wait and SMTP exchange).
func (w *sendWorker) Timeout(*river.Job[SendJob]) time.Duration { return 2 * time.Minute }

// NextRetry is River's backoff unless the outbox sets its own.
func (w *sendWorker) NextRetry(job *river.Job[SendJob]) time.Time {
	if w.o.RetryDelay == nil {
		return time.Time{}
	}
	return time.Now().Add(w.o.RetryDelay(job.Attempt))
}

func (w *sendWorker) Work(ctx context.Context, job *river.Job[SendJob]) error {
	last := job.Attempt >= job.MaxAttempts
	return w.o.deliver(ctx, job.Args.MessageID, last)
}

// deliver makes one attempt at a message. A temporary failure returns an
// error (River retries with backoff) unless it was the last attempt.
func (o *Outbox) deliver(ctx context.Context, id string, last bool) error {
	ctx = hiring.WithActor(ctx, hiring.SystemActor())
	m, err := o.Store.OutboxMessage(ctx, id)
	if hiring.ErrorCode(err) == hiring.ENotFound {
		return nil // the candidate was erased meanwhile
	}
	if err != nil {
		return err
	}
	if m.Status != hiring.MessageQueued || m.Direction != hiring.MessageOut {
		return nil // sent, failed or cancelled already: a repeated job does nothing
	}
	if m.SendAt != nil {
		if wait := m.SendAt.Sub(o.now()); wait > time.Second {
			return river.JobSnooze(wait)
		}
	}
	msg := o.Build(m)
	if o.Transport == nil {
		if _, err := msg.Build(); err != nil {
			return o.failed(ctx, m, err, true)
		}
		return o.delivered(ctx, hiring.Delivery{ID: m.ID, Transport: hiring.TransportDevMailbox, MessageID: msg.MessageID})
	}
	err = o.Transport.Send(ctx, msg)
	if err == nil {
		// Accepted by the server: from here a crash before this write is
		// committed means a retry sends the same Message-ID again.
		return o.delivered(ctx, hiring.Delivery{ID: m.ID, Transport: hiring.TransportSMTP, MessageID: msg.MessageID})
	}
	return o.failed(ctx, m, err, Permanent(err) || last)
}

func (o *Outbox) failed(ctx context.Context, m hiring.Message, err error, permanent bool) error {
	o.logger().WarnContext(ctx, "mail not delivered", "message", m.ID, "permanent", permanent, "err", err)
	if serr := o.Store.MessageAttemptFailed(ctx, m.ID, reason(err), permanent); serr != nil {
		return errors.Join(err, serr)
	}
	if permanent {
		return nil
	}
	return fmt.Errorf("mail: send %s: %w", m.ID, err)
}

// reason is the failure as people should read it.
func reason(err error) string {
	var pe *PermanentError
	if errors.As(err, &pe) && pe.Code != 0 {
		return fmt.Sprintf("the mail server refused it (%d): %v", pe.Code, pe.Err)
	}
	return err.Error()
}
