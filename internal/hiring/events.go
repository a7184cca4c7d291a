package hiring

import "context"

// ApplicationReceivedJob is queued in the transaction that takes in an
// application from outside Candor (the careers site's apply form), so the
// applicant's confirmation and anything else that reacts to a new applicant
// happen once the application exists and never for one that rolled back.
// It satisfies river.JobArgs without the domain importing River; the queue
// (internal/work) works it by calling each ApplicationReceivedHandler.
type ApplicationReceivedJob struct {
	ApplicationID string `json:"application_id"`
}

// Kind names the job for the queue.
func (ApplicationReceivedJob) Kind() string { return "application_received" }

// ApplicationReceivedHandler reacts to an application received from outside
// (for example the communication capability sends the "application
// received" confirmation). Handlers run in the background job, possibly more
// than once for one application when a retry follows a crash, so each must
// be idempotent per application. An error retries the job with backoff.
type ApplicationReceivedHandler interface {
	ApplicationReceived(ctx context.Context, applicationID string) error
}

// CalendarReply is an iTIP reply (RFC 5546 METHOD:REPLY) that arrived by
// mail: an attendee accepting, declining or tentatively accepting an
// interview invitation. The mail package finds it in an inbound message's
// text/calendar part and hands it on; the interviews capability applies it.
type CalendarReply struct {
	// From is the envelope or header sender address of the mail.
	From string
	// MessageID is the inbound message's Message-ID, for logs and idempotency.
	MessageID string
	// ICS is the raw text/calendar body (bounded by the mail parser).
	ICS []byte
}

// CalendarReplyHandler applies iTIP replies. It runs without a user actor
// (the reply is authenticated by the invitation's UID and the attendee's
// address); an unknown UID or attendee is ignored, not an error.
type CalendarReplyHandler interface {
	CalendarReply(ctx context.Context, r CalendarReply) error
}
