package importer_test

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// Three resumes left with a template's address (email@email.com) are three
// people; an address shared under another name is only reported, and shows
// in the duplicates queue; the same address under the same name merges.
func TestImportEmailMatchNeedsTheSameName(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		old, err := db.CreateCandidate(r.ctx, hiring.CandidateInput{FirstName: "Mary", LastName: "Jackson", Emails: []string{"family@jackson.example"}})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		for _, f := range []struct{ name, body string }{
			{"a.txt", "Dorothy Vaughan\nemail@email.com\n\nExperience\nMathematician, Langley\n"},
			{"b.txt", "Annie Easley\nemail@email.com\n\nExperience\nProgrammer, Lewis\n"},
			{"c.txt", "Christine Darden\nEmail@Email.com\n\nExperience\nEngineer, Langley\n"},
			{"d.txt", "Levi Jackson\nfamily@jackson.example\n\nExperience\nTeacher, Hampton\n"},
			{"e.txt", "MARY JACKSON\nfamily@jackson.example\n\nExperience\nEngineer, Langley\n"},
		} {
			w, err := zw.Create(f.name)
			if err != nil {
				t.Fatal(err)
			}
			w.Write([]byte(f.body))
		}
		zw.Close()
		before := countCandidates(t, db)
		im := r.upload(hiring.ImportZIP, "resumes.zip", b.Bytes())
		pre := r.start(im.ID, hiring.ImportSettings{DryRun: true})
		if pre.Report.Duplicates != 1 || pre.Report.Possible != 2 { // row 4 ~ Mary on file, row 5 ~ row 4
			t.Fatalf("preview %+v, issues %+v", pre.Report, r.issues(im.ID))
		}
		got := r.start(im.ID, hiring.ImportSettings{})
		issues := r.issues(im.ID)
		if got.Status != hiring.ImportDone || got.Report.Created != 4 || got.Report.Merged != 1 || got.Report.Possible != 1 {
			t.Fatalf("report %+v, issues %+v", got.Report, issues)
		}
		if n := countCandidates(t, db); n != before+4 {
			t.Fatalf("candidates %d → %d, want 4 new", before, n)
		}
		if ps := r.byEmail("email@email.com"); len(ps) != 3 {
			t.Fatalf("%d candidates with email@email.com, want 3: %+v", len(ps), ps)
		}
		if !findIssue(issues, 4, "possible_duplicate", "possible duplicate of Mary Jackson (same email, candidate "+old.ID) {
			t.Errorf("Levi's row is not reported as a possible duplicate of Mary: %+v", issues)
		}
		if !findIssue(issues, 5, "duplicate", "merged") {
			t.Errorf("Mary's own resume was not merged into her: %+v", issues)
		}
		// The queue offers Levi and Mary, and nothing for the placeholder.
		pairs, err := db.DuplicatePairs(r.ctx, hiring.PageRequest{Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		var seen []string
		for _, p := range pairs.Items {
			seen = append(seen, p.Newer.Name()+" ~ "+p.Older.Name())
		}
		if len(seen) != 1 || seen[0] != "Levi Jackson ~ Mary Jackson" {
			t.Fatalf("duplicates queue: %s", strings.Join(seen, "; "))
		}
		// Nor does the email rule name anyone for a placeholder.
		if _, err := db.CandidateByEmail(r.ctx, "email@email.com"); hiring.ErrorCode(err) != hiring.ENotFound {
			t.Fatalf("CandidateByEmail(placeholder) = %v, want not found", err)
		}
	})
}
