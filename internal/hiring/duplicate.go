package hiring

import (
	"context"
	"strings"
	"time"
)

// DuplicateRule names why two candidates look like the same person.
type DuplicateRule string

const (
	DupEmail       DuplicateRule = "email"        // an email address in common
	DupPhone       DuplicateRule = "phone"        // a phone number in common (last 9 digits)
	DupLinkedIn    DuplicateRule = "linkedin"     // the same LinkedIn profile URL
	DupNameCompany DuplicateRule = "name_company" // same full name at the same current company
)

// Label is the human wording of the rule.
func (r DuplicateRule) Label() string {
	switch r {
	case DupEmail:
		return "same email"
	case DupPhone:
		return "same phone"
	case DupLinkedIn:
		return "same LinkedIn profile"
	case DupNameCompany:
		return "same name and company"
	}
	return string(r)
}

// DuplicateReason is one rule that matched and the value it matched on.
type DuplicateReason struct {
	Rule  DuplicateRule `json:"rule"`
	Value string        `json:"value"`
}

// DuplicateMatch is a candidate that is likely the same person as the one
// asked about, with every rule that matched.
type DuplicateMatch struct {
	Candidate Candidate
	Reasons   []DuplicateReason
}

// DuplicatePair is an open entry of the review queue: Newer was added after
// Older and looks like the same person.
type DuplicatePair struct {
	Newer, Older Candidate
	Reasons      []DuplicateReason
}

// MergeApplication says what a merge does with one application.
type MergeApplication struct {
	Application Application
	FromMerged  bool // it moves from the merged candidate to the survivor
	// Withdrawn: both had an active application on this job and this one is
	// the less advanced, so the merge withdraws it (and undo reopens it).
	Withdrawn bool
	// Tied: withdrawn although both were at the same stage (the survivor's
	// stays), so the preview must not say the other is further along.
	Tied bool
}

// MergePlan previews a merge: what moves to the survivor and what the
// survivor's record becomes.
type MergePlan struct {
	Survivor Candidate // as it is now
	Merged   Candidate // the record that will be folded in
	Result   Candidate // the survivor after the merge
	// Applications of both candidates the actor may see, with their fate.
	Applications []MergeApplication
	// Hidden: some of what moves is on jobs the actor may not see; it
	// moves too. How many rows of which kind is not said (that is itself
	// confidential), and the counts below leave them out.
	Hidden       bool
	Documents    int
	Notes        int
	Activity     int
	FilledFields []string // survivor fields that were empty and get the merged value
	AddedEmails  []string
	AddedPhones  []string
	AddedLinks   []Link
	AddedTags    []string
}

// Merge is the record of a merge: who folded which candidate into which, and
// whether it was undone. The full record of moved rows stays in the store.
type Merge struct {
	ID           string
	SurvivorID   string
	MergedID     string
	SurvivorName string
	MergedName   string
	ActorID      string
	ActorName    string
	CreatedAt    time.Time
	Moved        MergeCounts // what the reader may see of it
	Hidden       bool        // some moved rows are on jobs the reader may not see (not counted in Moved)
	Withdrawn    []string    // ids of applications the merge withdrew (conflicts on one job) that the reader may see
	UndoneAt     *time.Time
	UndoneByName string
	// NotRestored lists what an undo could not put back, in words.
	NotRestored []string
}

// MergeCounts says how many rows of each kind a merge moved.
type MergeCounts struct {
	Applications int `json:"applications"`
	Documents    int `json:"documents"`
	Notes        int `json:"notes"`
	Activity     int `json:"activity"`
}

// DuplicateService finds likely duplicate candidates and merges them,
// reversibly. Detection and lookups show only candidates the actor may see;
// merging, dismissing and undoing are for admins and recruiters.
type DuplicateService interface {
	// DuplicatesOf lists likely duplicates of a candidate (dismissed pairs excluded).
	DuplicatesOf(ctx context.Context, candidateID string) ([]DuplicateMatch, error)
	// FindDuplicates lists existing candidates that look like the input (imports, dry runs).
	FindDuplicates(ctx context.Context, in CandidateInput) ([]DuplicateMatch, error)
	// DuplicatePairs is the review queue: open pairs, newest candidate first.
	DuplicatePairs(ctx context.Context, p PageRequest) (Page[DuplicatePair], error)
	// DismissDuplicate remembers that two candidates are not the same person.
	DismissDuplicate(ctx context.Context, candidateID, otherID string) error
	// CandidateByEmail returns the candidate with this exact email (the
	// earliest created when several have it), or ENotFound. The apply path and
	// imports use it to attach a new application to the existing person.
	CandidateByEmail(ctx context.Context, email string) (Candidate, error)

	PreviewMerge(ctx context.Context, survivorID, otherID string) (MergePlan, error)
	// MergeCandidates folds otherID into survivorID in one transaction.
	MergeCandidates(ctx context.Context, survivorID, otherID string) (Merge, error)
	Merge(ctx context.Context, id string) (Merge, error)
	// UndoMerge restores both candidates; Merge.NotRestored says what changed
	// since the merge and could not be put back.
	UndoMerge(ctx context.Context, id string) (Merge, error)
}

// PhoneKey is the lookup key of a phone number for duplicate detection: its
// last 9 digits, so "+44 20 7946 0958", "0044 20 7946 0958" and
// "020 7946 0958" meet without knowing the country. Numbers with other
// characters than digits and " +()-./", or fewer than 7 digits, get "".
// The store computes the same key in SQL (migration 00006); keep them equal.
func PhoneKey(s string) string {
	d, ok := phoneDigits(s)
	if !ok || len(d) < 7 {
		return ""
	}
	if len(d) > 9 {
		d = d[len(d)-9:]
	}
	return d
}

// LinkedInKey is the lookup key of a LinkedIn profile URL: lower-cased
// (ASCII), without scheme, query, fragment or trailing slashes, with any
// subdomain (www., uk.) dropped: "linkedin.com/in/ada". Other URLs get "".
// The store computes the same key in SQL (migration 00006); keep them equal.
func LinkedInKey(raw string) string {
	u := asciiLower(strings.TrimSpace(raw))
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	if i := strings.IndexByte(u, '?'); i >= 0 {
		u = u[:i]
	}
	if i := strings.IndexByte(u, '#'); i >= 0 {
		u = u[:i]
	}
	host, path := u, ""
	if i := strings.IndexByte(u, '/'); i >= 0 {
		host, path = u[:i], u[i:]
	}
	if host != "linkedin.com" && !strings.HasSuffix(host, ".linkedin.com") {
		return ""
	}
	path = strings.TrimRight(path, "/")
	if path == "" {
		return ""
	}
	return "linkedin.com" + path
}

// SourceKey is how the candidate list compares sources: trimmed and
// lower-cased (ASCII, as both engines' indexes fold it), so "linkedin"
// finds "LinkedIn" the way a tag filter ignores case.
func SourceKey(s string) string { return asciiLower(strings.TrimSpace(s)) }

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
