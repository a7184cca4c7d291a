package blob

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// Bulk writes many small blobs for a bulk load (the demo's million
// resumes): each file is written without its own fsync, and Sync makes all
// of them durable at once before the caller commits the records that name
// them. An fsync per file and per folder (what Put does for an upload)
// would cost minutes for a million files.
type Bulk struct {
	fs      *FS
	mu      sync.Mutex
	shards  map[string]bool // shard folders made
	written []string        // paths, for syncing where syncfs is missing
}

// Bulk returns a bulk writer into the store.
func (s *FS) Bulk() *Bulk { return &Bulk{fs: s, shards: map[string]bool{}} }

// Put stores data under a new key and returns the key and its SHA-256.
func (b *Bulk) Put(data []byte) (key, sha256hex string, err error) {
	if len(data) == 0 {
		return "", "", fmt.Errorf("blob: bulk put: empty file")
	}
	key, err = newKey()
	if err != nil {
		return "", "", err
	}
	final := b.fs.path(key)
	shard := filepath.Dir(final)
	b.mu.Lock()
	made := b.shards[shard]
	b.mu.Unlock()
	if !made {
		if err := os.MkdirAll(shard, 0o700); err != nil {
			return "", "", fmt.Errorf("blob: bulk put: %w", err)
		}
		b.mu.Lock()
		b.shards[shard] = true
		b.mu.Unlock()
	}
	// A new random key names no existing file: O_EXCL says so, and the file
	// appears whole or (after a crash before Sync) not at all as far as the
	// database knows, since the load's records are not committed yet.
	f, err := os.OpenFile(final, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", "", fmt.Errorf("blob: bulk put: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		_ = f.Close()
		_ = os.Remove(final)
		return "", "", fmt.Errorf("blob: bulk put: %w", err)
	}
	if err := f.Close(); err != nil {
		_ = os.Remove(final)
		return "", "", fmt.Errorf("blob: bulk put: %w", err)
	}
	if !haveSyncfs {
		b.mu.Lock()
		b.written = append(b.written, final)
		b.mu.Unlock()
	}
	sum := sha256.Sum256(data)
	return key, hex.EncodeToString(sum[:]), nil
}

// Sync makes every file written so far durable, with their folders.
func (b *Bulk) Sync() error {
	if haveSyncfs {
		return syncfs(b.fs.dir)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.written {
		f, err := os.Open(p)
		if err != nil {
			return fmt.Errorf("blob: bulk sync: %w", err)
		}
		err = f.Sync()
		_ = f.Close()
		if err != nil {
			return fmt.Errorf("blob: bulk sync: %w", err)
		}
	}
	b.written = b.written[:0]
	for d := range b.shards {
		for _, dir := range []string{d, filepath.Dir(d)} {
			if err := syncDir(dir); err != nil {
				return fmt.Errorf("blob: bulk sync: %w", err)
			}
		}
	}
	return syncDir(b.fs.dir)
}
