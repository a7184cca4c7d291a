package importer_test

import (
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// Rows that resemble an existing person by phone, LinkedIn or name and
// company are reported as possible duplicates in the preview and the
// report, and imported as new candidates: only exact email merges.
func TestCSVImportPossibleDuplicates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		old, err := db.CreateCandidate(r.ctx, hiring.CandidateInput{FirstName: "Katherine", LastName: "Johnson",
			Emails: []string{"kj@nasa.example"}, Phones: []string{"+1 202 555 0147"}, CurrentCompany: "NASA",
			Links: []hiring.Link{{Kind: hiring.LinkLinkedIn, URL: "https://www.linkedin.com/in/kjohnson/"}}})
		if err != nil {
			t.Fatal(err)
		}
		data := "Name,Email,Phone,Company,LinkedIn\r\n" +
			"Kathy J,kathy@other.example,(202) 555-0147,,\r\n" + // row 2: phone
			"K. Johnson,kj2@other.example,,,linkedin.com/in/kjohnson\r\n" + // row 3: LinkedIn
			"Katherine Johnson,katherine@other.example,,NASA,\r\n" + // row 4: name + company
			"Someone Else,else@other.example,+44 20 7946 0000,Acme,\r\n" + // row 5: nothing
			"Katherine Johnson,KJ@nasa.example,,,\r\n" // row 6: exact email → merge
		im := r.upload(hiring.ImportCSV, "people.csv", []byte(data))
		mapping := []hiring.ImportField{hiring.FieldFullName, hiring.FieldEmail, hiring.FieldPhone, hiring.FieldCurrentCompany, hiring.FieldLinkedIn}
		before := countCandidates(t, db)

		pre := r.start(im.ID, hiring.ImportSettings{Mapping: mapping, DryRun: true})
		if pre.Status != hiring.ImportPreviewed || pre.Report.Possible != 3 || pre.Report.Duplicates != 1 {
			t.Fatalf("preview: %+v", pre)
		}
		issues := r.issues(im.ID)
		for _, want := range []struct {
			row  int
			rule string
		}{{2, "same phone"}, {3, "same LinkedIn profile"}, {4, "same name and company"}} {
			if !findIssue(issues, want.row, "possible_duplicate", "possible duplicate of Katherine Johnson ("+want.rule) {
				t.Errorf("preview: row %d lacks a possible duplicate (%s): %+v", want.row, want.rule, issues)
			}
		}
		if !findIssue(issues, 6, "duplicate", "existing candidate by email") {
			t.Errorf("preview: row 6 lacks the email match: %+v", issues)
		}
		for _, is := range issues {
			if is.Row == 5 || (is.Row == 6 && is.Severity == "possible_duplicate") {
				t.Errorf("unexpected issue %+v", is)
			}
		}

		done := r.start(im.ID, hiring.ImportSettings{Mapping: mapping})
		if done.Status != hiring.ImportDone || done.Report.Created != 4 || done.Report.Merged != 1 || done.Report.Possible != 3 {
			t.Fatalf("import: %+v", done)
		}
		if n := countCandidates(t, db); n != before+4 {
			t.Fatalf("candidates %d → %d, want 4 new (possible duplicates are not merged)", before, n)
		}
		issues = r.issues(im.ID)
		if !findIssue(issues, 2, "possible_duplicate", old.ID) || !findIssue(issues, 6, "duplicate", "merged") {
			t.Errorf("report: %+v", issues)
		}
		if got, err := db.Candidate(r.ctx, old.ID); err != nil || !strings.EqualFold(strings.Join(got.Emails, ","), "kj@nasa.example") {
			t.Errorf("existing candidate after merge: %+v, %v", got.Emails, err)
		}
	})
}
