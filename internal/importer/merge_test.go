package importer_test

import (
	"fmt"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// A row merged into someone on file folds in like a merge of two records:
// the same phone written differently is not added twice, empty fields are
// filled, and lists stop at what a candidate may hold.
func TestImportMergeFoldsAndCaps(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		var emails []string
		for i := range hiring.MaxEmails - 1 {
			emails = append(emails, fmt.Sprintf("ada%d@example.com", i))
		}
		old, err := db.CreateCandidate(r.ctx, hiring.CandidateInput{FirstName: "Ada", Emails: emails, Phones: []string{"+1 415 555 0100"}})
		if err != nil {
			t.Fatal(err)
		}
		csv := "name,email,email,email,phone,title\nAda Lovelace,ada0@example.com,new1@example.com,new2@example.com,(415) 555-0100,Analyst\n"
		im := r.start(r.upload(hiring.ImportCSV, "people.csv", []byte(csv)).ID, hiring.ImportSettings{Mapping: []hiring.ImportField{
			hiring.FieldFullName, hiring.FieldEmail, hiring.FieldEmail, hiring.FieldEmail, hiring.FieldPhone, hiring.FieldCurrentTitle}})
		if im.Status != hiring.ImportDone || im.Report.Merged != 1 {
			t.Fatalf("import: %s, report %+v", im.Status, im.Report)
		}
		got, err := db.Candidate(r.ctx, old.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Emails) != hiring.MaxEmails || got.Emails[0] != "ada0@example.com" || got.Emails[hiring.MaxEmails-1] != "new1@example.com" {
			t.Errorf("emails: %q", got.Emails)
		}
		if len(got.Phones) != 1 || got.LastName != "Lovelace" || got.CurrentTitle != "Analyst" {
			t.Errorf("merged: phones %q, last name %q, title %q", got.Phones, got.LastName, got.CurrentTitle)
		}
	})
}
