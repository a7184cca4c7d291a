package hiring

import (
	"context"
	"time"
)

// SavedSearch is a user's named query in the search language. With Digest
// on, a daily job counts the candidates added since the last run that match
// it (as its owner sees them) into DigestNew.
type SavedSearch struct {
	ID              string
	UserID          string
	Name            string
	Query           string
	Digest          bool
	DigestNew       int       // matches added before DigestCheckedAt and after the run before
	DigestCheckedAt time.Time // the last digest run (creation at first)
	CreatedAt       time.Time
}

// SavedSearchInput is a search to save.
type SavedSearchInput struct {
	Name   string
	Query  string
	Digest bool
}

// MaxSavedSearches bounds one user's saved searches.
const MaxSavedSearches = 100

// SavedSearchService keeps each user's own saved searches (nobody else
// reads them) and runs their daily digest.
type SavedSearchService interface {
	SavedSearches(ctx context.Context) ([]SavedSearch, error)
	SaveSearch(ctx context.Context, in SavedSearchInput) (SavedSearch, error)
	DeleteSavedSearch(ctx context.Context, id string) error
	// RunSearchDigests (the system only) counts, for every saved search with
	// a digest, the matches added since its last run, searching as its owner;
	// it returns how many searches had new matches.
	RunSearchDigests(ctx context.Context, now time.Time) (int, error)
}

// SearchDigestJob is the daily digest of saved searches (a River periodic
// job; it satisfies river.JobArgs without the domain importing River).
type SearchDigestJob struct{}

// Kind names the job for the queue.
func (SearchDigestJob) Kind() string { return "search_digest" }
