package hiring

import (
	"context"
	"strings"
	"time"
)

// Parse statuses of a document (Document.ParseStatus).
const (
	ParsePending = ""       // queued, or never parsed (not a resume)
	ParseParsed  = "parsed" // text extracted and a profile made
	ParseFailed  = "failed" // kept, but not readable: ParseError says why
)

// ParseDocumentJob is the background job that extracts and parses one
// document. The store enqueues it in the transaction that records the
// document (and again on a re-parse request); internal/parsing works it.
// It satisfies river.JobArgs without the domain importing River.
type ParseDocumentJob struct {
	DocumentID string `json:"document_id"`
}

// Kind names the job for the queue.
func (ParseDocumentJob) Kind() string { return "parse_document" }

// DocumentProfile is what parsing made of one document: its text and its
// profile in the JSON Resume shape (internal/resume.Profile, kept here as
// JSON so the domain does not depend on the parser).
type DocumentProfile struct {
	DocumentID  string
	CandidateID string
	Status      string // ParsePending, ParseParsed or ParseFailed
	Error       string // why it failed, one line for people
	Text        string
	Profile     []byte // JSON Resume; nil until parsed
	// Edits are the human corrections by field path ("basics.name",
	// "work.0.position", "skills"): they are re-applied after every re-parse,
	// so a person's word outlives the parser's.
	Edits     map[string]string
	Version   int
	ParsedAt  *time.Time
	UpdatedAt time.Time
}

// ParsedContact is what a parse found for the candidate record itself.
// Parsing only fills fields that are empty and that no human has set.
type ParsedContact struct {
	FirstName      string
	LastName       string
	Emails         []string
	Phones         []string // E.164
	Location       string
	Headline       string
	CurrentTitle   string
	CurrentCompany string
	Links          []Link
}

// ParseResult is a parse job's outcome for one document.
type ParseResult struct {
	Status  string // ParseParsed or ParseFailed
	Error   string
	Text    string
	Profile []byte // JSON Resume, with Edits already applied
	Contact ParsedContact
}

// ProfileCorrection is a person's correction of one parsed field. Profile
// is the whole corrected JSON Resume; Contact, when set, carries the
// candidate fields the correction changes (a human edit: it wins for ever).
type ProfileCorrection struct {
	Field   string // path, e.g. "basics.email"
	Value   string
	Profile []byte
	Contact *ContactCorrection
}

// ContactCorrection says which candidate field a correction sets. For
// emails and phones, Old (the parsed value being corrected) is replaced by
// Value, or Value is added when Old is not on the record.
type ContactCorrection struct {
	Field string // first_name+last_name ("name"), "email", "phone", "location", "headline"
	Old   string
	Value string
}

// Skill is an entry of the skills vocabulary added by an admin (the list
// shipped with Candor is built in and not stored).
type Skill struct {
	ID          string
	Name        string // canonical
	Synonyms    []string
	CreatedByID string
	CreatedAt   time.Time
}

// ParseSettings are the company-wide parse options.
type ParseSettings struct {
	// DefaultRegion is the ISO 3166 region for phone numbers written without
	// a country code when neither the resume nor the candidate says ("US").
	DefaultRegion string
}

// Normalize upper-cases the region.
func (s *ParseSettings) Normalize() {
	s.DefaultRegion = strings.ToUpper(strings.TrimSpace(s.DefaultRegion))
}

// Validate checks normalized settings.
func (s ParseSettings) Validate() error {
	if !IsCountryCode(s.DefaultRegion) {
		return &Error{Code: EInvalid, Message: "Please correct the settings.",
			Fields: []FieldError{{Field: "default_region", Message: "must be a two-letter country code such as US or DE"}}}
	}
	return nil
}

// ProfileService stores parse results and their corrections, and the
// admin-extended skills vocabulary. Profiles are seen by whoever sees the
// document; corrections are made by admins and recruiters (they edit the
// candidate); re-parses may be asked by whoever may upload.
type ProfileService interface {
	// DocumentProfile returns a document's profile (Status pending and no
	// Profile before the first parse).
	DocumentProfile(ctx context.Context, documentID string) (DocumentProfile, error)
	// SaveParseResult records a parse (system actor): it overwrites the
	// document's text and profile, sets its status, fills the candidate's
	// empty fields and writes a "document.parsed" activity. It returns the
	// candidate fields it filled. Running it twice changes nothing more.
	SaveParseResult(ctx context.Context, documentID string, r ParseResult) ([]string, error)
	// CorrectProfile saves a person's correction; version guards against
	// lost updates (0 skips the check).
	CorrectProfile(ctx context.Context, documentID string, version int, c ProfileCorrection) (DocumentProfile, error)
	// RequestParse queues the document to be parsed again.
	RequestParse(ctx context.Context, documentID string) error

	ParseSettings(ctx context.Context) (ParseSettings, error)
	SetParseSettings(ctx context.Context, s ParseSettings) error // admin

	Skills(ctx context.Context) ([]Skill, error)
	AddSkill(ctx context.Context, name string, synonyms []string) (Skill, error) // admin
	DeleteSkill(ctx context.Context, id string) error                            // admin
}
