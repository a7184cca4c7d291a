package parsing

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/resume"
)

// Extractor turns document bytes into text; *resume.Sandbox is the real one.
type Extractor interface {
	Extract(ctx context.Context, data []byte) (resume.Document, error)
}

// Store is what the pipeline needs from the hiring services.
type Store interface {
	hiring.ProfileService
	Document(ctx context.Context, id string, forDownload bool) (hiring.Document, error)
	Candidate(ctx context.Context, id string) (hiring.Candidate, error)
}

// Deps are the parts a Service works with.
type Deps struct {
	Store     Store
	Blobs     blob.Store
	Extractor Extractor
	Logger    *slog.Logger
	// MaxBytes caps a document read for parsing; default
	// blob.DefaultMaxDocumentBytes (the app passes the configured cap).
	MaxBytes int64
	// Now is the date "Present" means in resumes; default time.Now.
	Now func() time.Time
	// Yield, when set, is called before a queued parse starts and returns
	// when the parse may take the CPU (work.Pressure.Yield: not while the
	// careers intake is busy). Re-parses asked for by a person don't wait.
	Yield func(ctx context.Context)
}

// Service is the parse pipeline. It is safe for concurrent use.
type Service struct {
	store     Store
	blobs     blob.Store
	extractor Extractor
	log       *slog.Logger
	maxBytes  int64
	now       func() time.Time
	yield     func(ctx context.Context)

	vocabMu  sync.Mutex
	vocabKey string
	vocab    *resume.Vocabulary
}

// New returns the pipeline over d.
func New(d Deps) *Service {
	s := &Service{store: d.Store, blobs: d.Blobs, extractor: d.Extractor, log: d.Logger, maxBytes: d.MaxBytes, now: d.Now, yield: d.Yield}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.maxBytes <= 0 {
		s.maxBytes = blob.DefaultMaxDocumentBytes
	}
	if s.now == nil {
		s.now = time.Now
	}
	return s
}

// View is a document's parsed profile, decoded for the UI and the API.
type View struct {
	Document hiring.Document
	Status   string // hiring.ParsePending, ParseParsed, ParseFailed
	Error    string
	Text     string
	Profile  resume.Profile
	Parsed   bool // a profile exists (Status may be pending again after a re-parse request)
	Edits    map[string]string
	Version  int
}

// Edited reports whether a person corrected the field path.
func (v View) Edited(path string) bool { _, ok := v.Edits[path]; return ok }

// Confidence is the parser's confidence in a field path, 0 when unknown or
// when a person has corrected it (then it is certain, and shown as such).
func (v View) Confidence(path string) float64 {
	if v.Edited(path) {
		return 1
	}
	return v.Profile.Meta.Confidence[path]
}

// Profile returns a document's parsed profile for someone who sees it.
func (s *Service) Profile(ctx context.Context, documentID string) (View, error) {
	d, err := s.store.Document(ctx, documentID, false)
	if err != nil {
		return View{}, err
	}
	dp, err := s.store.DocumentProfile(ctx, documentID)
	if err != nil {
		return View{}, err
	}
	return viewOf(d, dp)
}

func viewOf(d hiring.Document, dp hiring.DocumentProfile) (View, error) {
	v := View{Document: d, Status: dp.Status, Error: dp.Error, Text: dp.Text, Edits: dp.Edits, Version: dp.Version}
	if len(dp.Profile) > 0 {
		if err := json.Unmarshal(dp.Profile, &v.Profile); err != nil {
			return View{}, fmt.Errorf("parsing: stored profile of %s: %w", d.ID, err)
		}
		v.Parsed = true
	}
	return v, nil
}

// Reparse queues the document to be parsed again.
func (s *Service) Reparse(ctx context.Context, documentID string) error {
	return s.store.RequestParse(ctx, documentID)
}

// vocabulary is the shipped skills list extended with the admins' entries.
// It is rebuilt only when those entries change.
func (s *Service) vocabulary(ctx context.Context) (*resume.Vocabulary, error) {
	skills, err := s.store.Skills(ctx)
	if err != nil {
		return nil, err
	}
	key, err := json.Marshal(skills)
	if err != nil {
		return nil, fmt.Errorf("parsing: vocabulary key: %w", err)
	}
	s.vocabMu.Lock()
	defer s.vocabMu.Unlock()
	if s.vocab != nil && s.vocabKey == string(key) {
		return s.vocab, nil
	}
	v := resume.DefaultVocabulary()
	for _, sk := range skills {
		v.Add(sk.Name, sk.Synonyms...)
	}
	s.vocab, s.vocabKey = v, string(key)
	return v, nil
}
