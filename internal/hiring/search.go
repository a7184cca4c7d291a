package hiring

import (
	"context"
	"time"
)

// SearchSort orders search results.
type SearchSort string

const (
	SearchRelevance SearchSort = ""       // best match first (recency when the query has no text)
	SearchRecent    SearchSort = "recent" // most recently updated first
)

// ParseSearchSort reads a sort from a query value.
func ParseSearchSort(s string) SearchSort {
	if SearchSort(s) == SearchRecent {
		return SearchRecent
	}
	return SearchRelevance
}

// Search bounds: totals are exact up to SearchCountBound and facet counts
// up to SearchFacetBound matches; beyond, they are estimates ("about N").
const (
	SearchCountBound = 10000
	SearchFacetBound = 1000
	// SearchMaxOffset bounds how deep relevance paging goes.
	SearchMaxOffset = 10000
)

// SearchOptions asks for one page of a candidate search.
type SearchOptions struct {
	Sort SearchSort
	Page PageRequest // Cursor and Limit; the total is always counted (bounded)
	// Highlight asks for snippets of the resume and notes with the query's
	// words marked.
	Highlight bool
	// Facets asks for counts by tag, source, location and skill.
	Facets bool
	// Full asks for each hit's whole record (SearchHit.Full), as the API
	// lists candidates.
	Full bool
	// CreatedAfter and CreatedBefore, when set, keep candidates added in
	// (CreatedAfter, CreatedBefore] (saved searches' digests).
	CreatedAfter, CreatedBefore time.Time
	// Filter narrows the search like the candidate list's filters (its
	// Query and Sort are not used).
	Filter CandidateFilter
}

// Snippet is a piece of a resume or note around the query's words: HTML
// whose text is escaped and whose only markup is <mark>…</mark>.
type Snippet struct {
	Source string // "resume" or "note"
	HTML   string
}

// SearchHit is one found candidate.
type SearchHit struct {
	Candidate CandidateSummary
	Full      *Candidate // with SearchOptions.Full
	Snippets  []Snippet
}

// FacetCount is one value of a facet and how many results have it.
type FacetCount struct {
	Value string
	Count int
}

// SearchResult is one page of a candidate search.
type SearchResult struct {
	Hits       []SearchHit
	NextCursor string
	// Total counts every match the actor may see: exact up to
	// SearchCountBound, else an estimate with TotalApprox.
	Total       int
	TotalApprox bool
	// Facets by "tag", "source", "location", "skill" (most frequent first,
	// at most 10 each); counted over the first SearchFacetBound matches and
	// scaled (FacetsApprox) when there are more.
	Facets       map[string][]FacetCount
	FacetsApprox bool
}

// SearchService finds candidates with the search language of
// internal/search (words, "phrases", AND/OR/NOT, -word, parentheses, field
// qualifiers). A query the language rejects is EInvalid with a field error
// on "q" whose Err is the *search.Error (its position). Results hold only
// candidates the actor may see; notes are searched only where the actor may
// read them.
type SearchService interface {
	SearchCandidates(ctx context.Context, query string, opts SearchOptions) (SearchResult, error)
}
