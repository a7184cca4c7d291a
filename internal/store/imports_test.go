package store_test

import (
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// TestCreateImportFileName: names are cleaned once, by blob.CleanName in the
// upload path; the store only refuses what is not a display name.
func TestCreateImportFileName(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := storetest.As(s.Recruiter)
		for _, name := range []string{"", "  ", "../../people.csv", `C:\people.csv`, strings.Repeat("a", 256)} {
			_, err := db.CreateImport(ctx, hiring.NewImport{Kind: hiring.ImportCSV, FileName: name, FileKey: "k"})
			wantField(t, err, hiring.EInvalid, "file_name")
		}
		im, err := db.CreateImport(ctx, hiring.NewImport{Kind: hiring.ImportCSV, FileName: " Leute ü.csv ", FileKey: "k"})
		ok(t, err)
		if im.FileName != "Leute ü.csv" {
			t.Fatalf("file name %q", im.FileName)
		}
	})
}

// An import that has added no candidates can be discarded by whoever may see
// it; a started or finished real run is kept as the record of what it added.
func TestDiscardImport(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		rec, admin := storetest.As(s.Recruiter), storetest.As(s.Admin)
		create := func() hiring.Import {
			im, err := db.CreateImport(rec, hiring.NewImport{Kind: hiring.ImportCSV, FileName: "people.csv", FileKey: "k", FileSize: 9})
			ok(t, err)
			return im
		}
		mapping := create()
		_, err := db.DiscardImport(storetest.As(s.Interviewer), mapping.ID)
		wantCode(t, err, hiring.ENotFound)
		got, err := db.DiscardImport(admin, mapping.ID)
		ok(t, err)
		if got.FileKey != "k" {
			t.Fatalf("discard returned file key %q", got.FileKey)
		}
		_, err = db.Import(rec, mapping.ID)
		wantCode(t, err, hiring.ENotFound)
		log, err := db.AuditLog(admin, hiring.ActivityFilter{Action: "import.discarded"}, hiring.PageRequest{})
		ok(t, err)
		if len(log.Items) != 1 || log.Items[0].SubjectID != mapping.ID || log.Items[0].ActorID != s.Admin.ID {
			t.Fatalf("audit of the discard: %+v", log.Items)
		}

		real := create()
		_, err = db.StartImport(rec, real.ID, hiring.ImportSettings{Mapping: []hiring.ImportField{hiring.FieldFullName}})
		ok(t, err)
		_, err = db.DiscardImport(rec, real.ID)
		wantCode(t, err, hiring.EConflict)

		dry := create()
		_, err = db.StartImport(rec, dry.ID, hiring.ImportSettings{DryRun: true, Mapping: []hiring.ImportField{hiring.FieldFullName}})
		ok(t, err)
		_, err = db.BeginImportRun(rec, dry.ID, 0)
		ok(t, err)
		previewed, err := db.FinishImport(rec, dry.ID, "")
		ok(t, err)
		if previewed.Status != hiring.ImportPreviewed {
			t.Fatalf("dry run finished as %q", previewed.Status)
		}
		_, err = db.DiscardImport(rec, dry.ID)
		ok(t, err)
	})
}
