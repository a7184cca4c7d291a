package hiring

import (
	"context"
	"time"
)

// Activity is one entry of the timeline and audit trail: who did what to
// which record, with the values before and after.
type Activity struct {
	ID          string
	ActorID     string // "" for the system
	ActorName   string
	Action      string // e.g. "candidate.created", "application.moved"
	SubjectType string // job, candidate, application, user, document, note, session
	SubjectID   string
	CandidateID string // set when the subject belongs to a candidate
	JobID       string // set when the subject belongs to a job
	Summary     string // human sentence, e.g. "moved Ada Lovelace from Screen to Interview"
	Before      map[string]any
	After       map[string]any
	IP          string
	CreatedAt   time.Time
}

// ActivityFilter narrows the audit log.
type ActivityFilter struct {
	ActorID     string
	Action      string // prefix match ("application." matches all application actions)
	SubjectType string
	CandidateID string
	JobID       string
	Since       time.Time
	Until       time.Time
}

// ActivityService reads the timeline. Writes happen inside the other services'
// transactions. Timelines are filtered by the actor's access; the unfiltered
// audit log is for admins.
type ActivityService interface {
	CandidateActivity(ctx context.Context, candidateID string, p PageRequest) (Page[Activity], error)
	JobActivity(ctx context.Context, jobID string, p PageRequest) (Page[Activity], error)
	RecentActivity(ctx context.Context, p PageRequest) (Page[Activity], error)
	AuditLog(ctx context.Context, f ActivityFilter, p PageRequest) (Page[Activity], error)
	// RecordActivity writes a standalone entry (logins, downloads recorded outside a service call).
	RecordActivity(ctx context.Context, a Activity) error
}
