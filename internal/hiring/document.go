package hiring

import (
	"context"
	"time"
)

// Document is a file attached to a candidate (a resume, a cover letter…).
type Document struct {
	ID            string
	CandidateID   string
	ApplicationID string
	Kind          string // resume, cover_letter, other
	FileName      string // as uploaded, sanitized for display and Content-Disposition
	ContentType   string // detected from magic bytes
	Size          int64
	SHA256        string
	BlobKey       string // storage name chosen by the server
	UploadedByID  string
	CreatedAt     time.Time

	// ParseStatus is "", "parsed" or "failed"; ParseError says why.
	ParseStatus string
	ParseError  string
}

// NewDocument is the metadata of a stored file.
type NewDocument struct {
	CandidateID   string
	ApplicationID string
	Kind          string
	FileName      string
	ContentType   string
	Size          int64
	SHA256        string
	BlobKey       string
}

// DocumentService records documents. The bytes live in the blob store; the
// caller writes the blob first, then records it.
type DocumentService interface {
	AddDocument(ctx context.Context, in NewDocument) (Document, error)
	Documents(ctx context.Context, candidateID string) ([]Document, error)
	// Document returns the metadata and records a download activity when forDownload.
	Document(ctx context.Context, id string, forDownload bool) (Document, error)
	DeleteDocument(ctx context.Context, id string) error
}
