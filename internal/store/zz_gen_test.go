package store_test

import (
	"context"
	"io"
	"os"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/blob"
	"github.com/candor-ats/candor/internal/demo"
	"github.com/candor-ats/candor/internal/store"
)

func TestZZGen(t *testing.T) {
	dir := os.Getenv("ZZ_GEN_DIR")
	if dir == "" {
		t.Skip()
	}
	ctx := context.Background()
	db, err := store.Open(ctx, store.Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	var blobs blob.Store = nopBlobs{}
	t0 := time.Now()
	res, err := demo.Load(ctx, db, blobs, demo.Options{Candidates: 100000, Applications: 500000, LargeJob: 5000})
	t.Log(time.Since(t0), res, err)
	os.WriteFile(dir+"/largejob", []byte(res.LargeJobID), 0o644)
}

type nopBlobs struct{}

func (nopBlobs) Put(ctx context.Context, r io.Reader, max int64) (string, int64, string, error) {
	n, _ := io.Copy(io.Discard, r)
	return "k", n, "00", nil
}
func (nopBlobs) Open(ctx context.Context, key string) (io.ReadCloser, error) { return nil, io.EOF }
func (nopBlobs) Delete(ctx context.Context, key string) error              { return nil }
