package resume

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestPDFFidelityVsPdftotext checks that at least 98% of the word tokens
// pdftotext finds in the corpus PDFs are found by Extract too.
func TestPDFFidelityVsPdftotext(t *testing.T) {
	dir := sharedData(t, "resumes-pdf")
	pdftotext := requireTool(t, "pdftotext")
	var found, total int
	for _, path := range corpusFiles(t, dir, ".pdf") {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		ref, err := exec.Command(pdftotext, "-q", "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Logf("%s: pdftotext failed: %v", path, err)
			continue
		}
		doc, err := Extract(context.Background(), data, Limits{})
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(path), err)
			continue
		}
		f, n := tokenRecall(wordTokens(string(ref)), wordTokens(doc.Text))
		found += f
		total += n
		if n > 0 && float64(f)/float64(n) < 0.98 || testing.Verbose() {
			t.Logf("%-70s %5d/%5d %.3f", filepath.Base(path), f, n, float64(f)/float64(max(n, 1)))
		}
	}
	if total == 0 {
		t.Fatal("no tokens compared")
	}
	recall := float64(found) / float64(total)
	t.Logf("fidelity: %d of %d pdftotext word tokens found (%.2f%%)", found, total, 100*recall)
	if recall < 0.98 {
		t.Errorf("fidelity %.2f%% is below 98%%", 100*recall)
	}
}
