package blob

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/candor-ats/candor/internal/hiring"
)

// FS is a Store on the local filesystem. Keys are 32 hex characters; a file
// lives at dir/ab/cd/abcd… so that no directory grows without bound.
type FS struct {
	dir string
}

var _ Store = (*FS)(nil)

// NewFS returns a store rooted at dir, creating it (0700) if needed.
func NewFS(dir string) (*FS, error) {
	if err := os.MkdirAll(filepath.Join(dir, "tmp"), 0o700); err != nil {
		return nil, fmt.Errorf("blob: create %s: %w", dir, err)
	}
	return &FS{dir: dir}, nil
}

// Put copies r into a new blob, at most maxBytes long. The bytes go to a
// temporary file first, which is fsynced and renamed into place; the
// directories are fsynced too, so an acknowledged upload survives a crash.
func (s *FS) Put(ctx context.Context, r io.Reader, maxBytes int64) (string, int64, string, error) {
	if maxBytes <= 0 {
		return "", 0, "", fmt.Errorf("blob: put: maxBytes must be positive")
	}
	key, err := newKey()
	if err != nil {
		return "", 0, "", err
	}
	tmp, err := os.CreateTemp(filepath.Join(s.dir, "tmp"), "put-*")
	if err != nil {
		return "", 0, "", fmt.Errorf("blob: put: %w", err)
	}
	committed := false
	defer func() {
		if !committed {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()

	h := sha256.New()
	// Read one byte past the cap: reaching it means the upload is too large,
	// and we learn that without trusting any declared length.
	n, err := io.Copy(io.MultiWriter(tmp, h), &ctxReader{ctx: ctx, r: io.LimitReader(r, maxBytes+1)})
	if err != nil {
		return "", 0, "", fmt.Errorf("blob: put: %w", err)
	}
	if n > maxBytes {
		return "", 0, "", TooLarge(maxBytes)
	}
	if n == 0 {
		return "", 0, "", &hiring.Error{Code: hiring.EInvalid, Message: "The file is empty.",
			Fields: []hiring.FieldError{{Field: "file", Message: "is empty"}}}
	}
	if err := tmp.Sync(); err != nil {
		return "", 0, "", fmt.Errorf("blob: put: sync: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return "", 0, "", fmt.Errorf("blob: put: close: %w", err)
	}
	final := s.path(key)
	shard := filepath.Dir(final)
	if err := os.MkdirAll(shard, 0o700); err != nil {
		return "", 0, "", fmt.Errorf("blob: put: %w", err)
	}
	if err := os.Rename(tmp.Name(), final); err != nil {
		return "", 0, "", fmt.Errorf("blob: put: rename: %w", err)
	}
	committed = true
	// The new name, and the shard folders if they were just made, must reach
	// the disk before the caller records the key.
	for _, d := range []string{shard, filepath.Dir(shard), s.dir} {
		if err := syncDir(d); err != nil {
			return "", 0, "", fmt.Errorf("blob: put: %w", err)
		}
	}
	return key, n, hex.EncodeToString(h.Sum(nil)), nil
}

// Open returns the blob's bytes; an unknown or malformed key is ENotFound.
func (s *FS) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	if !validKey(key) {
		return nil, hiring.ErrNotFound("file")
	}
	f, err := os.Open(s.path(key))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, hiring.ErrNotFound("file")
	}
	if err != nil {
		return nil, fmt.Errorf("blob: open: %w", err)
	}
	return f, nil
}

// Delete removes the blob; deleting a missing blob is not an error, so that a
// retried cleanup job converges.
func (s *FS) Delete(ctx context.Context, key string) error {
	if !validKey(key) {
		return hiring.ErrNotFound("file")
	}
	err := os.Remove(s.path(key))
	if errors.Is(err, fs.ErrNotExist) {
		return nil // its folder may be missing too: nothing to sync
	}
	if err != nil {
		return fmt.Errorf("blob: delete: %w", err)
	}
	return syncDir(filepath.Dir(s.path(key)))
}

func (s *FS) path(key string) string {
	return filepath.Join(s.dir, key[0:2], key[2:4], key)
}

// ErrTooLarge is in the chain of every TooLarge error, so that callers can
// tell "over the cap" from other invalid files (the API answers it with 413).
var ErrTooLarge = errors.New("blob: over the size cap")

// TooLarge is the error for an upload over the size cap.
func TooLarge(maxBytes int64) error {
	return &hiring.Error{
		Err:     ErrTooLarge,
		Code:    hiring.EInvalid,
		Message: fmt.Sprintf("The file is larger than the %s limit.", HumanSize(maxBytes)),
		Fields:  []hiring.FieldError{{Field: "file", Message: "is larger than " + HumanSize(maxBytes)}},
	}
}

// HumanSize writes a size cap for people: "10 MB", "64 KB", "100 bytes".
func HumanSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

func newKey() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("blob: key: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

// validKey keeps keys to what newKey makes, so a key can never name a path
// outside the store.
func validKey(k string) bool {
	if len(k) != 32 {
		return false
	}
	for _, c := range k {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync dir: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync dir %s: %w", dir, err)
	}
	return nil
}

// ctxReader stops a long copy when the request is cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
