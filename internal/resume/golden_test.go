package resume

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/golden")

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run Golden -update to create it)", err)
	}
	if string(want) != string(got) {
		t.Errorf("%s differs from golden file:\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}

// TestExtractGolden extracts every synthetic fixture and compares the text
// with testdata/golden/<name>.txt.
func TestExtractGolden(t *testing.T) {
	fx := fixtures()
	names := make([]string, 0, len(fx))
	for n := range fx {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			doc, err := Extract(context.Background(), fx[name], Limits{})
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, name+".txt", []byte(string(doc.Format)+"\n"+doc.Text+"\n"))
		})
	}
}

// TestParseGolden parses the synthetic resume and compares the profile.
func TestParseGolden(t *testing.T) {
	p := Parse(fixtureResume, ParseOptions{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "profile.json", append(b, '\n'))
	if p.Basics.Phone != "+14155552671" {
		t.Errorf("phone = %q, want E.164 +14155552671", p.Basics.Phone)
	}
	want := map[string]bool{"Go": true, "JavaScript": true, "Kubernetes": true, "PostgreSQL": true, "Docker": true}
	for _, s := range p.Skills {
		delete(want, s.Name)
	}
	if len(want) > 0 {
		t.Errorf("skills missing canonical names %v: %+v", want, p.Skills)
	}
}
