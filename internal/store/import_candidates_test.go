package store_test

import (
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// The review after adding people from resumes lists exactly the candidates
// that import created (not another import's, not a merged existing person),
// to the import's creator and admins only.
func TestImportedCandidates(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		rec := storetest.As(s.Recruiter)
		run := func(rows ...hiring.CandidateInput) hiring.Import {
			t.Helper()
			im, err := db.CreateImport(rec, hiring.NewImport{Kind: hiring.ImportZIP, FileName: "resumes.zip", FileKey: "k", FileSize: 9})
			ok(t, err)
			_, err = db.StartImport(rec, im.ID, hiring.ImportSettings{})
			ok(t, err)
			_, err = db.BeginImportRun(rec, im.ID, len(rows))
			ok(t, err)
			b := hiring.ImportBatch{Read: len(rows), NextRow: len(rows)}
			for i, in := range rows {
				b.Rows = append(b.Rows, hiring.ImportRow{Row: i + 1, Input: in})
			}
			_, err = db.WriteImportBatch(rec, im.ID, b)
			ok(t, err)
			_, err = db.FinishImport(rec, im.ID, "")
			ok(t, err)
			return im
		}
		first := run(hiring.CandidateInput{FirstName: "Lin", LastName: "Ping", Source: "resume import"},
			hiring.CandidateInput{FirstName: "Grace", LastName: "Hopper", Emails: []string{"grace@example.org"}}, // merges into the seeded Grace
			hiring.CandidateInput{FirstName: "Omar", LastName: "Haddad"})
		run(hiring.CandidateInput{FirstName: "Someone", LastName: "Else"})

		got, err := db.ImportedCandidates(rec, first.ID, 0)
		ok(t, err)
		if len(got) != 2 || got[0].Name() != "Lin Ping" || got[1].Name() != "Omar Haddad" {
			t.Fatalf("imported candidates = %+v", got)
		}
		_, err = db.ImportedCandidates(storetest.As(s.Manager), first.ID, 0)
		wantCode(t, err, hiring.ENotFound)
		if all, err := db.ImportedCandidates(storetest.As(s.Admin), first.ID, 1); err != nil || len(all) != 1 {
			t.Fatalf("admin, limit 1: %+v, %v", all, err)
		}
	})
}
