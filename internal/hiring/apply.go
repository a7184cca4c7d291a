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
	// EEO, when the applicant answered the voluntary self-identification,
	// is stored apart from the application and never read back one by one.
	EEO *EEOAnswers
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

// EEO voluntary self-identification (US EEO-1 race/ethnicity and sex; OFCCP
// veteran and disability forms). Every question offers "decline". Answers
// are stored apart from the application and never shown on any recruiter
// or interviewer page, API answer, export, search or log; only aggregates
// are readable (EEOAggregate).
type EEOAnswers struct {
	Race       string
	Sex        string
	Veteran    string
	Disability string
}

// EEODecline is the answer "I decline to answer" to every question.
const EEODecline = "decline"

// EEOChoices are the answer codes of each question with their labels, in
// the order the form shows them.
var EEOChoices = map[string][][2]string{
	"race": {{"hispanic_latino", "Hispanic or Latino"}, {"white", "White"}, {"black", "Black or African American"},
		{"native_hawaiian_pacific", "Native Hawaiian or Other Pacific Islander"}, {"asian", "Asian"},
		{"american_indian_alaska", "American Indian or Alaska Native"}, {"two_or_more", "Two or More Races"},
		{EEODecline, "I decline to answer"}},
	"sex":        {{"female", "Female"}, {"male", "Male"}, {EEODecline, "I decline to answer"}},
	"veteran":    {{"protected", "I identify as one or more of the classifications of protected veteran"}, {"not_protected", "I am not a protected veteran"}, {EEODecline, "I decline to answer"}},
	"disability": {{"yes", "Yes, I have a disability (or previously had a disability)"}, {"no", "No, I do not have a disability"}, {EEODecline, "I decline to answer"}},
}

// Valid reports whether every answer is one of its question's codes ("" is
// "decline").
func (e EEOAnswers) Valid() bool {
	for q, v := range map[string]string{"race": e.Race, "sex": e.Sex, "veteran": e.Veteran, "disability": e.Disability} {
		if v == "" {
			continue
		}
		ok := false
		for _, c := range EEOChoices[q] {
			ok = ok || c[0] == v
		}
		if !ok {
			return false
		}
	}
	return true
}

// EEOCount is one aggregate cell: how many applicants of a job gave an answer.
type EEOCount struct {
	Question, Answer string
	Count            int
}

// EEOService reads EEO answers in aggregate only, for actors holding the
// dedicated permission (Actor.SeesEEO; an admin grants it per user).
type EEOService interface {
	EEOAggregate(ctx context.Context, jobID string) ([]EEOCount, error)
}
