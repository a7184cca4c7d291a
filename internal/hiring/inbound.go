package hiring

import (
	"context"
	"time"
)

// InboundMessage is a mail that arrived (inbound SMTP listener or IMAP
// polling), parsed and bounded by internal/mail. The store decides whom it
// belongs to: the thread of a verified reply token, then the thread of a
// message it answers (In-Reply-To, References), then the one candidate with
// the sender's address; otherwise it waits in the unassigned inbox.
type InboundMessage struct {
	// ThreadID comes from a reply token whose MAC was checked ("" when
	// the mail carried none).
	ThreadID   string
	MessageID  string // without brackets; repeated deliveries of one Message-ID are stored once
	InReplyTo  string
	References []string
	FromName   string
	FromEmail  string
	ToEmail    string
	Subject    string
	Text       string
	// Auto marks an auto-reply (Auto-Submitted, X-Autoreply, out of office).
	Auto       bool
	ReceivedAt time.Time
}

// Bounce is a delivery report (RFC 3464) saying an outgoing message could
// not be delivered.
type Bounce struct {
	// MessageID is the Message-ID of the message that bounced, as the report
	// quotes it (without brackets).
	MessageID string
	// Recipient is the address that failed ("" when the report names none;
	// then the message's own recipient is meant).
	Recipient string
	Reason    string
}

// Address reasons on the suppression list.
const (
	SuppressBounced      = "bounced"      // a delivery report said the address does not exist
	SuppressUnsubscribed = "unsubscribed" // the person used an unsubscribe link
	SuppressManual       = "manual"       // an admin added it
)

// Suppression is an address no outreach goes to.
type Suppression struct {
	Email     string
	Reason    string
	Detail    string
	CreatedAt time.Time
	CreatedBy string // user name, "" for the system
}

// InboxService is the inbound side of email: what the listener and the
// IMAP poller store (system actor), and the unassigned inbox recruiters
// and admins sort by hand.
type InboxService interface {
	// ReceiveMessage stores an incoming mail where it belongs (system only).
	ReceiveMessage(ctx context.Context, in InboundMessage) (Message, error)
	// MessageBounced marks the original message bounced and its address
	// undeliverable (system only); a report about no message of ours, or
	// about another address than the one it went to, changes nothing.
	MessageBounced(ctx context.Context, b Bounce) error
	// UnassignedMessages lists incoming mail no candidate was found for,
	// newest first (admins and recruiters).
	UnassignedMessages(ctx context.Context, p PageRequest) (Page[Message], error)
	// UnassignedMessage is one of them.
	UnassignedMessage(ctx context.Context, id string) (Message, error)
	// AssignMessage files an unassigned message with a candidate (it goes on
	// their timeline).
	AssignMessage(ctx context.Context, id, candidateID string) (Message, error)
	// CandidatesByEmail lists the candidates the actor sees with this
	// address (the inbox suggests them).
	CandidatesByEmail(ctx context.Context, email string) ([]Candidate, error)
}

// SuppressionService keeps the suppression list: addresses no outreach
// (sequences, bulk outreach, mail about no application) goes to. Mail about
// an application in progress is not affected.
type SuppressionService interface {
	// Suppressions lists the list (admins), newest first; q filters by part
	// of the address.
	Suppressions(ctx context.Context, q string, p PageRequest) (Page[Suppression], error)
	AddSuppression(ctx context.Context, email, detail string) (Suppression, error)
	RemoveSuppression(ctx context.Context, email string) error
	// UnsubscribeAddress and Unsubscribe serve the one-click link (system
	// actor: the link's token names the message and was checked).
	UnsubscribeAddress(ctx context.Context, messageID string) (string, error)
	Unsubscribe(ctx context.Context, messageID string) error
}
