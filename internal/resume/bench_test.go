package resume

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

const maxChildRSS = 64 << 20

// TestSandboxCorpusMemory extracts every corpus PDF in the sandbox and
// checks the child's peak RSS (from wait4's rusage) stays within 64 MB.
func TestSandboxCorpusMemory(t *testing.T) {
	files := corpusFiles(t, sharedData(t, "resumes-pdf"), ".pdf")
	sb := &Sandbox{}
	var peak int64
	var peakFile string
	start := time.Now()
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := sb.Extract(context.Background(), data)
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(path), err)
			continue
		}
		_ = Parse(doc.Text, ParseOptions{})
		if doc.Stats.PeakRSSBytes > peak {
			peak, peakFile = doc.Stats.PeakRSSBytes, filepath.Base(path)
		}
		if doc.Stats.PeakRSSBytes > maxChildRSS {
			t.Errorf("%s: child peak RSS %d MB > 64 MB", filepath.Base(path), doc.Stats.PeakRSSBytes>>20)
		}
	}
	t.Logf("%d PDFs, sandboxed extract+parse %.1f/s, highest child peak RSS %.1f MB (%s)",
		len(files), float64(len(files))/time.Since(start).Seconds(), float64(peak)/(1<<20), peakFile)
}

// BenchmarkExtractParseCorpus runs, side by side on the same files, the
// sandboxed extract+parse and one pdftotext process per file, and reports
// both rates, their ratio and the highest child peak RSS. Pin it to one core:
//
//	taskset -c 0 go test ./internal/resume -run '^$' -bench ExtractParseCorpus -cpu 1
func BenchmarkExtractParseCorpus(b *testing.B) {
	files := corpusFiles(b, sharedData(b, "resumes-pdf"), ".pdf")
	pdftotext := requireTool(b, "pdftotext")
	var datas [][]byte
	for _, p := range files {
		d, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		datas = append(datas, d)
	}
	sb := &Sandbox{}
	var ours, theirs, oursCPU, theirsCPU time.Duration
	var peak int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		for _, d := range datas {
			doc, err := sb.Extract(context.Background(), d)
			if err != nil {
				b.Fatal(err)
			}
			t0 := time.Now()
			_ = Parse(doc.Text, ParseOptions{})
			oursCPU += doc.Stats.CPUTime + time.Since(t0)
			peak = max(peak, doc.Stats.PeakRSSBytes)
		}
		ours += time.Since(start)
		start = time.Now()
		for _, p := range files {
			cmd := exec.Command(pdftotext, "-q", "-enc", "UTF-8", p, "-")
			if err := cmd.Run(); err != nil {
				b.Fatal(err)
			}
			theirsCPU += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		}
		theirs += time.Since(start)
	}
	n := float64(len(files) * b.N)
	b.ReportMetric(n/ours.Seconds(), "candor-resumes/s")
	b.ReportMetric(n/theirs.Seconds(), "pdftotext-files/s")
	b.ReportMetric(theirs.Seconds()/ours.Seconds(), "speedup")
	b.ReportMetric(float64(peak)/(1<<20), "max-child-RSS-MB")
	// CPU time per file (child CPU plus the parent's parse, against
	// pdftotext's own CPU) is what a loaded machine cannot distort.
	b.ReportMetric(oursCPU.Seconds()*1000/n, "candor-cpu-ms/resume")
	b.ReportMetric(theirsCPU.Seconds()*1000/n, "pdftotext-cpu-ms/file")
}

// BenchmarkExtractPDFInProcess measures the extractor alone, without the
// process start-up the sandbox adds.
func BenchmarkExtractPDFInProcess(b *testing.B) {
	files := corpusFiles(b, sharedData(b, "resumes-pdf"), ".pdf")
	var datas [][]byte
	for _, p := range files {
		d, _ := os.ReadFile(p)
		datas = append(datas, d)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range datas {
			if _, err := Extract(context.Background(), d, Limits{}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(datas)*b.N)/b.Elapsed().Seconds(), "resumes/s")
}
