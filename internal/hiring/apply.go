package hiring

import (
	"context"
	"time"
)

// Standard fields of the careers site's application form (their form
// field names are the contract of POST /careers/jobs/{id}/apply).
var ApplyFields = []string{"first_name", "last_name", "email", "phone", "location", "linkedin", "portfolio", "resume", "cover_letter"}

// FieldMode says whether a standard field is asked for.
type FieldMode string

const (
	FieldRequired FieldMode = "required"
	FieldOptional FieldMode = "optional"
	FieldHidden   FieldMode = "hidden"
)

// ApplyForm is a job's application form: the mode of each standard field.
// first_name, last_name and email are always required.
type ApplyForm struct {
	Fields map[string]FieldMode
}

// DefaultApplyForm asks for names, email and a resume; the rest is optional.
func DefaultApplyForm() ApplyForm {
	return ApplyForm{Fields: map[string]FieldMode{"first_name": FieldRequired, "last_name": FieldRequired, "email": FieldRequired,
		"phone": FieldOptional, "location": FieldOptional, "linkedin": FieldOptional, "portfolio": FieldOptional,
		"resume": FieldRequired, "cover_letter": FieldOptional}}
}

// Mode is the mode of a field (the default's when unset).
func (f ApplyForm) Mode(field string) FieldMode {
	switch field {
	case "first_name", "last_name", "email":
		return FieldRequired
	}
	if m, ok := f.Fields[field]; ok {
		return m
	}
	return DefaultApplyForm().Fields[field]
}

// Submission is one application sent through the careers site. The resume,
// when there is one, is already durable in the blob store.
type Submission struct {
	JobID string
	// Token is the form's idempotency token: a second submission with the
	// same token (a double click, a retried POST) creates nothing and
	// answers the first one's result.
	Token       string
	FirstName   string
	LastName    string
	Email       string
	Phone       string
	Location    string
	LinkedIn    string
	Portfolio   string
	CoverLetter string
	Resume      *NewDocument // CandidateID/ApplicationID are filled by the store
	// Attribution: Source is what the application's source becomes (the
	// channel's label, a utm_source, or "Careers site").
	Source      string
	Channel     string
	Referrer    string
	UTMSource   string
	UTMMedium   string
	UTMCampaign string
	// Consent: the privacy notice's version acknowledged, and whether the
	// applicant may be kept for future roles (until ConsentUntil).
	PrivacyVersion string
	FutureConsent  bool
	ConsentUntil   *time.Time
	SubmittedAt    time.Time
}

// SubmitResult says what a submission did.
type SubmitResult struct {
	ApplicationID string
	CandidateID   string
	// Replayed: the token was used before; nothing new was stored.
	Replayed bool
	// AlreadyApplied: the person has an application for this job already;
	// nothing new was stored.
	AlreadyApplied bool
}

// Intake is how an application arrived through the careers site, shown to
// recruiters on the application.
type Intake struct {
	ApplicationID  string
	Channel        string
	Referrer       string
	UTMSource      string
	UTMMedium      string
	UTMCampaign    string
	CoverLetter    string
	PrivacyVersion string
	FutureConsent  bool
	SubmittedAt    time.Time
}

// SourceCount is one row of a job's applications by source.
type SourceCount struct {
	Source       string
	Applications int
	PastScreen   int // advanced past the screen (interview, offer or hired stage; or hired)
	Hired        int
}

// IntakeService takes applications from the careers site.
type IntakeService interface {
	// SubmitApplication stores a public application in one transaction: the
	// candidate (matched by email), the application in the job's first
	// "applied" stage, the resume's document and its parse job, the intake
	// record and the ApplicationReceivedJob. It needs no actor (the
	// careers site is anonymous). ENotFound: the job has no live post.
	SubmitApplication(ctx context.Context, s Submission) (SubmitResult, error)
	// ApplicationIntake reads how an application arrived (ENotFound when it
	// did not come through the careers site, or the actor may not see it).
	ApplicationIntake(ctx context.Context, applicationID string) (Intake, error)
	// JobSourceCounts counts a job's applications by source.
	JobSourceCounts(ctx context.Context, jobID string) ([]SourceCount, error)
	// ApplyForm reads a job's application form (public: no actor needed);
	// SetApplyForm changes it (whoever may edit the job).
	ApplyForm(ctx context.Context, jobID string) (ApplyForm, error)
	SetApplyForm(ctx context.Context, jobID string, f ApplyForm) error
}
