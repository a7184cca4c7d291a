package hiring

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"sync"
	"time"
)

// The candidate status page (issue 10 part 7): a capability link
// /status/{token} in candidate mail shows that person's applications with
// candidate-friendly stage labels and lets them withdraw, update their
// contact details, upload a new resume and manage their consent. There is no
// account: the token is the credential. It is 256 random bits, stored only
// as its SHA-256, expires (StatusLinkLifetime) and opens nothing but that one
// person's status page.

// StatusLinkLifetime is how long a status link works after it was minted
// (a new one comes with every mail that uses {{status_link}}).
const StatusLinkLifetime = 90 * 24 * time.Hour

// StatusPurpose is the one thing a status link may be used for; the purpose
// is stored with the hash so a token minted for something else (a later
// capability sharing the table) never opens the status page.
const StatusPurpose = "status"

// NewStatusToken returns a fresh secret for a status link and its hash.
func NewStatusToken() (secret, hash string) {
	var b [32]byte
	_, _ = rand.Read(b[:]) // crypto/rand never fails on supported platforms
	secret = base64.RawURLEncoding.EncodeToString(b[:])
	return secret, HashStatusToken(secret)
}

// HashStatusToken is how a status secret is stored and looked up (hex
// SHA-256, the same as the other capability links).
func HashStatusToken(secret string) string {
	h := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(h[:])
}

// StatusApplication is one application as its candidate sees it: no stage
// names, reasons or people — only the job's public title and a label mapped
// from the stage's kind.
type StatusApplication struct {
	ID          string
	JobTitle    string
	Label       string // candidate-friendly: from StageLabels by stage kind or outcome
	Status      ApplicationStatus
	StageKind   StageKind
	AppliedAt   time.Time
	UpdatedAt   time.Time
	CanWithdraw bool
}

// StatusView is what the status page shows.
type StatusView struct {
	CandidateID string
	FirstName   string
	LastName    string
	Email       string
	Phone       string
	Location    string
	// FutureConsent: the person agreed to be contacted about future roles.
	FutureConsent bool
	ConsentUntil  *time.Time
	Applications  []StatusApplication
	ExpiresAt     time.Time
	Language      string
}

// StatusContact is what a candidate may change about themselves.
type StatusContact struct {
	Email    string
	Phone    string
	Location string
}

// Status label keys beyond the stage kinds: the outcomes.
const (
	LabelRejected  = "rejected"
	LabelWithdrawn = "withdrawn"
)

// StageLabelKeys are the keys an admin can give a candidate-facing label:
// every stage kind and the two outcomes that are not a stage.
var StageLabelKeys = []string{string(StageSourced), string(StageApplied), string(StageScreen), string(StageInterview),
	string(StageOffer), string(StageHired), LabelRejected, LabelWithdrawn}

// DefaultStageLabels are the shipped labels per language.
var DefaultStageLabels = map[string]map[string]string{
	"en": {
		string(StageSourced): "We would like to get to know you", string(StageApplied): "Application received",
		string(StageScreen): "Under review", string(StageInterview): "Interviews",
		string(StageOffer): "Offer", string(StageHired): "Hired — welcome aboard",
		LabelRejected: "Closed — we did not continue", LabelWithdrawn: "Withdrawn by you",
	},
	"de": {
		string(StageSourced): "Wir möchten Sie kennenlernen", string(StageApplied): "Bewerbung eingegangen",
		string(StageScreen): "In Prüfung", string(StageInterview): "Gespräche",
		string(StageOffer): "Angebot", string(StageHired): "Eingestellt — willkommen",
		LabelRejected: "Abgeschlossen — leider ohne Zusage", LabelWithdrawn: "Von Ihnen zurückgezogen",
	},
}

// StatusLanguages are the languages labels exist in.
var StatusLanguages = []string{"en", "de"}

// StageLabel is one stored label (an admin's override of a default).
type StageLabel struct {
	Key      string
	Language string
	Label    string
}

// MaxStageLabel bounds a label.
const MaxStageLabel = 120

// StatusService serves the status page. The page's calls take the token's
// hash and no actor: the hash is the capability, and a missing, expired or
// other-purpose link is ENotFound. Changes are recorded on the candidate's
// timeline as made by the candidate.
type StatusService interface {
	StatusPage(ctx context.Context, tokenHash, lang string) (StatusView, error)
	StatusWithdraw(ctx context.Context, tokenHash, applicationID string) error
	StatusUpdateContact(ctx context.Context, tokenHash string, in StatusContact) error
	StatusSetConsent(ctx context.Context, tokenHash string, future bool) error
	// StatusAddResume records a document already saved with blob.Save.
	StatusAddResume(ctx context.Context, tokenHash string, in NewDocument) (Document, error)
	// StageLabels lists every key × language with the label in force;
	// SetStageLabels stores an admin's labels ("" returns a key to its default).
	StageLabels(ctx context.Context) ([]StageLabel, error)
	SetStageLabels(ctx context.Context, labels []StageLabel) error
}

// StatusVisitor is who opened a status page, for StatusSections.
type StatusVisitor struct {
	CandidateID  string
	Applications []StatusApplication
	Language     string
}

// StatusSection is a block another capability adds to the status page (an
// offer to accept, interview slots to choose). The page escapes every
// string; a section cannot inject markup.
type StatusSection struct {
	// ID names the section in its action URL:
	// POST /status/{token}/sections/{ID}/{form.Action}.
	ID    string
	Title string
	Lines []string
	Forms []StatusForm
}

// StatusForm is one action of a section: a button, optionally a choice
// among values (radio buttons named "choice") and a free-text comment.
type StatusForm struct {
	Action  string // [a-z0-9_-]{1,40}
	Button  string
	Choices []StatusChoice
	Comment bool // show a comment box (field "comment", at most 2,000 characters)
	// CommentLabel labels the box (default "Comment (optional)"); an
	// offer's acceptance asks for the typed name there.
	CommentLabel string
}

// StatusChoice is one radio button of a StatusForm.
type StatusChoice struct {
	Value string
	Label string
}

// StatusSectionProvider adds sections and handles their actions. The status
// page calls it with the system actor in ctx and the visitor the token
// proved: a provider must only show and change what belongs to
// v.CandidateID (and v.Applications). StatusAction returns the sentence
// shown to the candidate after the action; an EInvalid/EConflict error is
// shown to them as well.
type StatusSectionProvider interface {
	StatusSections(ctx context.Context, v StatusVisitor) ([]StatusSection, error)
	StatusAction(ctx context.Context, v StatusVisitor, sectionID, action string, choice, comment string) (string, error)
}

// StatusSectionList is the status page's providers: internal/app makes one,
// hands it to the UI and adds each capability's provider to it (tests may
// add theirs). Safe for concurrent use.
type StatusSectionList struct {
	mu        sync.RWMutex
	providers []StatusSectionProvider
}

// Add registers a provider; its sections show after the applications, in
// the order added.
func (l *StatusSectionList) Add(p StatusSectionProvider) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.providers = append(l.providers, p)
}

// Providers lists the registered providers (a nil list has none).
func (l *StatusSectionList) Providers() []StatusSectionProvider {
	if l == nil {
		return nil
	}
	l.mu.RLock()
	defer l.mu.RUnlock()
	return append([]StatusSectionProvider(nil), l.providers...)
}
