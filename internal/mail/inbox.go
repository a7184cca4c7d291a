package mail

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// InboxStore is what incoming mail needs of the store (system actor).
type InboxStore interface {
	ReceiveMessage(ctx context.Context, in hiring.InboundMessage) (hiring.Message, error)
	MessageBounced(ctx context.Context, b hiring.Bounce) error
}

// ErrForgedToken is a mail to a reply address whose token fails its MAC
// check: someone made it up or altered it. It is refused, not filed.
var ErrForgedToken = errors.New("mail: the reply address is not one Candor gave out")

// Inbox files incoming mail, whichever way it arrived (the SMTP listener,
// IMAP polling): replies on their candidate's thread, delivery reports as
// bounces, iTIP replies to the calendar handlers.
type Inbox struct {
	Store  InboxStore
	Tokens Tokens
	// Domain is the reply addresses' domain (the From address's): tokens
	// are only looked for in addresses there.
	Domain string
	// Calendar receives the METHOD:REPLY parts (interview answers).
	Calendar []hiring.CalendarReplyHandler
	Logger   *slog.Logger
	Now      func() time.Time
}

// Result says what became of one incoming mail.
type Result struct {
	Message hiring.Message // the stored message ("" ID for a delivery report)
	Bounced int            // recipients a delivery report marked undeliverable
}

// CheckRecipient is the SMTP listener's RCPT check: an address with a token
// at the reply domain must carry a genuine one.
func (ib *Inbox) CheckRecipient(addr string) error {
	if _, forged := ib.thread([]string{addr}); forged {
		return ErrForgedToken
	}
	return nil
}

// thread finds a genuine token among the addresses; forged reports a token
// that failed the check when no genuine one was found.
func (ib *Inbox) thread(addrs []string) (thread string, forged bool) {
	for _, a := range addrs {
		a = strings.ToLower(strings.Trim(strings.TrimSpace(a), "<>"))
		if ib.Domain != "" && !strings.HasSuffix(a, "@"+strings.ToLower(ib.Domain)) {
			continue
		}
		tok := TokenOf(a)
		if tok == "" {
			continue
		}
		if id, ok := ib.Tokens.Thread(tok); ok {
			return id, false
		}
		forged = true
	}
	return "", forged
}

// Deliver parses and files one incoming mail; envelope are the envelope
// recipients (RCPT TO) when known.
func (ib *Inbox) Deliver(ctx context.Context, r io.Reader, envelope []string) (Result, error) {
	in, err := ParseInbound(r)
	if err != nil {
		return Result{}, err
	}
	return ib.File(ctx, in, envelope)
}

// File files a parsed mail.
func (ib *Inbox) File(ctx context.Context, in *Inbound, envelope []string) (Result, error) {
	ctx = hiring.WithActor(ctx, hiring.SystemActor())
	if in.Report != nil {
		return ib.report(ctx, in)
	}
	thread, forged := ib.thread(append(append([]string(nil), envelope...), in.Recipients...))
	if forged && thread == "" {
		ib.logger().WarnContext(ctx, "inbound mail refused: forged reply token", "from", in.From.Email, "message_id", in.MessageID)
		return Result{}, ErrForgedToken
	}
	now := ib.now()
	to := ""
	if len(envelope) > 0 {
		to = strings.ToLower(strings.Trim(envelope[0], "<> "))
	} else if len(in.Recipients) > 0 {
		to = in.Recipients[0]
	}
	subject := in.Subject
	if subject == "" {
		subject = "(no subject)"
	}
	msg := hiring.InboundMessage{ThreadID: thread, MessageID: in.MessageID, InReplyTo: in.InReplyTo, References: in.References,
		FromName: in.From.Name, FromEmail: in.From.Email, ToEmail: to, Subject: subject, Text: in.Text, Auto: in.Auto, ReceivedAt: now}
	m, err := ib.Store.ReceiveMessage(ctx, msg)
	if err != nil {
		return Result{}, err
	}
	for _, ics := range in.Calendar {
		for _, h := range ib.Calendar {
			// A calendar answer that cannot be applied must not lose the
			// mail, which is stored already: log it.
			if err := h.CalendarReply(ctx, hiring.CalendarReply{From: in.From.Email, MessageID: in.MessageID, ICS: ics}); err != nil {
				ib.logger().WarnContext(ctx, "calendar reply not applied", "message_id", in.MessageID, "err", err)
			}
		}
	}
	return Result{Message: m}, nil
}

// report applies a delivery status notification: each recipient it says
// failed marks the original message bounced.
func (ib *Inbox) report(ctx context.Context, in *Inbound) (Result, error) {
	var res Result
	orig := in.Report.OriginalMessageID
	if orig == "" {
		ib.logger().InfoContext(ctx, "delivery report without the original message's id ignored", "message_id", in.MessageID)
		return res, nil
	}
	for _, rr := range in.Report.Failed() {
		reason := "delivery failed"
		if rr.Status != "" {
			reason += " (" + rr.Status + ")"
		}
		if rr.Diagnostic != "" {
			reason += ": " + rr.Diagnostic
		}
		if err := ib.Store.MessageBounced(ctx, hiring.Bounce{MessageID: orig, Recipient: rr.Email, Reason: reason}); err != nil {
			return res, err
		}
		res.Bounced++
	}
	return res, nil
}

func (ib *Inbox) now() time.Time {
	if ib.Now != nil {
		return ib.Now()
	}
	return time.Now()
}

func (ib *Inbox) logger() *slog.Logger {
	if ib.Logger == nil {
		return slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return ib.Logger
}
