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
