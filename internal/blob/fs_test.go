package blob

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

func newFS(t *testing.T) *FS {
	t.Helper()
	s, err := NewFS(filepath.Join(t.TempDir(), "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestPutOpenDelete(t *testing.T) {
	ctx := context.Background()
	s := newFS(t)
	data := []byte("%PDF-1.7 hello")
	key, size, sum, err := s.Put(ctx, bytes.NewReader(data), 1024)
	if err != nil {
		t.Fatal(err)
	}
	want := sha256.Sum256(data)
	if size != int64(len(data)) || sum != hex.EncodeToString(want[:]) {
		t.Fatalf("Put = %d %s, want %d %x", size, sum, len(data), want)
	}
	if _, err := os.Stat(filepath.Join(s.dir, key[:2], key[2:4], key)); err != nil {
		t.Fatalf("blob not sharded by prefix: %v", err)
	}
	rc, err := s.Open(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(rc)
	rc.Close()
	if !bytes.Equal(got, data) {
		t.Fatalf("Open = %q, want %q", got, data)
	}
	if err := s.Delete(ctx, key); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Open(ctx, key); hiring.ErrorCode(err) != hiring.ENotFound {
		t.Fatalf("Open after Delete: %v, want not_found", err)
	}
	if err := s.Delete(ctx, key); err != nil {
		t.Fatalf("second Delete: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Join(s.dir, "tmp"))
	if len(entries) != 0 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
}

func TestPutSizeCap(t *testing.T) {
	ctx := context.Background()
	s := newFS(t)
	if _, _, _, err := s.Put(ctx, strings.NewReader(strings.Repeat("a", 100)), 100); err != nil {
		t.Fatalf("exactly at the cap: %v", err)
	}
	_, _, _, err := s.Put(ctx, strings.NewReader(strings.Repeat("a", 101)), 100)
	if hiring.ErrorCode(err) != hiring.EInvalid {
		t.Fatalf("over the cap: %v, want invalid", err)
	}
	if f := hiring.ErrorFields(err); len(f) != 1 || f[0].Field != "file" {
		t.Fatalf("fields = %v, want one for file", f)
	}
	if _, _, _, err := s.Put(ctx, strings.NewReader(""), 100); hiring.ErrorCode(err) != hiring.EInvalid {
		t.Fatalf("empty: %v, want invalid", err)
	}
	entries, _ := os.ReadDir(filepath.Join(s.dir, "tmp"))
	if len(entries) != 0 {
		t.Fatalf("rejected uploads left files: %v", entries)
	}
}

func TestOpenRejectsPathKeys(t *testing.T) {
	s := newFS(t)
	for _, k := range []string{"../../etc/passwd", "", "ABCDEF0123456789ABCDEF0123456789", strings.Repeat("a", 31) + "/"} {
		if _, err := s.Open(context.Background(), k); hiring.ErrorCode(err) != hiring.ENotFound {
			t.Errorf("Open(%q) = %v, want not_found", k, err)
		}
	}
}

// Deleting a blob that was never stored (its shard folder absent) succeeds,
// so a retried cleanup converges.
func TestDeleteMissing(t *testing.T) {
	s, err := NewFS(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(context.Background(), strings.Repeat("ab", 16)); err != nil {
		t.Fatalf("delete of a missing blob: %v", err)
	}
}
