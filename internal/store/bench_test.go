package store_test

import (
	"context"
	"os"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
)

// The benchmarks read a data folder made by `candor demo --candidates 100000
// --applications 500000` (CANDOR_BENCH_DATA_DIR), so they measure the store
// at the sizes issue 2 names; without it they skip.
func benchDB(b *testing.B) (*store.DB, hiring.Job) {
	b.Helper()
	dir := os.Getenv("CANDOR_BENCH_DATA_DIR")
	if dir == "" {
		b.Skip("CANDOR_BENCH_DATA_DIR not set (a folder loaded by candor demo)")
	}
	ctx := context.Background()
	db, err := store.Open(ctx, store.Config{DataDir: dir, URL: os.Getenv("CANDOR_BENCH_DATABASE_URL")})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = db.Close() })
	if err := db.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	sys := hiring.WithActor(ctx, hiring.SystemActor())
	// The largest job is the board benchmark's subject.
	jobs, err := db.ListJobs(sys, hiring.JobFilter{}, hiring.PageRequest{Limit: hiring.MaxLimit})
	if err != nil || len(jobs.Items) == 0 {
		b.Fatalf("no jobs in %s: %v", dir, err)
	}
	big := jobs.Items[0]
	for _, j := range jobs.Items {
		if j.ActiveApplications > big.ActiveApplications {
			big = j
		}
	}
	return db, big
}

func recruiterCtx(b *testing.B, db *store.DB) context.Context {
	sys := hiring.WithActor(context.Background(), hiring.SystemActor())
	us, err := db.ListUsers(sys, false)
	if err != nil {
		b.Fatal(err)
	}
	for _, u := range us {
		if u.Role == hiring.RoleRecruiter {
			return hiring.WithActor(context.Background(), hiring.Actor{UserID: u.ID, Name: u.Name, Role: u.Role})
		}
	}
	b.Skip("no recruiter in the demo data")
	return nil
}

func BenchmarkCandidateListPage(b *testing.B) {
	db, _ := benchDB(b)
	ctx := recruiterCtx(b, db)
	b.ReportAllocs()
	for b.Loop() {
		p, err := db.ListCandidates(ctx, hiring.CandidateFilter{}, hiring.PageRequest{Limit: 50})
		if err != nil || len(p.Items) != 50 {
			b.Fatal(err, len(p.Items))
		}
	}
}

func BenchmarkCandidateListFiltered(b *testing.B) {
	db, _ := benchDB(b)
	ctx := recruiterCtx(b, db)
	tags, err := db.ListTags(ctx)
	if err != nil || len(tags) == 0 {
		b.Fatal("no tags", err)
	}
	srcs, _ := db.ListSources(ctx)
	f := hiring.CandidateFilter{Tag: tags[0]}
	if len(srcs) > 0 {
		f.Source = srcs[0]
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := db.ListCandidates(ctx, f, hiring.PageRequest{Limit: 50}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBoardLargeJob(b *testing.B) {
	db, big := benchDB(b)
	ctx := recruiterCtx(b, db)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := db.Board(ctx, big.ID, 50); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCreateApplication adds rows to the data folder it measures.
func BenchmarkCreateApplication(b *testing.B) {
	db, big := benchDB(b)
	ctx := recruiterCtx(b, db)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		c, err := db.CreateCandidate(ctx, hiring.CandidateInput{FirstName: "Bench", LastName: "Mark"})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := db.CreateApplication(ctx, hiring.NewApplication{CandidateID: c.ID, JobID: big.ID}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJobListPage(b *testing.B) {
	db, _ := benchDB(b)
	ctx := recruiterCtx(b, db)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := db.ListJobs(ctx, hiring.JobFilter{}, hiring.PageRequest{Limit: 50}); err != nil {
			b.Fatal(err)
		}
	}
}
