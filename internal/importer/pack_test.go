package importer_test

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/importer"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// More files than an archive may hold are refused whole, before anything is
// stored: none is silently left out.
func TestUploadFilesOverTheLimit(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		files := make([]importer.FileEntry, importer.MaxZipEntries+1)
		for i := range files {
			files[i] = importer.FileEntry{Name: fmt.Sprintf("cv%d.txt", i), Open: func() (io.ReadCloser, error) {
				return io.NopCloser(strings.NewReader("Ada\nada@example.com\n")), nil
			}}
		}
		_, err := importer.UploadFiles(r.ctx, db, r.blobs, "many.zip", files)
		if hiring.ErrorCode(err) != hiring.EInvalid || !strings.Contains(err.Error(), "several batches") {
			t.Fatalf("over the limit: %v", err)
		}
		list, err := db.ListImports(r.ctx, hiring.PageRequest{})
		if err != nil || len(list.Items) != 0 {
			t.Fatalf("imports after the refusal: %d, %v", len(list.Items), err)
		}
		im, err := importer.UploadFiles(r.ctx, db, r.blobs, "two.zip", files[:2])
		if err != nil || im.Kind != hiring.ImportZIP || im.FileName != "two.zip" {
			t.Fatalf("two files: %+v, %v", im, err)
		}
	})
}

// A plain-text resume in an archive is decoded like any upload (here: its
// byte-order mark dropped), so its first line is still the name.
func TestZipTextResumeDecoded(t *testing.T) {
	r := newRig(t, storetest.SQLite(t))
	text := "\ufeffMarta Diaz\nmarta.diaz@example.com\nSan Francisco, CA\nData Analyst\n"
	im, err := importer.UploadFiles(r.ctx, r.db, r.blobs, "one.zip", []importer.FileEntry{{Name: "marta.txt",
		Open: func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(text)), nil }}})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.start(im.ID, hiring.ImportSettings{}); got.Report.Created != 1 {
		t.Fatalf("import: %+v %+v", got, r.issues(im.ID))
	}
	c := r.byEmail("marta.diaz@example.com")
	if len(c) != 1 || c[0].FirstName != "Marta" || c[0].LastName != "Diaz" {
		t.Fatalf("imported %+v", c)
	}
}
