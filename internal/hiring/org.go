package hiring

import "strings"

import "context"

// Department groups jobs for reporting and filtering.
type Department struct {
	ID   string
	Name string
}

// Location is an office or region a job is based in.
type Location struct {
	ID      string
	Name    string
	City    string
	Country string // ISO 3166-1 alpha-2
	// Region (state, province) and PostalCode are optional; job boards and
	// Google for Jobs ask for them.
	Region     string
	PostalCode string
}

// Normalize trims the fields and upper-cases the country code.
func (l *Location) Normalize() {
	l.Name = strings.TrimSpace(l.Name)
	l.City = strings.TrimSpace(l.City)
	l.Region = strings.TrimSpace(l.Region)
	l.PostalCode = strings.TrimSpace(l.PostalCode)
	l.Country = strings.ToUpper(strings.TrimSpace(l.Country))
}

// Validate checks a normalized location.
func (l Location) Validate() error {
	var v Validation
	CheckName(&v, "name", l.Name)
	checkText(&v, "city", l.City, 0, 100)
	checkText(&v, "region", l.Region, 0, 100)
	checkText(&v, "postal_code", l.PostalCode, 0, 20)
	if l.Country != "" && !IsCountryCode(l.Country) {
		v.Add("country", "must be a two-letter country code")
	}
	return v.Err()
}

// RejectionReason is an admin-editable reason for rejecting an application.
type RejectionReason struct {
	ID       string
	Name     string
	Archived bool
}

// StageTemplate is one stage of the default pipeline copied into new jobs.
type StageTemplate struct {
	Name string
	Kind StageKind
}

// DefaultPipeline is the template used until an admin edits it.
var DefaultPipeline = []StageTemplate{
	{"Applied", StageApplied},
	{"Screen", StageScreen},
	{"Interview", StageInterview},
	{"Offer", StageOffer},
	{"Hired", StageHired},
}

// OrgService manages departments, locations, rejection reasons and the
// pipeline template. Reads are open to every signed-in actor; writes need an admin
// (departments and locations: admin or recruiter).
type OrgService interface {
	ListDepartments(ctx context.Context) ([]Department, error)
	CreateDepartment(ctx context.Context, name string) (Department, error)
	RenameDepartment(ctx context.Context, id, name string) (Department, error)
	DeleteDepartment(ctx context.Context, id string) error

	ListLocations(ctx context.Context) ([]Location, error)
	CreateLocation(ctx context.Context, in Location) (Location, error)
	UpdateLocation(ctx context.Context, in Location) (Location, error)
	DeleteLocation(ctx context.Context, id string) error

	ListRejectionReasons(ctx context.Context, includeArchived bool) ([]RejectionReason, error)
	CreateRejectionReason(ctx context.Context, name string) (RejectionReason, error)
	UpdateRejectionReason(ctx context.Context, in RejectionReason) (RejectionReason, error)

	PipelineTemplate(ctx context.Context) ([]StageTemplate, error)
	SetPipelineTemplate(ctx context.Context, stages []StageTemplate) error
}
