package web

import (
	"bytes"
	"fmt"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// BenchmarkRenderCandidates isolates the template work of the candidates list.
func BenchmarkRenderCandidates(b *testing.B) {
	h := NewHandler(Deps{})
	p := candidatesPage{
		view:   view{Title: "Candidates", Nav: "candidates", SignedIn: true, CSRF: "tok", loc: time.UTC, User: hiring.User{Name: "Bench", Role: hiring.RoleRecruiter}},
		Filter: newForm(url.Values{}),
	}
	for i := range 50 {
		p.Candidates = append(p.Candidates, hiring.CandidateSummary{
			ID: fmt.Sprintf("01890000-0000-7000-8000-%012d", i), FirstName: "First", LastName: fmt.Sprintf("Last%d", i),
			Email: "p@example.com", CurrentTitle: "Engineer", CurrentCompany: "Acme & Co", Source: "event",
			OwnerName: "Owner", Tags: []string{"go", "remote"}, UpdatedAt: time.Now(),
		})
	}
	var users []hiring.User
	var jobs []hiring.Job
	for i := range 200 {
		users = append(users, hiring.User{ID: fmt.Sprint("u", i), Name: "User"})
		jobs = append(jobs, hiring.Job{ID: fmt.Sprint("j", i), Title: "Job"})
	}
	req := httptest.NewRequest("GET", "/candidates", nil)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		p.Rows = h.rowsHTML(func(b *bytes.Buffer) { candidateRows(b, p.Candidates, time.UTC, true) })
		p.JobOptions = h.rowsHTML(func(b *bytes.Buffer) { jobOptions(b, jobs, "j3") })
		p.UserOptions = h.rowsHTML(func(b *bytes.Buffer) { userOptions(b, users, "") })
		h.render(rec, req, 200, "candidates", &p)
	}
}
