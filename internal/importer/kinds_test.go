package importer_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/export"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/importer"
	"github.com/candor-ats/candor/internal/store/storetest"
)

func TestJSONResumeImport(t *testing.T) {
	r := newRig(t, storetest.SQLite(t))
	data := `[{"basics":{"name":"Linus Example","label":"Kernel hacker","email":"linus@example.com","phone":"+1 555 010 0999",
	  "location":{"city":"Portland","region":"OR","countryCode":"US"},
	  "profiles":[{"network":"GitHub","username":"linex","url":""},{"network":"LinkedIn","url":"https://www.linkedin.com/in/linex"}]},
	  "work":[{"name":"Old Co","position":"Intern","endDate":"2010"},{"name":"Example Foundation","position":"Fellow"}]},
	 {"basics":{"name":42}},
	 "not an object",
	 {"basics":{"email":"only-email@example.com"}}]`
	im := r.upload(hiring.ImportJSONResume, "people.json", []byte(data))
	got := r.start(im.ID, hiring.ImportSettings{})
	if got.Status != hiring.ImportDone || got.Total != 4 || got.Failed != 3 || got.Report.Created != 1 {
		t.Fatalf("import: %+v %+v", got, r.issues(im.ID))
	}
	issues := r.issues(im.ID)
	if !findIssue(issues, 2, "error", "basics.name must be a string") || !findIssue(issues, 3, "error", "not a JSON object") ||
		!findIssue(issues, 4, "error", "first_name") {
		t.Errorf("issues: %+v", issues)
	}
	c := r.byEmail("linus@example.com")
	if len(c) != 1 {
		t.Fatalf("linus: %+v", c)
	}
	l := c[0]
	if l.CurrentTitle != "Fellow" || l.CurrentCompany != "Example Foundation" || l.Location != "Portland, OR, US" ||
		l.Headline != "Kernel hacker" || len(l.Links) != 2 || l.Links[0].URL != "https://github.com/linex" {
		t.Errorf("linus: %+v", l)
	}
}

func TestZipImport(t *testing.T) {
	r := newRig(t, storetest.SQLite(t))
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	add := func(name, body string) {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	add("resumes/jane_doe-resume.txt", "Jane Doe\njane.doe@example.com\n+1 415 555 0134\n\nExperience\nStaff Engineer, Initech\n")
	add("../../evil.txt", "Evil Person\nevil@example.com\n")
	add("__MACOSX/._jane.txt", "junk")
	add("photo.bin", "\x00\x01\x02\x03binary")
	add("bob_smith-cv.txt", "no contact details here, just words\n")
	zw.Close()
	im := r.upload(hiring.ImportZIP, "resumes.zip", b.Bytes())
	got := r.start(im.ID, hiring.ImportSettings{})
	issues := r.issues(im.ID)
	if got.Status != hiring.ImportDone || got.Report.Created != 2 || got.Failed != 2 {
		t.Fatalf("zip: %+v %+v", got, issues)
	}
	if !findIssue(issues, 4, "error", "climbs out") || !findIssue(issues, 2, "error", "not a resume") {
		t.Errorf("issues: %+v", issues)
	}
	jane := r.byEmail("jane.doe@example.com")
	if len(jane) != 1 || jane[0].FirstName != "Jane" || jane[0].LastName != "Doe" {
		t.Fatalf("jane: %+v", jane)
	}
	docs, err := r.db.Documents(r.ctx, jane[0].ID)
	if err != nil || len(docs) != 1 || docs[0].FileName != "jane_doe-resume.txt" || docs[0].Kind != "resume" {
		t.Errorf("documents: %+v %v", docs, err)
	}
	if len(r.byEmail("evil@example.com")) != 0 {
		t.Error("a zip-slip entry was imported")
	}
	// No name in the text: the file name gives one.
	bob, err := r.db.ListCandidates(storetest.System(), hiring.CandidateFilter{Source: "resume import"}, hiring.PageRequest{})
	if err != nil || len(bob.Items) != 2 {
		t.Fatalf("imported: %+v %v", bob.Items, err)
	}
	names := bob.Items[0].Name() + " | " + bob.Items[1].Name()
	if !strings.Contains(names, "Bob Smith") {
		t.Errorf("name from file: %s", names)
	}
}

func TestDecodeEncodings(t *testing.T) {
	for name, c := range map[string]struct {
		in, enc, want string
	}{
		"utf8":     {"name\nJosé\n", importer.EncUTF8, "José"},
		"utf8 bom": {"\xef\xbb\xbfname\nJosé\n", importer.EncUTF8BOM, "José"},
		"utf16le":  {"\xff\xfen\x00a\x00m\x00e\x00\n\x00J\x00o\x00s\x00\xe9\x00\n\x00", importer.EncUTF16LE, "José"},
		"cp1252":   {"name\nJos\xe9 \x80\n", importer.EncWindows1252, "José €"},
	} {
		c2, err := importer.OpenCSV(strings.NewReader(c.in))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		_, rec, err := c2.Next()
		if err != nil || c2.Encoding != c.enc || c2.Header[0] != "name" || rec[0] != c.want {
			t.Errorf("%s: enc %s header %q rec %q err %v", name, c2.Encoding, c2.Header, rec, err)
		}
	}
	if m := importer.GuessMapping([]string{"First Name", "Last Name", "Full name", "E-mail", "Mobile", "Company", "Job Title", "LinkedIn URL", "Notes"}); strings.Join(fieldStrings(m), ",") !=
		"first_name,last_name,,email,phone,current_company,current_title,linkedin," {
		t.Errorf("guess: %v", m)
	}
}

func fieldStrings(m []hiring.ImportField) []string {
	out := make([]string, len(m))
	for i, f := range m {
		out[i] = string(f)
	}
	return out
}

// A candidate exported as JSON Resume imports back with the same contact
// fields (the export writes the free-text location as basics.location.address)
// and the same tags (meta.tags).
func TestJSONResumeExportRoundTrip(t *testing.T) {
	c := hiring.Candidate{ID: "c1", FirstName: "Ada", LastName: "Lovelace", Emails: []string{"ada@example.com", "ada@work.example"},
		Phones: []string{"+44 20 7946 0000"}, Location: "London, UK", Headline: "Mathematician", CurrentTitle: "Analyst",
		CurrentCompany: "Analytical Engines", Source: "Referral", Tags: []string{"mathematics", "poetry-of-science"}, Links: []hiring.Link{{Kind: hiring.LinkLinkedIn, URL: "https://www.linkedin.com/in/ada"},
			{Kind: hiring.LinkGitHub, URL: "https://github.com/ada"}, {Kind: hiring.LinkPortfolio, URL: "https://ada.example"}}}
	raw, err := json.Marshal(export.ToResume(c))
	if err != nil {
		t.Fatal(err)
	}
	p, err := importer.ParseJSONResume(raw)
	if err != nil {
		t.Fatal(err)
	}
	in := p.Candidate()
	if strings.Join(in.Tags, ",") != strings.Join(c.Tags, ",") {
		t.Errorf("tags: got %q, want %q", in.Tags, c.Tags)
	}
	if in.FirstName != c.FirstName || in.LastName != c.LastName || in.Location != c.Location || in.Headline != c.Headline ||
		in.CurrentTitle != c.CurrentTitle || in.CurrentCompany != c.CurrentCompany || in.Source != c.Source ||
		strings.Join(in.Emails, ",") != strings.Join(c.Emails, ",") || strings.Join(in.Phones, ",") != strings.Join(c.Phones, ",") {
		t.Errorf("round trip: %+v", in)
	}
	kinds := map[hiring.LinkKind]string{}
	for _, l := range in.Links {
		kinds[l.Kind] = l.URL
	}
	for _, l := range c.Links {
		if kinds[l.Kind] != l.URL {
			t.Errorf("link %s: got %q, want %q (all: %+v)", l.Kind, kinds[l.Kind], l.URL, in.Links)
		}
	}
	if err := in.Validate(); err != nil {
		t.Errorf("round trip does not validate: %v", err)
	}
	// A document from elsewhere (no meta.source) is sourced as JSON Resume.
	other, err := importer.ParseJSONResume([]byte(`{"basics":{"name":"Grace Hopper"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if src := other.Candidate().Source; src != "JSON Resume" {
		t.Errorf("source of a foreign document: %q", src)
	}
}

// TestZipEntrySizeCap: a resume inside a ZIP is held to the same document
// cap as an upload (10 MB by default), not a looser one of its own.
func TestZipEntrySizeCap(t *testing.T) {
	r := newRig(t, storetest.SQLite(t))
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for name, n := range map[string]int{"ok.txt": 1 << 10, "huge.txt": 10<<20 + 1} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		body := "Ada Lovelace\nada." + name + "@example.com\n"
		w.Write([]byte(body + strings.Repeat("a", n-len(body))))
	}
	zw.Close()
	im := r.upload(hiring.ImportZIP, "resumes.zip", b.Bytes())
	got := r.start(im.ID, hiring.ImportSettings{})
	issues := r.issues(im.ID)
	if got.Status != hiring.ImportDone || got.Report.Created != 1 || got.Failed != 1 {
		t.Fatalf("zip: %+v %+v", got, issues)
	}
	if !findIssue(issues, 2, "error", "larger than 10 MB") {
		t.Errorf("issues: %+v", issues)
	}
}
