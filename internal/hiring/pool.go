package hiring

import (
	"context"
	"time"
)

// A talent pool (the CRM side) is a named group of candidates kept warm for
// future roles, with pipeline stages of its own (New, Contacted, Engaged,
// Interested, Not interested — editable per pool), an owner and notes.
//
// A static pool holds the people added to it. A smart pool is a saved query
// in the search language: its members are whoever the query finds now, as
// the person looking sees them, so it keeps itself current; moving a smart
// pool's member to another pool stage remembers that stage for them.
//
// Who sees pools: admins and recruiters, who see every candidate. Hiring
// managers and interviewers see only the candidates of their own jobs, so a
// pool (its size, its names, its notes) would tell them about people they
// may not see; pools are refused to them (EForbidden) and their report
// answers no rows.

// Pool is one talent pool.
type Pool struct {
	ID        string
	Name      string
	Notes     string
	OwnerID   string
	OwnerName string
	Smart     bool
	Query     string // a smart pool's query in the search language
	Stages    []PoolStage
	// Size counts the members (a smart pool: what its query finds for the
	// viewer, exact up to SearchCountBound, else SizeApprox).
	Size       int
	SizeApprox bool
	Version    int
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// PoolStage is one stage of a pool's own pipeline. Count is how many
// members are in it (a smart pool: among those its query finds now).
type PoolStage struct {
	ID       string
	Name     string
	Position int
	Count    int
}

// DefaultPoolStages are a new pool's stages.
var DefaultPoolStages = []string{"New", "Contacted", "Engaged", "Interested", "Not interested"}

// Bounds of pools.
const (
	MaxPoolStages = 12
	MaxPools      = 1000
	// MaxPoolAdd bounds one addition (a selection or a search's results).
	MaxPoolAdd = MaxBulk
	// MaxSmartPoolBoard bounds the members a smart pool's board shows.
	MaxSmartPoolBoard = 500
)

// PoolInput is a pool's writable part. Stages, when set, replace the
// pool's stages: an ID keeps (and may rename) that stage, an empty ID adds
// one; a stage left out is removed, which it may only be while empty.
type PoolInput struct {
	Name    string
	Notes   string
	OwnerID string // "" = the actor when creating
	Smart   bool
	Query   string
	Stages  []PoolStageInput // nil: unchanged (new pools: DefaultPoolStages)
}

// PoolStageInput is one stage of a pool being saved.
type PoolStageInput struct {
	ID   string
	Name string
}

// PoolMember is one candidate in a pool, in one of its stages.
type PoolMember struct {
	Candidate   CandidateSummary
	StageID     string
	StageName   string
	AddedByName string
	AddedAt     time.Time // zero for a smart pool's member never moved
	MovedAt     time.Time
}

// PoolMemberFilter narrows a pool's members.
type PoolMemberFilter struct {
	StageID string
}

// PoolRef names a pool a candidate is in, with their stage there.
type PoolRef struct {
	PoolID    string
	PoolName  string
	StageID   string
	StageName string
}

// PoolSource is the application source naming the pool an application came
// from ("pool: Backend silver medallists").
func PoolSource(name string) string {
	s := "pool: " + name
	if r := []rune(s); len(r) > 100 {
		s = string(r[:100])
	}
	return s
}

// PoolFigures is one pool's figures for the pools report: its size now,
// and in the period: people added, entries into each stage (by the stage's
// name at the time), and people added to a job from it.
type PoolFigures struct {
	PoolID     string
	Name       string
	Smart      bool
	Size       int
	SizeApprox bool
	Added      int
	Applied    int
	Entered    []PoolStageCount // the pool's current stages in order, then stages since removed
}

// PoolStageCount is how many times members entered a stage in the period.
type PoolStageCount struct {
	Stage string
	Count int
}

// PoolService keeps talent pools. Every method is for admins and
// recruiters (EForbidden for the rest, EUnauthorized without an actor);
// candidates are those the actor may see.
type PoolService interface {
	Pools(ctx context.Context) ([]Pool, error)
	Pool(ctx context.Context, id string) (Pool, error)
	CreatePool(ctx context.Context, in PoolInput) (Pool, error)
	// UpdatePool saves the pool at version (EPrecondition when stale).
	UpdatePool(ctx context.Context, id string, version int, in PoolInput) (Pool, error)
	DeletePool(ctx context.Context, id string) error
	// PoolMembers lists a pool's members, most recently moved first (a
	// smart pool: the first MaxSmartPoolBoard its query finds, newest first).
	PoolMembers(ctx context.Context, poolID string, f PoolMemberFilter, p PageRequest) (Page[PoolMember], error)
	// AddToPool adds candidates to a static pool's first stage (at most
	// MaxPoolAdd; those already in it stay where they are) and returns how
	// many joined. With query set instead of IDs, the first MaxPoolAdd
	// candidates the query finds join.
	AddToPool(ctx context.Context, poolID string, candidateIDs []string, query string) (int, error)
	RemoveFromPool(ctx context.Context, poolID, candidateID string) error
	// MovePoolMember puts a member in another stage of the pool.
	MovePoolMember(ctx context.Context, poolID, candidateID, stageID string) (PoolMember, error)
	// CandidatePools lists the static pools a candidate is in (and smart
	// pools they were moved in).
	CandidatePools(ctx context.Context, candidateIDs []string) (map[string][]PoolRef, error)
	// ApplyFromPool adds a pool's member to a job: an application whose
	// source names the pool, credited to the actor, and a pool event.
	ApplyFromPool(ctx context.Context, poolID, candidateID, jobID string) (Application, error)
}

// PoolReportService reads the pools report's figures (part of ReportService).
type PoolReportService interface {
	// ReportPools reads the pools report's figures for a period (job,
	// department, location, recruiter and source filters do not narrow
	// pools). Interviewers get EForbidden like every report; hiring
	// managers get no rows.
	ReportPools(ctx context.Context, f ReportFilter) ([]PoolFigures, error)
}
