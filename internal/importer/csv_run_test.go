package importer_test

import (
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// rows: 2 new, 3 merges into the seeded person, 4 bad email, 5 ragged,
// 6 formula, 7 same email as row 2, 8 multi-line quoted headline, 9 no name.
const sampleCSV = "Name,Email,Phone,Title,Company,Tags,LinkedIn\r\n" +
	"Grace Hopper,grace@example.com,+1 555 0100,Admiral,Navy,\"cobol, compilers\",linkedin.com/in/grace\r\n" +
	"%s,%s,,,Analytical Engines,math,\r\n" +
	"Bad Email,not-an-email,,,,,\r\n" +
	"Ragged Row,ragged@example.com\r\n" +
	"=SUM(A1:A2),formula@example.com,,,,,\r\n" +
	"Grace Hopper,GRACE@example.com,,Rear Admiral,,,\r\n" +
	"Multi Line,multi@example.com,,\"Senior\nEngineer\",,,\r\n" +
	",noname@example.com,,,,,\r\n"

func TestCSVImportDryRunThenImport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		existing := r.seed.Candidate
		data := strings.Replace(strings.Replace(sampleCSV, "%s", existing.Name(), 1), "%s", existing.PrimaryEmail(), 1)
		im := r.upload(hiring.ImportCSV, "../../people<b>.csv", []byte(data))
		if im.Status != hiring.ImportMapping || im.FileName != "peopleb.csv" {
			t.Fatalf("created: %+v", im)
		}
		before := countCandidates(t, db)

		// The dry run writes nothing but the report.
		mapping := []hiring.ImportField{hiring.FieldFullName, hiring.FieldEmail, hiring.FieldPhone, hiring.FieldCurrentTitle,
			hiring.FieldCurrentCompany, hiring.FieldTags, hiring.FieldLinkedIn}
		pre := r.start(im.ID, hiring.ImportSettings{Mapping: mapping, DryRun: true})
		if pre.Status != hiring.ImportPreviewed || pre.Total != 8 || pre.Done != 8 {
			t.Fatalf("preview: %+v", pre)
		}
		if n := countCandidates(t, db); n != before {
			t.Fatalf("dry run wrote candidates: %d → %d", before, n)
		}
		issues := r.issues(im.ID)
		for _, want := range []struct {
			row           int
			severity, has string
		}{
			{3, "duplicate", "existing candidate"},
			{4, "error", "Email (emails.0)"},
			{5, "warning", "header has 7"},
			{6, "warning", "formula"},
			{7, "duplicate", "row 2"},
			{9, "error", "first_name"},
		} {
			if !findIssue(issues, want.row, want.severity, want.has) {
				t.Errorf("preview: no %s on row %d with %q in %+v", want.severity, want.row, want.has, issues)
			}
		}
		if pre.Failed != 2 || pre.Report.Duplicates != 2 {
			t.Errorf("preview counts: failed %d duplicates %d", pre.Failed, pre.Report.Duplicates)
		}

		// The real run, adding everyone to the job at its second stage.
		done := r.start(im.ID, hiring.ImportSettings{Mapping: mapping, JobID: r.seed.Job.ID, StageID: r.seed.Stages[1].ID})
		if done.Status != hiring.ImportDone || done.Failed != 2 || done.Done != 8 {
			t.Fatalf("done: %+v", done)
		}
		if done.Report.Created != 4 || done.Report.Merged != 2 || done.Report.Applied != 4 {
			t.Errorf("report: %+v", done.Report)
		}
		if n := countCandidates(t, db); n != before+4 {
			t.Errorf("candidates %d → %d, want +4", before, n)
		}
		graces := r.byEmail("grace@example.com")
		if len(graces) != 1 {
			t.Fatalf("grace imported %d times", len(graces))
		}
		g := graces[0]
		if g.CurrentTitle != "Admiral" || len(g.Links) != 1 || g.Links[0].URL != "https://linkedin.com/in/grace" || len(g.Tags) != 2 {
			t.Errorf("grace: %+v", g)
		}
		// The merge filled the seeded person's empty company, kept the rest.
		merged, err := db.Candidate(storetest.System(), existing.ID)
		if err != nil {
			t.Fatal(err)
		}
		if merged.CurrentCompany != "Analytical Engines" || merged.FirstName != existing.FirstName {
			t.Errorf("merged: %+v", merged)
		}
		multi := r.byEmail("multi@example.com")
		if len(multi) != 1 || multi[0].CurrentTitle != "Senior\nEngineer" {
			t.Errorf("multi-line: %+v", multi)
		}
		if f := r.byEmail("formula@example.com"); len(f) != 1 || f[0].FirstName != "=SUM(A1:A2)" {
			t.Errorf("formula row: %+v", f)
		}
		if len(r.byEmail("not-an-email")) != 0 {
			t.Error("a failed row was written")
		}
		// Activity and the application on the job.
		acts, err := db.CandidateActivity(storetest.System(), g.ID, hiring.PageRequest{})
		if err != nil {
			t.Fatal(err)
		}
		var imported, applied bool
		for _, a := range acts.Items {
			imported = imported || (a.Action == "candidate.imported" && a.ActorID == r.seed.Recruiter.ID)
			applied = applied || a.Action == "application.created"
		}
		if !imported || !applied {
			t.Errorf("activity: imported %v applied %v in %+v", imported, applied, acts.Items)
		}
		apps, err := db.ListApplications(storetest.System(), hiring.ApplicationFilter{CandidateID: g.ID}, hiring.PageRequest{})
		if err != nil || len(apps.Items) != 1 || apps.Items[0].StageID != r.seed.Stages[1].ID {
			t.Errorf("applications: %+v %v", apps.Items, err)
		}

		// Finished imports are not run again; a second start is refused.
		if _, err := db.StartImport(r.ctx, im.ID, hiring.ImportSettings{Mapping: mapping}); hiring.ErrorCode(err) != hiring.EConflict {
			t.Errorf("restart: %v", err)
		}
	})
}

func TestImportAccess(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		r := newRig(t, db)
		im := r.upload(hiring.ImportCSV, "a.csv", []byte("name\nAda\n"))
		// Hiring managers and interviewers may not import.
		for _, u := range []hiring.User{r.seed.Manager, r.seed.Interviewer} {
			if _, err := db.CreateImport(storetest.As(u), hiring.NewImport{Kind: hiring.ImportCSV, FileName: "x.csv", FileKey: "k"}); hiring.ErrorCode(err) != hiring.EForbidden {
				t.Errorf("%s create: %v", u.Role, err)
			}
			if _, err := db.Import(storetest.As(u), im.ID); hiring.ErrorCode(err) != hiring.ENotFound {
				t.Errorf("%s sees another's import: %v", u.Role, err)
			}
		}
		if _, err := db.Import(storetest.As(r.seed.Admin), im.ID); err != nil {
			t.Errorf("admin: %v", err)
		}
		// Invalid settings name the field.
		_, err := db.StartImport(r.ctx, im.ID, hiring.ImportSettings{Mapping: []hiring.ImportField{"salary"}})
		if !hasField(err, "mapping.0") {
			t.Errorf("bad mapping: %v", err)
		}
		_, err = db.StartImport(r.ctx, im.ID, hiring.ImportSettings{Mapping: []hiring.ImportField{hiring.FieldEmail}})
		if !hasField(err, "mapping") {
			t.Errorf("no name column: %v", err)
		}
		_, err = db.StartImport(r.ctx, im.ID, hiring.ImportSettings{Mapping: []hiring.ImportField{hiring.FieldFullName}, JobID: r.seed.ConfidentialJob.ID})
		if !hasField(err, "job_id") {
			t.Errorf("hidden job: %v", err)
		}
		_, err = db.StartImport(r.ctx, im.ID, hiring.ImportSettings{Mapping: []hiring.ImportField{hiring.FieldFullName}, JobID: r.seed.Job.ID,
			StageID: r.seed.OtherApp.StageID})
		if !hasField(err, "stage_id") {
			t.Errorf("stage of another job: %v", err)
		}
	})
}

func hasField(err error, field string) bool {
	for _, f := range hiring.ErrorFields(err) {
		if f.Field == field {
			return true
		}
	}
	return false
}

func TestCSVImportBadFiles(t *testing.T) {
	r := newRig(t, storetest.SQLite(t))
	for name, data := range map[string]string{
		"blank":       ",,,\n",
		"binary":      "\x00\x01\x02PK\x00",
		"wide header": strings.Repeat("a,", 600) + "\n",
	} {
		im := r.upload(hiring.ImportCSV, name+".csv", []byte(data))
		got := r.start(im.ID, hiring.ImportSettings{Mapping: []hiring.ImportField{hiring.FieldFullName}})
		if got.Status != hiring.ImportFailed || got.Error == "" {
			t.Errorf("%s: %+v", name, got)
		}
	}
}
