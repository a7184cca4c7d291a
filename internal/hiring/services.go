package hiring

import (
	"context"
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
}

// IdempotentResponse is a stored answer to a create request with an
// Idempotency-Key, replayed when the same key is sent again.
type IdempotentResponse struct {
	Status      int
	Body        []byte
	RequestHash string
	CreatedAt   time.Time
}

// IdempotencyService stores API create responses by (user, key).
type IdempotencyService interface {
	// IdempotentResponse returns the stored response or ENotFound.
	IdempotentResponse(ctx context.Context, userID, key string) (IdempotentResponse, error)
	SaveIdempotentResponse(ctx context.Context, userID, key string, r IdempotentResponse) error
}
