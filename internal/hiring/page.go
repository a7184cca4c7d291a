package hiring

// PageRequest asks for one page of a list. Cursor is opaque (from a previous
// Page.NextCursor); Limit is clamped to [1, MaxLimit], 0 meaning DefaultLimit.
type PageRequest struct {
	Cursor string
	Limit  int
	// CountTotal asks for Page.Total (an extra COUNT query; lists skip it by default).
	CountTotal bool
	// CountUpTo asks for Page.Total counted only up to this bound, so it stays
	// cheap on big lists; Page.TotalCapped says more rows match.
	CountUpTo int
}

const (
	DefaultLimit = 50
	MaxLimit     = 200
	// MaxBatchIDs bounds the IDs one batch read (StageHistories,
	// StagesByJob) takes: a page's worth.
	MaxBatchIDs = MaxLimit
)

// Clamp returns the effective limit.
func (p PageRequest) Clamp() int {
	switch {
	case p.Limit <= 0:
		return DefaultLimit
	case p.Limit > MaxLimit:
		return MaxLimit
	}
	return p.Limit
}

// Page is one page of a list. NextCursor is empty on the last page. Total is
// the count of all matching rows the actor may see when the caller asked for it.
type Page[T any] struct {
	Items      []T
	NextCursor string
	Total      int
	// TotalCapped: Total is CountUpTo and more rows match.
	TotalCapped bool
}
