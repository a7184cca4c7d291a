package httperr

import (
	"errors"
	"net/http"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// Status returns the HTTP status for err: the code of the first *hiring.Error
// in its chain, 500 for anything else (an unexpected error is a bug or an outage).
func Status(err error) int {
	if err == nil {
		return http.StatusOK
	}
	switch hiring.ErrorCode(err) {
	case hiring.EInvalid:
		return http.StatusUnprocessableEntity
	case hiring.ENotFound:
		return http.StatusNotFound
	case hiring.EConflict:
		return http.StatusConflict
	case hiring.EPrecondition:
		return http.StatusPreconditionFailed
	case hiring.EUnauthorized:
		return http.StatusUnauthorized
	case hiring.EForbidden:
		return http.StatusForbidden
	case hiring.ERateLimited:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// RetryAfterer is implemented by errors (anywhere in the chain) that know when
// the client may try again; 429 answers then carry a Retry-After header.
type RetryAfterer interface {
	RetryAfter() time.Duration
}

// RetryAfter returns the wait carried by err's chain, if any.
func RetryAfter(err error) (time.Duration, bool) {
	var ra RetryAfterer
	if errors.As(err, &ra) {
		return ra.RetryAfter(), true
	}
	return 0, false
}
