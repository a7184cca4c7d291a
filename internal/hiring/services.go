package hiring

import (
	"context"
	"errors"
	"time"
)

// Services bundles every domain service; the store implements all of them.
type Services interface {
	UserService
	OrgService
	JobService
	CandidateService
	ApplicationService
	NoteService
	DocumentService
	ActivityService
	IdempotencyService
	ImportService
	DuplicateService
	ProfileService
	NotificationService
	CareersService
	IntakeService
	EEOService
	SearchService
	SavedSearchService
	MatchService
	MessageService
	TemplateService
	ReportService
	AdverseImpactService
	ProspectService
	InterviewService
	BookingService
	OfferService
	ScorecardService
	StatusService
	PoolService
	InboxService
	SuppressionService
	InterviewPlanService
	AutomationService
}

// IdempotencyKey names one keyed create: whose key it is, the client's
// Idempotency-Key, and a fingerprint of the request (method, path, body).
type IdempotencyKey struct {
	UserID      string
	Key         string
	RequestHash string
}

// IdempotentResponse is the answer to a keyed create, stored with the record
// it created and replayed when the same key is sent again.
type IdempotentResponse struct {
	Status      int
	Body        []byte
	ContentType string
	Location    string
	ETag        string
	RequestHash string
	CreatedAt   time.Time
}

// IdempotencyService runs keyed API creates at most once per (user, key),
// across restarts and replicas.
type IdempotencyService interface {
	// Idempotent answers a keyed request. An answer stored for the key comes
	// back with replayed=true (ErrKeyReused when it was stored for another
	// request). Otherwise fn runs with a context in which every store write
	// joins one transaction that first claims the key; a 2xx answer from fn
	// is stored in that transaction before it commits, so the record and the
	// stored answer exist together or not at all. Other answers are returned
	// unstored (a corrected retry may reuse the key). A request racing on the
	// same key waits for the first to finish and gets its answer, or
	// ErrKeyInProgress when the wait runs out.
	Idempotent(ctx context.Context, k IdempotencyKey, fn func(ctx context.Context) IdempotentResponse) (resp IdempotentResponse, replayed bool, err error)
}

// ErrKeyReused: the Idempotency-Key was used before with another request.
var ErrKeyReused = errors.New("idempotency key used with another request")

// ErrKeyInProgress: another request with the same Idempotency-Key is still
// running; the client should retry shortly.
var ErrKeyInProgress = errors.New("idempotency key in use by a request still in progress")
