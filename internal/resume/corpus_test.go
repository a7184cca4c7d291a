package resume

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// sharedData returns ../shared/data (beside the repository) or skips the
// test; under CI=true a missing folder fails instead, because CI must
// measure what the issue promises.
func sharedData(tb testing.TB, sub string) string {
	tb.Helper()
	dir := os.Getenv("CANDOR_SHARED_DATA")
	if dir == "" {
		wd, _ := os.Getwd()
		for d := wd; d != filepath.Dir(d); d = filepath.Dir(d) {
			if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
				dir = filepath.Join(filepath.Dir(d), "shared", "data")
				break
			}
		}
	}
	full := filepath.Join(dir, sub)
	if _, err := os.Stat(full); err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("shared data %s is missing in CI", full)
		}
		tb.Skipf("shared data %s not present: %v", full, err)
	}
	return full
}

// requireTool finds an external program or skips (fails under CI=true).
func requireTool(tb testing.TB, name string) string {
	tb.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s is required in CI (apt-get install poppler-utils)", name)
		}
		tb.Skipf("%s not installed", name)
	}
	return p
}

// corpusFiles lists files with the given extension under dir, sorted.
func corpusFiles(tb testing.TB, dir, ext string) []string {
	tb.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.EqualFold(filepath.Ext(p), ext) {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	sort.Strings(files)
	return files
}

// wordTokens splits text into NFKC-normalised runs of letters and digits.
func wordTokens(s string) map[string]int {
	s = norm.NFKC.String(s)
	m := map[string]int{}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		m[w]++
	}
	return m
}

// tokenRecall is the share of want's tokens (with multiplicity) found in got.
func tokenRecall(want, got map[string]int) (found, total int) {
	for w, n := range want {
		total += n
		found += min(n, got[w])
	}
	return found, total
}
