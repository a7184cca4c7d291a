package blob

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"testing"
)

// Bulk files read back like uploads, under keys Put would make, and Sync
// succeeds once they are written.
func TestBulkPutOpen(t *testing.T) {
	s := newFS(t)
	b := s.Bulk()
	keys := map[string]string{}
	for _, text := range []string{"first resume", "second resume", "first resume"} {
		key, sum, err := b.Put([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		want := sha256.Sum256([]byte(text))
		if sum != hex.EncodeToString(want[:]) || !validKey(key) {
			t.Fatalf("key %q sum %q", key, sum)
		}
		if _, dup := keys[key]; dup {
			t.Fatalf("key %q given twice", key)
		}
		keys[key] = text
	}
	if err := b.Sync(); err != nil {
		t.Fatal(err)
	}
	for key, text := range keys {
		rc, err := s.Open(context.Background(), key)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(rc)
		rc.Close()
		if string(got) != text {
			t.Fatalf("%s holds %q, want %q", key, got, text)
		}
	}
	if _, _, err := b.Put(nil); err == nil {
		t.Fatal("an empty file was stored")
	}
}
