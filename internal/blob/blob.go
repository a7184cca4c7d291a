// Package blob stores uploaded documents. The filesystem store keeps them
// under the data folder with names the server generates, so nothing a
// candidate sends ever becomes a path.
package blob

import (
	"context"
	"io"
)

// Store keeps documents by key. Put returns only after the bytes are durable.
type Store interface {
	Put(ctx context.Context, r io.Reader, maxBytes int64) (key string, size int64, sha256hex string, err error)
	Open(ctx context.Context, key string) (io.ReadCloser, error)
	Delete(ctx context.Context, key string) error
}

// DefaultMaxDocumentBytes is the size cap of one document when none is
// configured (CANDOR_MAX_DOCUMENT_MB): "cap file size (10 MB default)".
const DefaultMaxDocumentBytes = 10 << 20
