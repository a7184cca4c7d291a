package importer_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/importer"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// syntheticCSV writes n rows of made-up people (every 50th repeats an
// earlier email, so merges are part of the work).
func syntheticCSV(n int) []byte {
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	fmt.Fprintln(w, "First name,Last name,Email,Phone,Title,Company,Location,Tags,LinkedIn")
	for i := 0; i < n; i++ {
		e := i
		if i%50 == 49 {
			e = i - 25
		}
		fmt.Fprintf(w, "Person%d,Family%d,person%d@example.com,+1 555 %07d,Engineer %d,Company %d,City %d,\"go, sql\",linkedin.com/in/p%d\n",
			i, i%997, e, i, i%40, i%300, i%90, i)
	}
	w.Flush()
	return b.Bytes()
}

// BenchmarkImportCSV100k imports 100,000 synthetic rows on SQLite through
// the runner (the worker's code path) and reports rows/s and the heap in use
// after the run. Run: go test -run '^$' -bench BenchmarkImportCSV100k -benchtime 1x ./internal/importer
func BenchmarkImportCSV100k(b *testing.B) {
	rows := benchRows()
	data := syntheticCSV(rows)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db := storetest.SQLite(b)
		r := newRig(b, db)
		r.runner = importer.New(importer.Options{Svc: db, Blobs: r.blobs})
		im := r.upload(hiring.ImportCSV, "bench.csv", data)
		mapping := []hiring.ImportField{hiring.FieldFirstName, hiring.FieldLastName, hiring.FieldEmail, hiring.FieldPhone,
			hiring.FieldCurrentTitle, hiring.FieldCurrentCompany, hiring.FieldLocation, hiring.FieldTags, hiring.FieldLinkedIn}
		if _, err := db.StartImport(r.ctx, im.ID, hiring.ImportSettings{Mapping: mapping}); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		b.StartTimer()
		if err := r.runner.Run(context.Background(), im.ID); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		got, _ := db.Import(r.ctx, im.ID)
		if got.Status != hiring.ImportDone || got.Report.Created+got.Report.Merged != rows {
			b.Fatalf("import: %+v", got)
		}
		b.ReportMetric(float64(rows)/b.Elapsed().Seconds()*float64(i+1), "rows/s")
		b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MB")
	}
}

// benchRows is 100,000 unless CANDOR_BENCH_ROWS says otherwise (profiling).
func benchRows() int {
	if n, err := strconv.Atoi(os.Getenv("CANDOR_BENCH_ROWS")); err == nil && n > 0 {
		return n
	}
	return 100_000
}
