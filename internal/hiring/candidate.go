package hiring

import (
	"context"
	"time"
)

// LinkKind names what a candidate link points to.
type LinkKind string

const (
	LinkLinkedIn  LinkKind = "linkedin"
	LinkGitHub    LinkKind = "github"
	LinkPortfolio LinkKind = "portfolio"
	LinkOther     LinkKind = "other"
)

// Link is a URL on a candidate's record.
type Link struct {
	Kind LinkKind `json:"kind"`
	URL  string   `json:"url"`
}

// Consent records what the candidate agreed to and when.
type Consent struct {
	Processing    bool // consent to process their data for recruiting
	ProcessingAt  *time.Time
	Marketing     bool // consent to be contacted about future roles
	MarketingAt   *time.Time
	RetainUntil   *time.Time // after this the data is due for review or erasure
	ConsentSource string     // "careers form", "email", "recruiter"
}

// Candidate is a person, independent of any job.
type Candidate struct {
	ID             string
	FirstName      string
	LastName       string
	Emails         []string // first is primary; stored lower-cased
	Phones         []string
	Location       string
	Links          []Link
	Headline       string
	CurrentTitle   string
	CurrentCompany string
	Source         string
	OwnerID        string
	OwnerName      string // filled on read
	Tags           []string
	Consent        Consent
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Name returns the display name.
func (c Candidate) Name() string {
	switch {
	case c.FirstName == "":
		return c.LastName
	case c.LastName == "":
		return c.FirstName
	}
	return c.FirstName + " " + c.LastName
}

// PrimaryEmail returns the first email or "".
func (c Candidate) PrimaryEmail() string {
	if len(c.Emails) == 0 {
		return ""
	}
	return c.Emails[0]
}

// CandidateSummary is a candidate as a list row shows it.
type CandidateSummary struct {
	ID             string
	FirstName      string
	LastName       string
	Email          string // the primary email
	CurrentTitle   string
	CurrentCompany string
	Source         string
	OwnerID        string
	OwnerName      string
	Tags           []string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Name returns the display name.
func (c CandidateSummary) Name() string {
	return Candidate{FirstName: c.FirstName, LastName: c.LastName}.Name()
}

// CandidateInput is the writable part of a candidate.
type CandidateInput struct {
	FirstName      string
	LastName       string
	Emails         []string
	Phones         []string
	Location       string
	Links          []Link
	Headline       string
	CurrentTitle   string
	CurrentCompany string
	Source         string
	OwnerID        string
	Tags           []string
	Consent        Consent
}

// CandidateFilter narrows a candidate list. Empty fields don't filter.
type CandidateFilter struct {
	Query   string // name or email contains
	Tag     string
	Source  string
	JobID   string // has an application on this job
	StageID string // has an active application in this stage
	OwnerID string
	// Sort orders the list (default: most recently updated first).
	Sort CandidateSort
}

// CandidateSort is the order of a candidate list.
type CandidateSort string

const (
	SortUpdated CandidateSort = ""        // most recently updated first
	SortCreated CandidateSort = "created" // most recently added first
	SortName    CandidateSort = "name"    // by name, A to Z
)

// ParseCandidateSort reads a sort from a query value; anything else is the
// default order.
func ParseCandidateSort(s string) CandidateSort {
	switch CandidateSort(s) {
	case SortCreated, SortName:
		return CandidateSort(s)
	}
	return SortUpdated
}

// CandidateService manages candidates. Admins and recruiters see every
// candidate; hiring managers and interviewers see those with an application
// on a job whose hiring team includes them.
type CandidateService interface {
	CreateCandidate(ctx context.Context, in CandidateInput) (Candidate, error)
	Candidate(ctx context.Context, id string) (Candidate, error)
	ListCandidates(ctx context.Context, f CandidateFilter, p PageRequest) (Page[Candidate], error)
	// ListCandidateSummaries lists the same rows as ListCandidates, fewer fields.
	ListCandidateSummaries(ctx context.Context, f CandidateFilter, p PageRequest) (Page[CandidateSummary], error)
	UpdateCandidate(ctx context.Context, id string, version int, in CandidateInput) (Candidate, error)
	AddTags(ctx context.Context, candidateID string, tags []string) (Candidate, error)
	RemoveTag(ctx context.Context, candidateID string, tag string) (Candidate, error)
	ListTags(ctx context.Context) ([]string, error)
	// BulkTagCandidates adds tags to every listed candidate (at most MaxBulk)
	// in one transaction: all or nothing.
	BulkTagCandidates(ctx context.Context, ids []string, tags []string) (int, error)
	ListSources(ctx context.Context) ([]string, error)
}
