package parsing

import (
	"context"
	"fmt"

	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/resume"
)

// MaxBytes is the largest document the pipeline reads.
func (s *Service) MaxBytes() int64 { return s.maxBytes }

// ParseOnly extracts (sandboxed) and parses a document without storing
// anything, for integrators. The text is returned under meta.text, as
// `candor parse` prints it. A document that cannot be read is an EInvalid
// error on "file" whose message says why.
func (s *Service) ParseOnly(ctx context.Context, data []byte) (resume.Profile, error) {
	if _, ok := hiring.ActorFrom(ctx); !ok {
		return resume.Profile{}, hiring.Errorf(hiring.EUnauthorized, "Please sign in.")
	}
	if len(data) == 0 {
		return resume.Profile{}, fileError("is empty")
	}
	if int64(len(data)) > s.maxBytes {
		return resume.Profile{}, fileError("is larger than " + blob.HumanSize(s.maxBytes))
	}
	// Settings and skills are company-wide, read as the system whoever asks.
	sys := hiring.WithActor(ctx, hiring.SystemActor())
	text, p, err := s.extractAndParse(sys, data, "")
	if err != nil {
		if resume.ErrorKind(err) == "" {
			return resume.Profile{}, fmt.Errorf("parsing: parse-only: %w", err)
		}
		return resume.Profile{}, fileError(FailureMessage(err))
	}
	p.Meta.Text = text
	return p, nil
}

func fileError(msg string) error {
	return &hiring.Error{Code: hiring.EInvalid, Message: "The document could not be parsed: " + msg,
		Fields: []hiring.FieldError{{Field: "file", Message: msg}}}
}
