package hiring

import (
	"context"
	"time"
)

// ApplicationStatus is the outcome state of an application.
type ApplicationStatus string

const (
	AppActive    ApplicationStatus = "active"
	AppRejected  ApplicationStatus = "rejected"
	AppWithdrawn ApplicationStatus = "withdrawn"
	AppHired     ApplicationStatus = "hired"
)

// Application is a candidate's candidacy for one job.
type Application struct {
	ID                string
	CandidateID       string
	JobID             string
	StageID           string
	Status            ApplicationStatus
	Source            string
	CreditedToID      string
	AppliedAt         time.Time
	StageEnteredAt    time.Time
	RejectionReasonID string
	RejectionReason   string // name of the reason (or free text)
	RejectedAt        *time.Time
	HiredAt           *time.Time
	WithdrawnAt       *time.Time
	Version           int
	CreatedAt         time.Time
	UpdatedAt         time.Time

	// Filled on read for lists and boards.
	CandidateName  string
	CandidateTitle string
	JobTitle       string
	StageName      string
	Tags           []string
}

// StageVisit is one stay of an application in a stage.
type StageVisit struct {
	StageID   string
	StageName string
	EnteredAt time.Time
	LeftAt    *time.Time
	ActorName string
}

// NewApplication is the input for creating an application.
type NewApplication struct {
	CandidateID  string
	JobID        string
	StageID      string // "" = the job's first stage
	Source       string
	CreditedToID string
	AppliedAt    time.Time // zero = now
}

// ApplicationFilter narrows an application list.
type ApplicationFilter struct {
	JobID       string
	CandidateID string
	StageID     string
	Status      ApplicationStatus
}

// BoardColumn is one stage of a job's board with its first cards.
type BoardColumn struct {
	Stage      Stage
	Cards      []Application
	NextCursor string // more cards follow
}

// ApplicationService manages applications. Interviewers and hiring managers
// act only on applications of jobs whose hiring team includes them; only
// admins, recruiters and the job's hiring managers may move, reject or hire.
type ApplicationService interface {
	CreateApplication(ctx context.Context, in NewApplication) (Application, error)
	Application(ctx context.Context, id string) (Application, error)
	ListApplications(ctx context.Context, f ApplicationFilter, p PageRequest) (Page[Application], error)
	// Board returns the active applications of a job by stage (a hired
	// stage: the hired ones), at most perColumn cards each.
	Board(ctx context.Context, jobID string, perColumn int) ([]BoardColumn, error)
	// Column pages one stage's cards after Board.
	Column(ctx context.Context, stageID string, p PageRequest) (Page[Application], error)
	StageHistory(ctx context.Context, applicationID string) ([]StageVisit, error)
	// StageHistories is StageHistory for many applications in one query (a
	// candidate's page): application ID → visits, oldest first. IDs the actor
	// may not see, like unknown ones, are absent; at most MaxBatchIDs.
	StageHistories(ctx context.Context, applicationIDs []string) (map[string][]StageVisit, error)

	// version 0 skips the optimistic check (board drags carry no version).
	// Hiring is one rule: HireApplication moves the application to the job's
	// hired stage with HiredAt, and a move into a hired stage (also BulkMove)
	// hires; moving a hired application out of it reopens it there.
	MoveApplication(ctx context.Context, id string, version int, stageID string) (Application, error)
	RejectApplication(ctx context.Context, id string, version int, reasonID, reasonText string) (Application, error)
	HireApplication(ctx context.Context, id string, version int) (Application, error)
	WithdrawApplication(ctx context.Context, id string, version int) (Application, error)
	// Reopen sets a rejected, withdrawn or hired application active again;
	// a hired one goes back to the stage it was in before the hired stage.
	ReopenApplication(ctx context.Context, id string, version int) (Application, error)

	// Bulk actions apply to every listed application (at most MaxBulk) the
	// actor may change, in one transaction: all or nothing.
	BulkMove(ctx context.Context, ids []string, stageID string) (int, error)
	BulkReject(ctx context.Context, ids []string, reasonID, reasonText string) (int, error)
	BulkTag(ctx context.Context, ids []string, tags []string) (int, error)
	// BulkApply adds every listed candidate (at most MaxBulk) to the job's
	// first stage in one transaction; candidates already on the job are
	// skipped and not counted.
	BulkApply(ctx context.Context, candidateIDs []string, jobID string) (int, error)
}

// MaxBulk is how many applications one bulk action may list.
const MaxBulk = 500
