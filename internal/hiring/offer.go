package hiring

import (
	"context"
	"regexp"
	"strings"
	"time"
)

// Offer states.
const (
	OfferDraft    = "draft"    // being written; no approval asked yet
	OfferPending  = "pending"  // waiting on the next approver of the chain
	OfferApproved = "approved" // every approver agreed (or no chain): may be sent
	OfferSent     = "sent"     // on the candidate's status page
	OfferAccepted = "accepted"
	OfferDeclined = "declined"
)

// Salary periods.
var OfferPeriods = []string{"year", "month", "hour"}

// Offer is the one offer of an application. Offers are for those who decide
// on the job (admins, recruiters, the job's hiring managers): interviewers
// never see them.
type Offer struct {
	ID            string
	ApplicationID string
	CandidateID   string
	JobID         string
	CandidateName string
	JobTitle      string
	Title         string
	Salary        int64 // whole currency units per Period
	Currency      string
	Period        string
	StartDate     string // YYYY-MM-DD
	Bonus         string
	Equity        string
	CustomFields  map[string]string
	Status        string
	// Round counts approval rounds: a change after an approval starts a new one.
	Round     int
	Approvals []OfferApproval // of the current round, in chain order
	// NextApproverID is who must approve now ("" when none).
	NextApproverID string
	HasLetter      bool
	LetterBlobKey  string
	SentAt         *time.Time
	AnsweredAt     *time.Time
	AnswerName     string // the name the candidate typed to accept
	AnswerIP       string
	DeclineReason  string
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// OfferApproval is one step of the chain.
type OfferApproval struct {
	UserID    string
	Name      string
	Approved  bool
	DecidedAt *time.Time
}

// OfferInput is what a recruiter writes on an offer.
type OfferInput struct {
	Title        string
	Salary       int64
	Currency     string
	Period       string
	StartDate    string
	Bonus        string
	Equity       string
	CustomFields map[string]string
}

var currencyRe = regexp.MustCompile(`^[A-Z]{3}$`)

// Validate checks and trims the input.
func (in *OfferInput) Validate() error {
	var v Validation
	in.Title = strings.TrimSpace(in.Title)
	in.Currency = strings.ToUpper(strings.TrimSpace(in.Currency))
	in.Bonus, in.Equity = strings.TrimSpace(in.Bonus), strings.TrimSpace(in.Equity)
	if in.Title == "" || !IsText(in.Title) || len([]rune(in.Title)) > 200 {
		v.Add("title", "is required (at most 200 characters)")
	}
	if in.Salary <= 0 || in.Salary > 1_000_000_000_000 {
		v.Add("salary", "must be a positive whole amount")
	}
	if !currencyRe.MatchString(in.Currency) {
		v.Add("currency", "must be a three-letter ISO 4217 code such as EUR")
	}
	ok := false
	for _, p := range OfferPeriods {
		ok = ok || p == in.Period
	}
	if !ok {
		v.Add("period", "must be year, month or hour")
	}
	if _, err := time.Parse("2006-01-02", in.StartDate); err != nil {
		v.Add("start_date", "must be a date like 2027-01-04")
	}
	for f, s := range map[string]string{"bonus": in.Bonus, "equity": in.Equity} {
		if !IsText(s) || len([]rune(s)) > 500 {
			v.Add(f, "must be text of at most 500 characters")
		}
	}
	if len(in.CustomFields) > 20 {
		v.Add("custom_fields", "at most 20 fields")
	}
	for k, val := range in.CustomFields {
		if strings.TrimSpace(k) == "" || !IsText(k) || len(k) > 100 || !IsText(val) || len(val) > 1000 {
			v.Add("custom_fields", "names must be 1–100 and values at most 1,000 characters of text")
			break
		}
	}
	return v.Err()
}

// OfferAnswer is the candidate's answer on the status page.
type OfferAnswer struct {
	Accept      bool
	TypedName   string // to accept: the candidate types their name
	Reason      string // to decline
	IP          string
	CandidateID string // who the status link proved
}

// OfferReport is the offers report's figures over a period.
type OfferReport struct {
	Made, Accepted, Declined, Open int
	DeclineReasons                 map[string]int
	// AnswerHours are the hours from sending to the answer, per answered offer.
	AnswerHours []float64
}

// OfferService keeps offers and their approvals.
type OfferService interface {
	// ApplicationOffer answers the application's offer (ENotFound when none
	// or when the actor may not see offers).
	ApplicationOffer(ctx context.Context, applicationID string) (Offer, error)
	Offer(ctx context.Context, id string) (Offer, error)
	// SaveOffer creates or changes the application's offer; a change after
	// an approval starts the chain again. version 0 skips the check.
	SaveOffer(ctx context.Context, applicationID string, in OfferInput, version int) (Offer, error)
	// RequestOfferApproval starts the chain (an empty chain approves at once).
	RequestOfferApproval(ctx context.Context, id string) (Offer, error)
	// ApproveOffer records the actor's approval: only the next approver may.
	ApproveOffer(ctx context.Context, id string) (Offer, error)
	// OfferApprovers is the chain in force for a job (the job's own, else the
	// company's); SetOfferApprovers sets a job's ("" = the company's).
	OfferApprovers(ctx context.Context, jobID string) ([]User, error)
	SetOfferApprovers(ctx context.Context, jobID string, userIDs []string) error
	// SendOffer keeps the letter (a PDF already in the blob store) and puts
	// the approved offer on the candidate's status page.
	SendOffer(ctx context.Context, id, letterBlobKey string) (Offer, error)
	// The status page's side (system actor): the candidate's sent offers,
	// and their answer.
	CandidateOffers(ctx context.Context, candidateID string) ([]Offer, error)
	AnswerOffer(ctx context.Context, id string, in OfferAnswer) (Offer, error)
	OfferReport(ctx context.Context, f ReportFilter) (OfferReport, error)
	// OfferLetterTemplate is the company's letter ("" = the default);
	// SetOfferLetterTemplate stores it (admins).
	OfferLetterTemplate(ctx context.Context) (string, error)
	SetOfferLetterTemplate(ctx context.Context, tpl string) error
	// CompanyName is the company's name in letters.
	CompanyName(ctx context.Context) string
}
