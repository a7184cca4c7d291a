package hiring

import (
	"context"
	"time"
)

// ReportFilter narrows the records a report counts. From and To bound the
// period [From, To); the other fields are IDs (or a source name) that only
// narrow what the viewer may see already: an unknown or invisible ID matches
// nothing.
type ReportFilter struct {
	From, To     time.Time
	DepartmentID string
	JobID        string
	LocationID   string
	RecruiterID  string // a user on the job's hiring team as recruiter
	Source       string // the application's source, ASCII case ignored
}

// MaxReportSpan bounds a report's period.
const MaxReportSpan = 25 * 366 * 24 * time.Hour

// Validate checks the period.
func (f ReportFilter) Validate() error {
	var v Validation
	switch {
	case f.From.IsZero() || f.To.IsZero():
		v.Add("from", "choose a period")
	case !f.From.Before(f.To):
		v.Add("to", "must be after the start of the period")
	case f.To.Sub(f.From) > MaxReportSpan:
		v.Add("from", "the period may span at most 25 years")
	case f.From.Year() < 1900 || f.To.Year() > 9000:
		v.Add("from", "is out of range")
	}
	for _, x := range []struct{ name, val string }{{"department_id", f.DepartmentID}, {"job_id", f.JobID}, {"location_id", f.LocationID},
		{"recruiter_id", f.RecruiterID}, {"source", f.Source}} {
		if len(x.val) > 200 {
			v.Add(x.name, "is too long")
		} else if !IsText(x.val) {
			v.Add(x.name, "is not text")
		}
	}
	return v.Err()
}

// FunnelCount is one figure of the funnel: how many applications (each
// counted once) did Measure in a stage during the period. Measures:
// "entered", "advanced" (moved on to a later stage), "rejected" (with
// ReasonID/Reason), "withdrew", "hired". StageID and StageName are set when
// the figures are asked per stage; StageName is the name at the time.
type FunnelCount struct {
	StageKind StageKind
	StageID   string
	StageName string
	Measure   string
	ReasonID  string
	Reason    string
	Count     int
}

// StageStay is one stay of an application in a stage that ended in the
// period (moved on or back, decided), for "time in stage".
type StageStay struct {
	StageKind StageKind
	StageID   string
	StageName string
	Entered   time.Time
	Left      time.Time
}

// HireTime is one hire in the period with the times it is measured from.
type HireTime struct {
	HiredAt   time.Time
	AppliedAt time.Time
	JobOpened time.Time // the job's publication (its creation when never published)
}

// FirstAction is one application received in the period and when someone
// first acted on it (moved, rejected, hired…); First is nil while nobody has.
type FirstAction struct {
	AppliedAt time.Time
	First     *time.Time
}

// SourceCohort is the cohort of one source: applications received in the
// period, and how many of them passed a screen, reached an interview or an
// offer stage, and were hired (by the end of the period).
type SourceCohort struct {
	Source       string
	Applications int
	ScreenPassed int
	Interviewed  int
	Offered      int
	Hired        int
}

// TeamCount is what one user did in the period on the applications in
// scope: applications acted on, moves, rejections, hires, notes written.
type TeamCount struct {
	UserID     string
	Name       string
	Role       Role // empty unless the viewer sees the directory
	Reviewed   int
	Moves      int
	Rejections int
	Hires      int
	Notes      int
}

// ReportService reads the figures the reports (package report) are made
// of. Every method counts only applications of jobs the actor may see that
// match the filter; interviewers get EForbidden, and so does anyone without
// a role that reads reports. Periods are checked (EInvalid).
type ReportService interface {
	ReportFunnel(ctx context.Context, f ReportFilter, perStage bool) ([]FunnelCount, error)
	ReportStays(ctx context.Context, f ReportFilter) ([]StageStay, error)
	ReportHires(ctx context.Context, f ReportFilter) ([]HireTime, error)
	// ReportOpenAges lists when each active application on an open job in
	// scope was received (the period is not used).
	ReportOpenAges(ctx context.Context, f ReportFilter) ([]time.Time, error)
	ReportFirstActions(ctx context.Context, f ReportFilter) ([]FirstAction, error)
	ReportSources(ctx context.Context, f ReportFilter) ([]SourceCohort, error)
	ReportTeam(ctx context.Context, f ReportFilter) ([]TeamCount, error)
	SourceCostService
	PoolReportService
}

// CanReadReports: admins, recruiters and hiring managers read reports
// (hiring managers on their jobs only); interviewers do not.
func (a Actor) CanReadReports() bool {
	if a.System {
		return true
	}
	switch a.Role {
	case RoleAdmin, RoleRecruiter, RoleHiringManager:
		return true
	}
	return false
}

// SourceCost is what a source cost in one month (YYYY-MM), in cents of the
// installation's one currency (ISO 4217).
type SourceCost struct {
	Source      string
	Month       string
	AmountCents int64
	Currency    string
}

// SourceCostService records source costs (admins) for the sources report's
// cost per hire.
type SourceCostService interface {
	// SourceCosts lists the costs of the months that overlap [from, to), for
	// readers of reports; zero times list every month (at most 5,000 rows).
	SourceCosts(ctx context.Context, from, to time.Time) ([]SourceCost, error)
	// SetSourceCost records a month's cost of a source (admins); an amount
	// of 0 removes it. All costs share one currency (EConflict otherwise).
	SetSourceCost(ctx context.Context, c SourceCost) error
}

// EEOStageCount is one aggregate cell of the adverse-impact report: of the
// applications received in the period whose applicants answered Question
// with Answer (a code of EEOChoices, never "decline"), how many were
// considered at Step (a stage kind they reached, or "overall": all of them)
// and how many were selected there (moved on from that stage kind or were
// hired in it; overall: hired) by the end of the period. Only counts: no
// application, candidate or job is ever named.
type EEOStageCount struct {
	Question   string
	Answer     string
	Step       string
	Considered int
	Selected   int
}

// EEOStepOverall is the step from application to hire.
const EEOStepOverall = "overall"

// AdverseImpactService reads the adverse-impact figures: only for actors
// with the dedicated EEO permission (SeesEEO), admins without it included
// get EForbidden; counted over the jobs the actor may see, narrowed by the
// filter.
type AdverseImpactService interface {
	ReportAdverseImpact(ctx context.Context, f ReportFilter) ([]EEOStageCount, error)
}
