package hiring

import (
	"slices"
	"time"
)

// queueStates are the background-job states an admin can filter by.
var queueStates = []string{"available", "scheduled", "running", "retryable", "discarded", "cancelled", "completed"}

// QueueStates returns the background-job states (River's) in display order.
func QueueStates() []string { return slices.Clone(queueStates) }

// QueuedJob is one background job as the admin page lists it.
type QueuedJob struct {
	ID          int64
	Kind        string
	Queue       string
	State       string
	Attempt     int
	MaxAttempts int
	Args        string // JSON
	LastError   string
	CreatedAt   time.Time
	ScheduledAt time.Time
	AttemptedAt *time.Time
	FinalizedAt *time.Time
}

// Retryable reports whether retrying the job makes sense.
func (j QueuedJob) Retryable() bool {
	return j.State == "discarded" || j.State == "cancelled" || j.State == "retryable" || j.State == "completed"
}

// Cancellable reports whether cancelling the job makes sense.
func (j QueuedJob) Cancellable() bool {
	return j.State == "available" || j.State == "scheduled" || j.State == "running" || j.State == "retryable"
}
