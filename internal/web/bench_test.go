package web_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/app"
	"github.com/candor-ats/candor/internal/app/apptest"
	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/config"
	"github.com/candor-ats/candor/internal/hiring"
)

// BenchmarkCandidatesList measures the busiest page in process (no network):
// go test -run '^$' -bench CandidatesList -benchmem ./internal/web/
func BenchmarkCandidatesList(b *testing.B) {
	a := apptest.New(b)
	ctx := a.System()
	u, err := a.DB.CreateUser(ctx, hiring.NewUser{Email: "bench@example.com", Name: "Bench", Role: hiring.RoleAdmin, PasswordHash: "x"})
	if err != nil {
		b.Fatal(err)
	}
	for i := range 500 {
		_, err := a.DB.CreateCandidate(ctx, hiring.CandidateInput{
			FirstName: fmt.Sprintf("First%03d", i), LastName: "Last", Emails: []string{fmt.Sprintf("p%d@example.com", i)},
			CurrentTitle: "Engineer", CurrentCompany: "Acme", Source: "event", OwnerID: u.ID, Tags: []string{"go", "remote"},
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	token := rand.Text()
	if _, err := a.DB.CreateSession(ctx, u.ID, auth.HashToken(token), rand.Text(), "127.0.0.1", "bench", time.Now().Add(time.Hour)); err != nil {
		b.Fatal(err)
	}
	h := a.Handler()
	req := httptest.NewRequest(http.MethodGet, "/candidates?tag=go&source=event", nil)
	req.AddCookie(&http.Cookie{Name: auth.SessionCookie, Value: token})
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// BenchmarkCandidatesListDemo measures the list page in process against a
// loaded demo (the requests candor-bench sends, round-robin), without the
// network: CANDOR_BENCH_DEMO_DIR is the data folder of a demo kept by
// `candor-bench -keep DIR` (DIR/data).
//
//	CANDOR_BENCH_DEMO_DIR=/tmp/keep/data GOMAXPROCS=1 go test -run '^$' -bench CandidatesListDemo ./internal/web/
func BenchmarkCandidatesListDemo(b *testing.B) {
	dir := os.Getenv("CANDOR_BENCH_DEMO_DIR")
	if dir == "" {
		b.Skip("CANDOR_BENCH_DEMO_DIR is not set (see the comment)")
	}
	ctx := context.Background()
	cfg := config.Config{Addr: "127.0.0.1:0", BaseURL: "http://x", DataDir: dir, SecretKey: strings.Repeat("b", 32), LogLevel: "error", LogFormat: "text"}
	lg := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := app.New(ctx, cfg, lg)
	if err != nil {
		b.Fatal(err)
	}
	sys := hiring.WithActor(ctx, hiring.SystemActor())
	users, err := a.DB.ListUsers(sys, false)
	if err != nil {
		b.Fatal(err)
	}
	var u hiring.User
	for _, x := range users {
		if x.Role == hiring.RoleAdmin {
			u = x
			break
		}
	}
	tags := []string{"golang", "python", "remote", "senior", "referral"}
	urls := []string{"/candidates"}
	for _, t := range tags {
		urls = append(urls, "/candidates?tag="+t, "/candidates?source=LinkedIn&tag="+t)
	}
	token := rand.Text()
	if _, err := a.DB.CreateSession(sys, u.ID, auth.HashToken(token), rand.Text(), "127.0.0.1", "bench", time.Now().Add(time.Hour)); err != nil {
		b.Fatal(err)
	}
	h := a.Handler()
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		req := httptest.NewRequest(http.MethodGet, urls[i%len(urls)], nil)
		req.AddCookie(&http.Cookie{Name: auth.SessionCookie, Value: token})
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
		i++
	}
}

// BenchmarkBoardDemo measures the kanban page of the demo's large job (5,000
// applications) in process, as candor-bench's board samples do:
//
//	CANDOR_BENCH_DEMO_DIR=/tmp/keep/data GOMAXPROCS=1 go test -run '^$' -bench BoardDemo ./internal/web/
func BenchmarkBoardDemo(b *testing.B) {
	dir := os.Getenv("CANDOR_BENCH_DEMO_DIR")
	if dir == "" {
		b.Skip("CANDOR_BENCH_DEMO_DIR is not set (see the comment)")
	}
	ctx := context.Background()
	cfg := config.Config{Addr: "127.0.0.1:0", BaseURL: "http://x", DataDir: dir, SecretKey: strings.Repeat("b", 32), LogLevel: "error", LogFormat: "text"}
	a, err := app.New(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	sys := hiring.WithActor(ctx, hiring.SystemActor())
	users, err := a.DB.ListUsers(sys, false)
	if err != nil {
		b.Fatal(err)
	}
	var u hiring.User
	for _, x := range users {
		if x.Role == hiring.RoleAdmin {
			u = x
			break
		}
	}
	jobs, err := a.DB.ListJobs(sys, hiring.JobFilter{}, hiring.PageRequest{Limit: hiring.MaxLimit})
	if err != nil {
		b.Fatal(err)
	}
	large, most := "", 0
	for _, j := range jobs.Items {
		if j.ActiveApplications > most {
			large, most = j.ID, j.ActiveApplications
		}
	}
	token := rand.Text()
	if _, err := a.DB.CreateSession(sys, u.ID, auth.HashToken(token), rand.Text(), "127.0.0.1", "bench", time.Now().Add(time.Hour)); err != nil {
		b.Fatal(err)
	}
	h := a.Handler()
	req := httptest.NewRequest(http.MethodGet, "/jobs/"+large, nil)
	req.AddCookie(&http.Cookie{Name: auth.SessionCookie, Value: token})
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
