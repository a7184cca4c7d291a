package web_test

import (
	"html"
	"net/http"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

// TestNamesAreIsolated gives a candidate, a job, a user and a tag names
// with a right-to-left override and requires every page that shows them
// to put each inside <bdi> (or in an attribute, an option, the title),
// so that no name reorders the text around it (issue 8).
func TestNamesAreIsolated(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := f.app.System()
	const rlo = "\u202e"
	spoofer := f.user(hiring.RoleRecruiter, "spoofer")
	spoofer, err := f.app.DB.UpdateUser(ctx, spoofer.ID, hiring.UserUpdate{Name: ptr("Rita " + rlo + "retiurcer")})
	if err != nil {
		t.Fatal(err)
	}
	job, err := f.app.DB.CreateJob(ctx, hiring.JobInput{Title: "Spoof " + rlo + "boj", WorkplaceType: hiring.Remote,
		EmploymentType: hiring.FullTime, Openings: 1, HiringTeam: []hiring.TeamMember{{UserID: spoofer.ID, Role: hiring.TeamRecruiter}}})
	if err != nil {
		t.Fatal(err)
	}
	var cands []hiring.Candidate
	for range 2 { // twins: the duplicates queue and the merge preview show both
		c, err := f.app.DB.CreateCandidate(ctx, hiring.CandidateInput{FirstName: "Mallory", LastName: rlo + "yrollaM",
			Emails: []string{"mallory@example.com"}, Tags: []string{"x" + rlo + "y"}, CurrentTitle: "CTO " + rlo + "OTC"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.app.DB.CreateApplication(ctx, hiring.NewApplication{CandidateID: c.ID, JobID: job.ID}); err != nil {
			t.Fatal(err)
		}
		cands = append(cands, c)
	}
	names := []string{cands[0].Name(), job.Title, spoofer.Name, cands[0].Tags[0], cands[0].CurrentTitle}
	c := f.as(f.admin)
	for _, p := range []string{"/", "/jobs", "/jobs/" + job.ID, "/jobs/" + job.ID + "/activity", "/jobs/" + job.ID + "/stages", "/jobs/" + job.ID + "/applications",
		"/candidates/" + cands[0].ID, "/candidates/duplicates", "/candidates/" + cands[0].ID + "/merge",
		"/candidates/" + cands[0].ID + "/merge?other=" + cands[1].ID, "/admin/users", "/admin/audit"} {
		r := f.get(c, p)
		r.must(t, http.StatusOK)
		for _, n := range names {
			if msg := isolated(r.body, html.EscapeString(n)); msg != "" {
				t.Errorf("GET %s: %q %s", p, n, msg)
			}
		}
	}
	// The spoofer's own pages name them in the header and on the account page.
	for _, p := range []string{"/", "/account"} {
		r := f.get(f.as(spoofer), p)
		if msg := isolated(r.body, html.EscapeString(spoofer.Name)); msg != "" {
			t.Errorf("GET %s as the spoofer: %s", p, msg)
		}
	}
}

// isolated says where name appears in page text outside a <bdi>, "" when
// every occurrence is isolated: inside <bdi>, in an attribute, or in an
// element that holds only text (option, title, textarea).
func isolated(page, name string) string {
	for i := 0; ; {
		j := strings.Index(page[i:], name)
		if j < 0 {
			return ""
		}
		at := i + j
		i = at + len(name)
		open := strings.LastIndexByte(page[:at], '<')
		if open < 0 || strings.LastIndexByte(page[:at], '>') < open {
			continue // inside a tag: an attribute value
		}
		tag := page[open+1:]
		if k := strings.IndexAny(tag, " >"); k >= 0 {
			tag = tag[:k]
		}
		switch tag {
		case "bdi", "option", "title", "textarea":
			continue
		}
		return "is not isolated: …" + page[max(0, open-80):min(len(page), i+40)] + "…"
	}
}

func ptr[T any](v T) *T { return &v }
