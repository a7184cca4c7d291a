package importer_test

import (
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// The sweep discards abandoned uploads (waiting for a mapping, or only
// previewed) older than its cut-off, files included, and leaves imports that
// added candidates, are queued, or are newer.
func TestSweepDiscardsAbandonedUploads(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		csv := []byte("name,email\nAda Lovelace,ada@example.com\n")
		waiting := r.upload(hiring.ImportCSV, "waiting.csv", csv)
		previewed := r.start(r.upload(hiring.ImportCSV, "previewed.csv", csv).ID,
			hiring.ImportSettings{DryRun: true, Mapping: []hiring.ImportField{hiring.FieldFullName, hiring.FieldEmail}})
		imported := r.start(r.upload(hiring.ImportCSV, "imported.csv", csv).ID,
			hiring.ImportSettings{Mapping: []hiring.ImportField{hiring.FieldFullName, hiring.FieldEmail}})
		queued := r.upload(hiring.ImportCSV, "queued.csv", csv)
		if _, err := db.StartImport(r.ctx, queued.ID, hiring.ImportSettings{Mapping: []hiring.ImportField{hiring.FieldFullName}}); err != nil {
			t.Fatal(err)
		}
		if previewed.Status != hiring.ImportPreviewed || imported.Status != hiring.ImportDone {
			t.Fatalf("set-up: %s, %s", previewed.Status, imported.Status)
		}
		sys := storetest.System()
		if _, err := r.runner.Sweep(r.ctx, time.Now().Add(time.Hour)); hiring.ErrorCode(err) != hiring.EForbidden {
			t.Fatalf("a recruiter swept: %v", err)
		}
		if n, err := r.runner.Sweep(sys, time.Now().Add(-time.Hour)); err != nil || n != 0 {
			t.Fatalf("sweep with nothing old enough: %d, %v", n, err)
		}
		n, err := r.runner.Sweep(sys, time.Now().Add(time.Hour))
		if err != nil || n != 2 {
			t.Fatalf("sweep: %d, %v; want the waiting and the previewed import", n, err)
		}
		for _, im := range []hiring.Import{waiting, previewed} {
			if _, err := db.Import(sys, im.ID); hiring.ErrorCode(err) != hiring.ENotFound {
				t.Errorf("%s still there: %v", im.FileName, err)
			}
			if rc, err := r.blobs.Open(sys, im.FileKey); err == nil {
				rc.Close()
				t.Errorf("%s's file still there", im.FileName)
			}
		}
		for _, im := range []hiring.Import{imported, queued} {
			if _, err := db.Import(sys, im.ID); err != nil {
				t.Errorf("%s was swept: %v", im.FileName, err)
			}
		}
	})
}
