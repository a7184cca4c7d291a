package hiring

import "context"

// MatchScore is how well a candidate fits a job, with its reasons
// (internal/match computes it; docs/matching.md lists the signals).
type MatchScore struct {
	Score       int // 0–100
	MustMatched []string
	MustMissing []string
	NiceMatched []string
	NiceMissing []string
	Location    string // "eligible", "not_eligible" or "unknown"
	SilverMedal string // "reached Offer for Backend Engineer in 2025", or ""
	Reasons     []string
	Explanation string // the reasons as one line
}

// CandidateMatch is a candidate ranked for a job.
type CandidateMatch struct {
	Candidate CandidateSummary
	MatchScore
}

// JobMatch is an open job ranked for a candidate.
type JobMatch struct {
	JobID          string
	JobTitle       string
	DepartmentName string
	MatchScore
}

// MaxMatches bounds one ranking.
const MaxMatches = 100

// MatchService ranks candidates for jobs and jobs for candidates (issue 12:
// rediscovery). Both read only what the actor may see: a job's matches are
// the visible candidates with no active application on it (past applicants,
// pool members, prospects); a candidate's are the open jobs the actor sees
// that the candidate is not active on. Stages reached before are only told
// for jobs the actor sees.
type MatchService interface {
	JobMatches(ctx context.Context, jobID string, limit int) ([]CandidateMatch, error)
	CandidateMatches(ctx context.Context, candidateID string, limit int) ([]JobMatch, error)
}
