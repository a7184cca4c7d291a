package hiring

import (
	"context"
	"strings"
	"time"
)

// JobStatus is where a job is in its life.
type JobStatus string

const (
	JobDraft    JobStatus = "draft"
	JobOpen     JobStatus = "open"
	JobPaused   JobStatus = "paused"
	JobClosed   JobStatus = "closed"
	JobArchived JobStatus = "archived"
)

// JobStatuses lists statuses in life order.
var JobStatuses = []JobStatus{JobDraft, JobOpen, JobPaused, JobClosed, JobArchived}

// jobTransitions: draft → open ⇄ paused → closed → archived; a closed job may reopen.
var jobTransitions = map[JobStatus][]JobStatus{
	JobDraft:    {JobOpen, JobArchived},
	JobOpen:     {JobPaused, JobClosed},
	JobPaused:   {JobOpen, JobClosed},
	JobClosed:   {JobOpen, JobArchived},
	JobArchived: {JobClosed},
}

// CanBecome reports whether a job in status s may move to t.
func (s JobStatus) CanBecome(t JobStatus) bool {
	if s == t {
		return true
	}
	for _, x := range jobTransitions[s] {
		if x == t {
			return true
		}
	}
	return false
}

// Valid reports whether s is a known status.
func (s JobStatus) Valid() bool { _, ok := jobTransitions[s]; return ok }

// WorkplaceType says where the work happens.
type WorkplaceType string

const (
	OnSite WorkplaceType = "on_site"
	Hybrid WorkplaceType = "hybrid"
	Remote WorkplaceType = "remote"
)

// EmploymentType is the kind of contract.
type EmploymentType string

const (
	FullTime   EmploymentType = "full_time"
	PartTime   EmploymentType = "part_time"
	Contract   EmploymentType = "contract"
	Temporary  EmploymentType = "temporary"
	Internship EmploymentType = "internship"
)

// SalaryPeriod is the unit of a salary range.
type SalaryPeriod string

const (
	PerYear  SalaryPeriod = "year"
	PerMonth SalaryPeriod = "month"
	PerHour  SalaryPeriod = "hour"
)

// Requirement is one skill the job asks for.
type Requirement struct {
	Skill    string `json:"skill"`
	MustHave bool   `json:"must_have"`
}

// TeamRole is a user's role on one job's hiring team.
type TeamRole string

const (
	TeamRecruiter     TeamRole = "recruiter"
	TeamHiringManager TeamRole = "hiring_manager"
	TeamInterviewer   TeamRole = "interviewer"
	TeamCoordinator   TeamRole = "coordinator"
)

// TeamMember is one member of a job's hiring team.
type TeamMember struct {
	UserID string
	Role   TeamRole
	Name   string // filled on read
}

// Salary is a pay range. Amounts are whole units of Currency.
type Salary struct {
	Min      int64
	Max      int64
	Currency string // ISO 4217
	Period   SalaryPeriod
}

// Job is an opening (or several of the same kind).
type Job struct {
	ID               string
	Title            string
	DepartmentID     string
	DepartmentName   string // filled on read
	LocationIDs      []string
	Locations        []Location // filled on read
	WorkplaceType    WorkplaceType
	AllowedCountries []string // for remote jobs; ISO 3166-1 alpha-2
	EmploymentType   EmploymentType
	Description      string // Markdown; render with the markup package
	Requirements     []Requirement
	Salary           *Salary // nil when not set or when the actor may not see it
	Openings         int
	Status           JobStatus
	Confidential     bool
	HiringTeam       []TeamMember
	Version          int
	CreatedAt        time.Time
	UpdatedAt        time.Time
	PublishedAt      *time.Time

	// Counts filled by list queries.
	ActiveApplications int
}

// JobInput is the writable part of a job, for create and full update.
type JobInput struct {
	Title            string
	DepartmentID     string
	LocationIDs      []string
	WorkplaceType    WorkplaceType
	AllowedCountries []string
	EmploymentType   EmploymentType
	Description      string
	Requirements     []Requirement
	Salary           *Salary
	Openings         int
	Confidential     bool
	HiringTeam       []TeamMember
}

// JobFilter narrows a job list.
type JobFilter struct {
	Statuses     []JobStatus
	DepartmentID string
	LocationID   string
	Query        string // title contains
	MineOnly     bool   // jobs whose hiring team includes the actor
}

// JobService manages jobs and their pipelines. Every method authorizes the
// actor: admins and recruiters see all jobs; others only their team's.
type JobService interface {
	CreateJob(ctx context.Context, in JobInput) (Job, error)
	Job(ctx context.Context, id string) (Job, error)
	ListJobs(ctx context.Context, f JobFilter, p PageRequest) (Page[Job], error)
	// UpdateJob replaces the writable fields; version must match (EPrecondition otherwise).
	UpdateJob(ctx context.Context, id string, version int, in JobInput) (Job, error)
	SetJobStatus(ctx context.Context, id string, version int, status JobStatus) (Job, error)

	Stages(ctx context.Context, jobID string) ([]Stage, error)
	// StagesByJob lists many jobs' pipelines in one query, without the
	// application counts Stages adds (menus need none): job ID → stages in
	// order. Jobs the actor may not see, like unknown ones, are absent; at
	// most MaxBatchIDs.
	StagesByJob(ctx context.Context, jobIDs []string) (map[string][]Stage, error)
	// AddStage inserts at position (1-based; len+1 is the end); 0 or out of
	// range means DefaultStagePosition (before the first offer/hired stage).
	AddStage(ctx context.Context, jobID string, name string, kind StageKind, position int) (Stage, error)
	UpdateStage(ctx context.Context, stageID string, name string, kind StageKind) (Stage, error)
	// ReorderStages takes every stage ID of the job in the new order.
	ReorderStages(ctx context.Context, jobID string, stageIDs []string) ([]Stage, error)
	// RemoveStage fails with EConflict while applications are in the stage.
	RemoveStage(ctx context.Context, stageID string) error
}

// Normalize trims the title and skills and upper-cases country and
// currency codes, so that "eur" and " de" mean what they say.
func (in *JobInput) Normalize() {
	in.Title = strings.TrimSpace(in.Title)
	for i, c := range in.AllowedCountries {
		in.AllowedCountries[i] = strings.ToUpper(strings.TrimSpace(c))
	}
	for i := range in.Requirements {
		in.Requirements[i].Skill = strings.TrimSpace(in.Requirements[i].Skill)
	}
	if s := in.Salary; s != nil {
		s.Currency = strings.ToUpper(strings.TrimSpace(s.Currency))
	}
}

// Validate checks a job input.
func (in JobInput) Validate() error {
	var v Validation
	checkText(&v, "title", in.Title, 1, 200)
	if in.Openings < 0 || in.Openings > 10000 {
		v.Add("openings", "must be between 0 and 10000")
	}
	switch in.WorkplaceType {
	case OnSite, Hybrid, Remote:
	default:
		v.Add("workplace_type", "must be one of on_site, hybrid, remote")
	}
	switch in.EmploymentType {
	case FullTime, PartTime, Contract, Temporary, Internship:
	default:
		v.Add("employment_type", "must be one of full_time, part_time, contract, temporary, internship")
	}
	checkText(&v, "description", in.Description, 0, 100_000)
	if len(in.LocationIDs) > 50 {
		v.Add("location_ids", "at most 50 locations")
	}
	if len(in.AllowedCountries) > 250 {
		v.Add("allowed_countries", "at most 250 countries")
	}
	for i, c := range in.AllowedCountries {
		if !IsCountryCode(c) {
			v.Add(indexed("allowed_countries", i), "must be a two-letter country code")
		}
	}
	if len(in.AllowedCountries) > 0 && in.WorkplaceType != Remote {
		v.Add("allowed_countries", "only applies to remote jobs")
	}
	if len(in.Requirements) > 100 {
		v.Add("requirements", "at most 100 requirements")
	}
	for i, r := range in.Requirements {
		checkText(&v, indexed("requirements", i)+".skill", r.Skill, 1, 100)
	}
	if s := in.Salary; s != nil {
		if s.Min < 0 {
			v.Add("salary.min", "must not be negative")
		}
		if s.Max < s.Min {
			v.Add("salary.max", "must be at least the minimum")
		}
		if !isCurrencyCode(s.Currency) {
			v.Add("salary.currency", "must be a three-letter currency code")
		}
		switch s.Period {
		case PerYear, PerMonth, PerHour:
		default:
			v.Add("salary.period", "must be one of year, month, hour")
		}
	}
	if len(in.HiringTeam) > 100 {
		v.Add("hiring_team", "at most 100 members")
	}
	seen := map[string]bool{}
	for i, m := range in.HiringTeam {
		switch m.Role {
		case TeamRecruiter, TeamHiringManager, TeamInterviewer, TeamCoordinator:
		default:
			v.Add(indexed("hiring_team", i)+".role", "must be one of recruiter, hiring_manager, interviewer, coordinator")
		}
		if m.UserID == "" {
			v.Add(indexed("hiring_team", i)+".user_id", "is required")
		} else if seen[m.UserID] {
			v.Add(indexed("hiring_team", i)+".user_id", "is listed twice")
		}
		seen[m.UserID] = true
	}
	return v.Err()
}
