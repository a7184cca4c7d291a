package web_test

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/app/apptest"
	"github.com/candor-ats/candor/internal/auth"
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
