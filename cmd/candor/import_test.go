package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/parsing/parsingtest"
	"github.com/candor-ats/candor/internal/store"
)

func TestImportExport(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := candor(t, dir, "correct horse battery staple\n",
		"user", "add", "--email", "rita@example.com", "--name", "Rita Recruiter", "--role", "admin", "--password-stdin"); code != 0 {
		t.Fatalf("user add: %s", errs)
	}
	file := filepath.Join(dir, "people.csv")
	data := "Who,E-mail,Mobile,Employer\r\n" +
		"Grace Hopper,grace@example.com,+1 202 555 0100,Navy\r\n" +
		"Alan Turing,alan@example.com,,Bletchley\r\n" +
		"Bad Email,not-an-email,,\r\n" +
		"Grace B. Hopper,GRACE@example.com,,\r\n"
	if err := os.WriteFile(file, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	mapping := "Who=full_name,2=email,Mobile=phone,employer=current_company"

	code, out, errs := candor(t, dir, "", "import", file, "--mapping", mapping, "--dry-run", "--as", "rita@example.com")
	if code != 0 || !strings.Contains(out, "previewed") || !strings.Contains(out, "rows read: 4 of 4, failed: 1") ||
		!strings.Contains(out, "row 4: error") || !strings.Contains(out, "row 5: duplicate") {
		t.Fatalf("dry run = %d\n%s\n%s", code, out, errs)
	}
	code, out, errs = candor(t, dir, "", "import", "--as", "rita@example.com", "--mapping", mapping, file)
	if code != 0 || !strings.Contains(out, "done") || !strings.Contains(out, "created: 2, merged (same email): 1") {
		t.Fatalf("import = %d\n%s\n%s", code, out, errs)
	}

	// Export to a file and to stdout; both hold what was imported.
	csvOut := filepath.Join(dir, "out.csv")
	if code, _, errs := candor(t, dir, "", "export", "--format", "csv", "--out", csvOut); code != 0 || !strings.Contains(errs, "exported 2 candidates") {
		t.Fatalf("export csv = %d %q", code, errs)
	}
	f, err := os.Open(csvOut)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(recs) != 3 || !strings.Contains(strings.Join(recs[1], ",")+strings.Join(recs[2], ","), "grace@example.com") {
		t.Fatalf("export csv: %v %q", err, recs)
	}
	code, out, errs = candor(t, dir, "", "export", "--format", "jsonresume", "--as", "rita@example.com")
	var docs []struct {
		Basics struct {
			Name  string `json:"name"`
			Email string `json:"email"`
		} `json:"basics"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &docs) != nil || len(docs) != 2 {
		t.Fatalf("export jsonresume = %d %q %q", code, out, errs)
	}

	// The JSON Resume export imports back: every person merges by email.
	jsonFile := filepath.Join(dir, "people.json")
	if err := os.WriteFile(jsonFile, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs = candor(t, dir, "", "import", jsonFile, "--as", "rita@example.com")
	if code != 0 || !strings.Contains(out, "created: 0, merged (same email): 2") {
		t.Fatalf("re-import = %d\n%s\n%s", code, out, errs)
	}
}

func TestImportExportBadInput(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := candor(t, dir, "correct horse battery staple\n",
		"user", "add", "--email", "rita@example.com", "--name", "Rita", "--role", "admin", "--password-stdin"); code != 0 {
		t.Fatalf("user add: %s", errs)
	}
	if code, _, errs := candor(t, dir, "", "user", "add", "--email", "ivan@example.com", "--name", "Ivan", "--role", "interviewer"); code != 0 {
		t.Fatalf("user add: %s", errs)
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("ok.csv", []byte("Name,Email\nAda Lovelace,ada@example.com\n"))
	binary := write("binary.csv", append([]byte("PK\x03\x04"), make([]byte, 300)...))
	pdf := write("resume.csv", []byte("%PDF-1.4\n%\xe2\xe3\n"))
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"import", good}, "--as"},
		{[]string{"import", "--as", "rita@example.com"}, "usage"},
		{[]string{"import", filepath.Join(dir, "missing.csv"), "--as", "rita@example.com"}, "no such file"},
		{[]string{"import", binary, "--as", "rita@example.com"}, "not CSV"},
		{[]string{"import", pdf, "--as", "rita@example.com"}, "is a PDF"},
		{[]string{"import", good, "--kind", "xls", "--as", "rita@example.com"}, "csv, zip, jsonresume"},
		{[]string{"import", good, "--kind", "zip", "--as", "rita@example.com"}, "not a ZIP"},
		{[]string{"import", good, "--mapping", "Phone=phone", "--as", "rita@example.com"}, "no column \"Phone\""},
		{[]string{"import", good, "--mapping", "Name=shoe_size", "--as", "rita@example.com"}, "unknown field"},
		{[]string{"import", good, "--as", "nobody@example.com"}, "not found"},
		{[]string{"import", good, "--as", "ivan@example.com"}, "Only admins and recruiters"},
		{[]string{"export"}, "--format"},
		{[]string{"export", "--format", "xml"}, "--format"},
		{[]string{"export", "--format", "csv", "--out", filepath.Join(dir, "no", "such", "dir.csv")}, "no such file"},
	}
	for _, tt := range tests {
		code, out, errs := candor(t, dir, "", tt.args...)
		if code == 0 || !strings.Contains(errs, tt.want) {
			t.Errorf("%v = %d %q, want failure mentioning %q", tt.args, code, errs, tt.want)
		}
		if !strings.HasPrefix(tt.args[len(tt.args)-1], "--") && strings.Count(strings.TrimSpace(errs), "\n") > 2 {
			t.Errorf("%v: reason not short: %q", tt.args, errs)
		}
		_ = out
	}
	// Nothing was imported by the refused commands, and no upload was left.
	if code, out, _ := candor(t, dir, "", "export", "--format", "csv"); code != 0 || strings.Count(out, "\n") != 1 {
		t.Errorf("after refused imports the export holds %q", out)
	}
	ctx, db := openStore(t, dir)
	if left, err := db.ListImports(ctx, hiring.PageRequest{}); err != nil || len(left.Items) != 0 {
		t.Errorf("refused commands left %d imports (%v)", len(left.Items), err)
	}
}

// openStore opens the data folder's store as the system, closed with the test.
func openStore(t *testing.T, dir string) (context.Context, *store.DB) {
	t.Helper()
	ctx := hiring.WithActor(context.Background(), hiring.SystemActor())
	db, err := store.Open(ctx, store.Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return ctx, db
}

// A ZIP of resumes imports in-process; each file's full parse is queued
// for the server's workers.
func TestImportZip(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := candor(t, dir, "correct horse battery staple\n",
		"user", "add", "--email", "root@example.com", "--name", "Root", "--role", "admin", "--password-stdin"); code != 0 {
		t.Fatalf("user add: %s", errs)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.Create("marta_diaz.txt")
	_, _ = w.Write([]byte("Marta Diaz\nmarta.diaz@example.com\n+34 600 123 456\nData Analyst\n"))
	w, _ = zw.Create("lin_chen.pdf")
	_, _ = w.Write(parsingtest.PDF("Lin Chen", "lin.chen@example.com", "Software Engineer"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "resumes.zip")
	if err := os.WriteFile(file, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := candor(t, dir, "", "import", file, "--as", "root@example.com")
	if code != 0 || !strings.Contains(out, "created: 2") {
		t.Fatalf("zip import = %d\n%s\n%s", code, out, errs)
	}
	ctx, db := openStore(t, dir)
	for _, email := range []string{"marta.diaz@example.com", "lin.chen@example.com"} {
		c, err := db.CandidateByEmail(ctx, email)
		if err != nil {
			t.Fatalf("%s: %v", email, err)
		}
		if docs, err := db.Documents(ctx, c.ID); err != nil || len(docs) != 1 {
			t.Errorf("%s documents: %+v %v", email, docs, err)
		}
	}
	var jobs int
	if err := db.Reader().QueryRowContext(ctx, "SELECT count(*) FROM river_job WHERE kind = 'parse_document'").Scan(&jobs); err != nil || jobs != 2 {
		t.Errorf("parse jobs queued: %d, %v", jobs, err)
	}
}

// A folder of resumes imports like a ZIP of them: every regular file, hidden
// files and folders left out; an empty folder is refused.
func TestImportFolder(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := candor(t, dir, "correct horse battery staple\n",
		"user", "add", "--email", "root@example.com", "--name", "Root", "--role", "admin", "--password-stdin"); code != 0 {
		t.Fatalf("user add: %s", errs)
	}
	folder := filepath.Join(t.TempDir(), "spring-fair")
	for name, body := range map[string][]byte{
		"marta_diaz.txt":    []byte("Marta Diaz\nmarta.diaz@example.com\n+34 600 123 456\nData Analyst\n"),
		"more/lin_chen.pdf": parsingtest.PDF("Lin Chen", "lin.chen@example.com", "Software Engineer"),
		".DS_Store":         []byte("junk"),
		".hidden/ghost.txt": []byte("Ghost Writer\nghost@example.com\n"),
	} {
		p := filepath.Join(folder, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, body, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errs := candor(t, dir, "", "import", folder, "--as", "root@example.com")
	if code != 0 || !strings.Contains(out, "created: 2") {
		t.Fatalf("folder import = %d\n%s\n%s", code, out, errs)
	}
	ctx, db := openStore(t, dir)
	for _, email := range []string{"marta.diaz@example.com", "lin.chen@example.com"} {
		if _, err := db.CandidateByEmail(ctx, email); err != nil {
			t.Errorf("%s: %v", email, err)
		}
	}
	if _, err := db.CandidateByEmail(ctx, "ghost@example.com"); hiring.ErrorCode(err) != hiring.ENotFound {
		t.Errorf("a hidden folder was imported: %v", err)
	}
	empty := t.TempDir()
	if code, _, errs := candor(t, dir, "", "import", empty, "--as", "root@example.com"); code == 0 || !strings.Contains(errs, "no files") {
		t.Errorf("empty folder = %d %q", code, errs)
	}
	if code, _, errs := candor(t, dir, "", "import", folder, "--kind", "csv", "--as", "root@example.com"); code == 0 || !strings.Contains(errs, "folder") {
		t.Errorf("folder as CSV = %d %q", code, errs)
	}
}
