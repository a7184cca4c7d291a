package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/export"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

func TestNeutralize(t *testing.T) {
	for in, want := range map[string]string{"=1+2": "'=1+2", "+31 6": "'+31 6", "-x": "'-x", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "\rx": "'\rx", "Ada": "Ada", "": "", "a=b": "a=b"} {
		if got := export.Neutralize(in); got != want {
			t.Errorf("Neutralize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSVExportAccessAndNeutralization(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		rec := storetest.As(s.Recruiter)
		evil, err := db.CreateCandidate(rec, hiring.CandidateInput{FirstName: "=HYPERLINK(\"http://x\")", LastName: "Evil",
			Emails: []string{"evil@example.com"}, Headline: "line one\nline two, \"quoted\""})
		if err != nil {
			t.Fatal(err)
		}
		read := func(ctx_user hiring.User) [][]string {
			var b bytes.Buffer
			n, err := export.CSV(storetest.As(ctx_user), &b, db, hiring.CandidateFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(b.String(), "\r\n") {
				t.Error("rows are not CRLF-terminated")
			}
			rows, err := csv.NewReader(&b).ReadAll()
			if err != nil {
				t.Fatalf("export is not valid CSV: %v", err)
			}
			if len(rows)-1 != n {
				t.Errorf("count %d, rows %d", n, len(rows)-1)
			}
			return rows
		}
		all := read(s.Recruiter)
		var found bool
		for _, r := range all[1:] {
			if r[0] == evil.ID {
				found = true
				if r[1] != "'=HYPERLINK(\"http://x\")" || r[6] != "line one\nline two, \"quoted\"" {
					t.Errorf("evil row: %q", r)
				}
			}
		}
		if !found {
			t.Error("recruiter's export lacks a candidate")
		}
		// The interviewer sees only the candidates of their team's job.
		mine := read(s.Interviewer)
		ids := map[string]bool{}
		for _, r := range mine[1:] {
			ids[r[0]] = true
		}
		if !ids[s.Candidate.ID] || ids[s.OtherCandidate.ID] || ids[s.ConfidentialCandidate.ID] || ids[evil.ID] || len(ids) != 1 {
			t.Errorf("interviewer export holds %v", ids)
		}
		// Each export is audited with its count.
		log, err := db.AuditLog(storetest.As(s.Admin), hiring.ActivityFilter{Action: "candidates.exported"}, hiring.PageRequest{})
		if err != nil || len(log.Items) != 2 {
			t.Fatalf("audit: %v %+v", err, log.Items)
		}
		// JSON Resume: visible candidates only.
		if _, err := export.CandidateResume(storetest.As(s.Interviewer), db, s.OtherCandidate.ID); hiring.ErrorCode(err) != hiring.ENotFound {
			t.Errorf("interviewer resume of another job's candidate: %v", err)
		}
		doc, err := export.CandidateResume(rec, db, evil.ID)
		if err != nil || doc.Basics.Email != "evil@example.com" || doc.Meta.CanonicalID != evil.ID {
			t.Errorf("resume: %+v %v", doc, err)
		}
	})
}

func TestResumesExportAccess(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		s := storetest.Seed(t, db)
		read := func(u hiring.User) []export.Resume {
			var b bytes.Buffer
			n, err := export.Resumes(storetest.As(u), &b, db, hiring.CandidateFilter{})
			if err != nil {
				t.Fatal(err)
			}
			var docs []export.Resume
			if err := json.Unmarshal(b.Bytes(), &docs); err != nil || len(docs) != n {
				t.Fatalf("not a JSON array of %d resumes: %v\n%s", n, err, b.String())
			}
			return docs
		}
		all, mine := read(s.Recruiter), read(s.OtherInterviewer)
		if len(all) == 0 || len(mine) >= len(all) {
			t.Errorf("recruiter sees %d, an interviewer of another job %d", len(all), len(mine))
		}
		acts, err := db.RecentActivity(storetest.System(), hiring.PageRequest{Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, a := range acts.Items {
			found = found || (a.Action == "candidates.exported" && a.After["format"] == "jsonresume")
		}
		if !found {
			t.Errorf("no candidates.exported activity: %+v", acts.Items)
		}
	})
}
