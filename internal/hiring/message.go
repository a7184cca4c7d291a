package hiring

import (
	"context"
	"strings"
	"time"
)

// Message statuses. Outgoing messages are queued, then sent, failed
// (refused for good, or out of retries) or bounced (a delivery report came
// back), or cancelled before sending; incoming ones are received.
const (
	MessageQueued    = "queued"
	MessageSent      = "sent"
	MessageFailed    = "failed"
	MessageBounced   = "bounced"
	MessageReceived  = "received"
	MessageCancelled = "cancelled"
)

// Message directions.
const (
	MessageOut = "out"
	MessageIn  = "in"
)

// Message transports: how an outgoing message left.
const (
	TransportSMTP       = "smtp"
	TransportDevMailbox = "devmailbox" // kept for the admins' dev mailbox: no SMTP server configured
)

// Message is one email to or from a candidate: the outbox row of an
// outgoing one (written before it is sent, in the transaction that causes
// it) or an incoming reply. Its Subject, Text and HTML are exactly what was
// or will be sent.
type Message struct {
	ID            string
	ThreadID      string // messages of one conversation share it; replies find it by the Reply-To token
	CandidateID   string
	ApplicationID string // "" when not about one application
	JobID         string // the application's job (access: interviewers see only their jobs' messages)
	Direction     string // MessageOut, MessageIn
	Status        string
	MessageID     string // RFC 5322 Message-ID without brackets (outgoing: set when first sent)
	InReplyTo     string
	FromName      string
	FromEmail     string
	ToName        string
	ToEmail       string
	Subject       string
	Text          string // plain-text body
	HTML          string // HTML body (sanitized)
	SenderID      string // the user who sent it ("" for automations and incoming mail)
	SenderName    string
	Transport     string // TransportSMTP or TransportDevMailbox once sent
	Attempts      int
	Error         string // the last failure, for people
	Auto          bool   // sent by an automation, not by a person
	Purpose       string // see NewMessage.Purpose
	SendAt        *time.Time
	SentAt        *time.Time
	CreatedAt     time.Time
	// Calendar is the text/calendar part of an invitation (outbox only:
	// OutboxMessage fills it) and CalendarMethod its iTIP METHOD.
	Calendar       string
	CalendarMethod string
}

// Delivery says that a queued message left: by which transport, under
// which Message-ID.
type Delivery struct {
	ID        string
	Transport string
	MessageID string
}

// NewMessage is an email to a candidate, written by a person or an automation.
type NewMessage struct {
	CandidateID   string
	ApplicationID string // optional: the application it is about (its job decides who may send and see it)
	// TemplateID fills Subject and Body from a template (they may then be
	// empty); otherwise Subject and Body are the text, merge fields allowed.
	TemplateID string
	Subject    string
	Body       string // Markdown; rendered to HTML and plain text when queued
	ThreadID   string // optional: continue a thread of this candidate
	SendAt     time.Time
	Auto       bool
	// TemplateKey (automations) picks the shipped template of that key in
	// Language (default "en") when TemplateID is empty.
	TemplateKey string
	Language    string
	// NoSignature leaves the sender's signature off.
	NoSignature bool
	// Purpose names an automated mail ("application_received", an
	// automation's id): with ApplicationID, at most one message of a purpose
	// exists per application, and queueing it again returns that one.
	Purpose string
}

// Bounds on a message.
const (
	MaxMessageSubject = 300
	MaxMessageBody    = 100_000
)

// Validate checks a new message's text (the store checks references).
func (in NewMessage) Validate() error {
	var fe []FieldError
	templated := in.TemplateID != "" || in.TemplateKey != ""
	subj := strings.TrimSpace(in.Subject)
	switch {
	case subj == "" && templated:
	case subj == "":
		fe = append(fe, FieldError{Field: "subject", Message: "Please enter a subject."})
	case !IsText(in.Subject) || strings.ContainsAny(in.Subject, "\r\n\u2028\u2029\u0085"):
		fe = append(fe, FieldError{Field: "subject", Message: "A subject is one line of text."})
	case len(subj) > MaxMessageSubject:
		fe = append(fe, FieldError{Field: "subject", Message: "Please keep the subject under 300 characters."})
	}
	switch {
	case strings.TrimSpace(in.Body) == "" && templated:
	case strings.TrimSpace(in.Body) == "":
		fe = append(fe, FieldError{Field: "body", Message: "Please write a message."})
	case !IsText(in.Body):
		fe = append(fe, FieldError{Field: "body", Message: NotText})
	case len(in.Body) > MaxMessageBody:
		fe = append(fe, FieldError{Field: "body", Message: "Please keep the message under 100,000 characters."})
	}
	if len(fe) > 0 {
		return &Error{Code: EInvalid, Message: "Please correct the highlighted fields.", Fields: fe}
	}
	return nil
}

// MessageService keeps candidates' email. Sending means queueing: the
// message row and its delivery job are written in one transaction, and the
// outbox worker sends it (internal/mail). Who may send: admins, recruiters,
// and hiring managers on the application's team; who may read: whoever sees
// the candidate, and for messages about an application, whoever sees its
// job (interviewers only their jobs' messages).
type MessageService interface {
	SendMessage(ctx context.Context, in NewMessage) (Message, error)
	Message(ctx context.Context, id string) (Message, error)
	CandidateMessages(ctx context.Context, candidateID string, p PageRequest) (Page[Message], error)
	// CancelMessage cancels a queued message that has not left yet.
	CancelMessage(ctx context.Context, id string) error
	// DevMailbox lists what was kept instead of sent while no SMTP server was
	// configured, newest first (admins).
	DevMailbox(ctx context.Context, p PageRequest) (Page[Message], error)

	// The outbox worker's side (system actor only).
	OutboxMessage(ctx context.Context, id string) (Message, error)
	MessageDelivered(ctx context.Context, id, transport, messageID string) error
	// MessagesDelivered marks many in one transaction (the outbox's group commit).
	MessagesDelivered(ctx context.Context, ds []Delivery) error
	MessageAttemptFailed(ctx context.Context, id, reason string, permanent bool) error
}
