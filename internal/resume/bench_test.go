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
// checks each document's peak RSS in the child stays within 64 MB. The
// child resets its VmHWM before each document (/proc/self/clear_refs), so
// the peak is per document, and it includes the child's own baseline. A
// second pass gives every document a fresh child (RecycleAfter: 1), so no
// earlier document's heap is counted.
func TestSandboxCorpusMemory(t *testing.T) {
	files := corpusFiles(t, sharedData(t, "resumes-pdf"), ".pdf")
	if len(files) == 0 {
		t.Fatal("no corpus PDFs")
	}
	var datas [][]byte
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		datas = append(datas, data)
	}
	for _, pass := range []struct {
		name    string
		recycle int
	}{{"warm child", 0}, {"fresh child per document", 1}} {
		sb := &Sandbox{RecycleAfter: pass.recycle}
		var peak, growth, base int64
		var peakFile, growthFile string
		start := time.Now()
		for i, data := range datas {
			name := filepath.Base(files[i])
			doc, err := sb.Extract(context.Background(), data)
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			_ = Parse(doc.Text, ParseOptions{})
			st := doc.Stats
			if st.PeakRSSBytes > peak {
				peak, peakFile = st.PeakRSSBytes, name
			}
			if g := st.PeakRSSBytes - st.BaseRSSBytes; g > growth {
				growth, growthFile = g, name
			}
			base = max(base, st.BaseRSSBytes)
			if st.PeakRSSBytes > maxChildRSS {
				t.Errorf("%s: child peak RSS %d MB > 64 MB", name, st.PeakRSSBytes>>20)
			}
		}
		sb.Close()
		t.Logf("%s: %d PDFs, sandboxed extract+parse %.1f/s; highest peak RSS %.1f MB (%s), highest growth over the child's baseline %.1f MB (%s), highest baseline %.1f MB",
			pass.name, len(files), float64(len(files))/time.Since(start).Seconds(),
			float64(peak)/(1<<20), peakFile, float64(growth)/(1<<20), growthFile, float64(base)/(1<<20))
	}
}

// BenchmarkExtractParseCorpus runs, side by side on the same files, the
// sandboxed extract (a warm child) with the parse in this process, and one
// pdftotext process per file, and reports both rates, their ratio, CPU per
// file and the highest per-document peak RSS of the child. Pin it to one
// core (children inherit the affinity):
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
	defer sb.Close()
	var ours, theirs, oursCPU, theirsCPU time.Duration
	var peak int64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		cpu0 := selfCPU()
		for _, d := range datas {
			doc, err := sb.Extract(context.Background(), d)
			if err != nil {
				b.Fatal(err)
			}
			_ = Parse(doc.Text, ParseOptions{})
			oursCPU += doc.Stats.CPUTime
			peak = max(peak, doc.Stats.PeakRSSBytes)
		}
		oursCPU += selfCPU() - cpu0 // the parent: sandbox round trips and parsing
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
	// CPU time per file (the child's CPU for each document plus all of the
	// parent's, against pdftotext's own CPU) is what a loaded machine
	// cannot distort.
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

// BenchmarkParseCorpus measures Parse alone on the corpus PDFs' text.
func BenchmarkParseCorpus(b *testing.B) {
	files := corpusFiles(b, sharedData(b, "resumes-pdf"), ".pdf")
	var texts []string
	for _, p := range files {
		d, _ := os.ReadFile(p)
		doc, err := Extract(context.Background(), d, Limits{})
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, doc.Text)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range texts {
			_ = Parse(t, ParseOptions{})
		}
	}
	b.ReportMetric(float64(len(texts)*b.N)/b.Elapsed().Seconds(), "resumes/s")
}
