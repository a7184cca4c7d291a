package parsing

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"time"

	"github.com/riverqueue/river"

	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/resume"
)

// Register adds the parse_document worker to a River worker set
// (work.Options.Register).
func (s *Service) Register(w *river.Workers) {
	river.AddWorker(w, &worker{s: s})
}

type worker struct {
	river.WorkerDefaults[hiring.ParseDocumentJob]
	s *Service
}

// Timeout leaves room for the sandbox's own wall-clock limit and a
// child's start-up.
func (w *worker) Timeout(*river.Job[hiring.ParseDocumentJob]) time.Duration { return 2 * time.Minute }

func (w *worker) Work(ctx context.Context, job *river.Job[hiring.ParseDocumentJob]) error {
	if w.s.yield != nil {
		w.s.yield(ctx)
	}
	return w.s.ParseDocument(ctx, job.Args.DocumentID)
}

// ParseDocument extracts and parses one stored document and records the
// outcome. A document that cannot be read is recorded as failed, which is
// a success for the job; only outages (database, blob store, the sandbox
// itself) return an error, so the queue retries. Running it again for the
// same document overwrites the previous result.
func (s *Service) ParseDocument(ctx context.Context, documentID string) error {
	ctx = hiring.WithActor(ctx, hiring.SystemActor())
	d, err := s.store.Document(ctx, documentID, false)
	if hiring.ErrorCode(err) == hiring.ENotFound {
		return nil // deleted before its turn came: nothing to parse
	}
	if err != nil {
		return fmt.Errorf("parsing: load document %s: %w", documentID, err)
	}
	prev, err := s.store.DocumentProfile(ctx, d.ID)
	if err != nil {
		return fmt.Errorf("parsing: load profile %s: %w", d.ID, err)
	}
	data, err := s.read(ctx, d.BlobKey)
	if errors.Is(err, resume.ErrTooLarge) {
		return s.fail(ctx, d, err)
	}
	if err != nil {
		return fmt.Errorf("parsing: read document %s: %w", d.ID, err)
	}
	text, p, err := s.extractAndParse(ctx, data, d.CandidateID)
	if err != nil {
		if resume.ErrorKind(err) == "" {
			return fmt.Errorf("parsing: extract %s: %w", d.ID, err)
		}
		return s.fail(ctx, d, err)
	}
	// A person's corrections outlive re-parses.
	vocab, err := s.vocabulary(ctx)
	if err != nil {
		return fmt.Errorf("parsing: vocabulary: %w", err)
	}
	for _, k := range slices.Sorted(maps.Keys(prev.Edits)) {
		if err := ApplyEdit(&p, k, prev.Edits[k], vocab); err != nil {
			s.log.WarnContext(ctx, "parsing: a stored correction no longer applies", "document", d.ID, "field", k, "err", err)
		}
	}
	raw, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("parsing: encode profile: %w", err)
	}
	filled, err := s.store.SaveParseResult(ctx, d.ID, hiring.ParseResult{Status: hiring.ParseParsed, Text: text,
		Profile: raw, Contact: ContactOf(p)})
	if err != nil {
		return fmt.Errorf("parsing: save %s: %w", d.ID, err)
	}
	s.log.InfoContext(ctx, "document parsed", "document", d.ID, "format", p.Meta.Format, "filled", filled)
	return nil
}

func (s *Service) fail(ctx context.Context, d hiring.Document, cause error) error {
	msg := FailureMessage(cause)
	if _, err := s.store.SaveParseResult(ctx, d.ID, hiring.ParseResult{Status: hiring.ParseFailed, Error: msg}); err != nil {
		return fmt.Errorf("parsing: save failure of %s: %w", d.ID, err)
	}
	s.log.InfoContext(ctx, "document not parsed", "document", d.ID, "reason", msg)
	return nil
}

// read loads a blob, refusing one over the size limit without reading it all.
func (s *Service) read(ctx context.Context, key string) ([]byte, error) {
	rc, err := s.blobs.Open(ctx, key)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, s.maxBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > s.maxBytes {
		return nil, fmt.Errorf("%w: the limit is %s", resume.ErrTooLarge, blob.HumanSize(s.maxBytes))
	}
	return data, nil
}

// extractAndParse runs the sandboxed extraction and the parser with the
// company's settings and vocabulary; candidateID (optional) lends its
// location as the phone region.
func (s *Service) extractAndParse(ctx context.Context, data []byte, candidateID string) (string, resume.Profile, error) {
	doc, err := s.extractor.Extract(ctx, data)
	if err != nil {
		return "", resume.Profile{}, err
	}
	opts, err := s.parseOptions(ctx, candidateID)
	if err != nil {
		return "", resume.Profile{}, err
	}
	p := resume.Parse(doc.Text, opts)
	p.Meta.Format, p.Meta.Pages = doc.Format, doc.Pages
	return doc.Text, p, nil
}

func (s *Service) parseOptions(ctx context.Context, candidateID string) (resume.ParseOptions, error) {
	settings, err := s.store.ParseSettings(ctx)
	if err != nil {
		return resume.ParseOptions{}, fmt.Errorf("parsing: settings: %w", err)
	}
	vocab, err := s.vocabulary(ctx)
	if err != nil {
		return resume.ParseOptions{}, fmt.Errorf("parsing: vocabulary: %w", err)
	}
	region := settings.DefaultRegion
	if candidateID != "" {
		if c, err := s.store.Candidate(ctx, candidateID); err == nil {
			region = RegionOf(c.Location, region)
		}
	}
	return resume.ParseOptions{DefaultRegion: region, Vocabulary: vocab, Now: s.now()}, nil
}
