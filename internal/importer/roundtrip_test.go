package importer_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/export"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/importer"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// TestJSONResumeRoundTripKeepsTags: `candor export --format jsonresume` from
// one installation, imported into another, keeps each candidate's tags.
func TestJSONResumeRoundTripKeepsTags(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := storetest.As(s.Recruiter)
		c, err := db.CreateCandidate(ctx, hiring.CandidateInput{FirstName: "Grace", LastName: "Hopper",
			Emails: []string{"grace.roundtrip@example.com"}, Tags: []string{"cobol", "compilers", "navy"}})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := export.Resumes(ctx, &buf, db, hiring.CandidateFilter{Query: "grace.roundtrip@example.com"}); err != nil {
			t.Fatal(err)
		}

		fresh := storetest.SQLite(t)
		if db.Dialect() == "postgres" {
			fresh = storetest.Postgres(t)
		}
		r := newRig(t, fresh)
		im := r.upload(hiring.ImportJSONResume, "export.json", buf.Bytes())
		if got := r.start(im.ID, hiring.ImportSettings{}); got.Status != hiring.ImportDone || got.Report.Created != 1 {
			t.Fatalf("import: %+v %+v", got, r.issues(im.ID))
		}
		back := r.byEmail("grace.roundtrip@example.com")
		if len(back) != 1 || strings.Join(back[0].Tags, ",") != strings.Join(c.Tags, ",") {
			t.Fatalf("imported back: %+v, want tags %q", back, c.Tags)
		}
	})
}

// A CSV export imports back with the guessed mapping: phones that the export
// defused against formulas ("'+44 …") and several links of one kind too.
func TestCSVRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		ctx := storetest.As(s.Recruiter)
		_, err := db.CreateCandidate(ctx, hiring.CandidateInput{FirstName: "Grace", LastName: "Hopper",
			Emails: []string{"grace.csv@example.com"}, Phones: []string{"+44 20 7946 0958"},
			Links: []hiring.Link{{Kind: hiring.LinkLinkedIn, URL: "https://www.linkedin.com/in/grace"},
				{Kind: hiring.LinkLinkedIn, URL: "https://www.linkedin.com/in/grace-hopper"}}})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := export.CSV(ctx, &buf, db, hiring.CandidateFilter{Query: "grace.csv@example.com"}); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), "'+44") {
			t.Fatalf("the export did not defuse the phone: %s", buf.String())
		}
		fresh := storetest.SQLite(t)
		if db.Dialect() == "postgres" {
			fresh = storetest.Postgres(t)
		}
		r := newRig(t, fresh)
		im := r.upload(hiring.ImportCSV, "export.csv", buf.Bytes())
		p, err := importer.PreviewCSV(r.ctx, r.blobs, im, 0)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.start(im.ID, hiring.ImportSettings{Mapping: p.Guess}); got.Status != hiring.ImportDone || got.Report.Created != 1 {
			t.Fatalf("import: %+v %+v", got, r.issues(im.ID))
		}
		back := r.byEmail("grace.csv@example.com")
		if len(back) != 1 || strings.Join(back[0].Phones, ",") != "+44 20 7946 0958" || len(back[0].Links) != 2 {
			t.Fatalf("imported back: %+v", back)
		}
	})
}
