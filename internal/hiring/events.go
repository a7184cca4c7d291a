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
