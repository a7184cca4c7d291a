package hiring

import (
	"context"
	"time"
)

// Note is a comment on a candidate (optionally about one application).
type Note struct {
	ID            string
	CandidateID   string
	ApplicationID string
	AuthorID      string
	AuthorName    string
	Body          string   // Markdown; rendered sanitized
	Private       bool     // hidden from interviewers
	Mentions      []string // user IDs
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// NewNote is the input for adding a note.
type NewNote struct {
	CandidateID   string
	ApplicationID string
	Body          string
	Private       bool
}

// NoteService manages notes. Interviewers never see private notes.
type NoteService interface {
	AddNote(ctx context.Context, in NewNote) (Note, error)
	Notes(ctx context.Context, candidateID string) ([]Note, error)
	DeleteNote(ctx context.Context, id string) error
}
