package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

// TestCandidateSearchPage: the candidates page's box takes the search
// language, shows snippets (escaped, marks only) and points at a bad token;
// the quick search finds jobs and candidates as a plain GET form.
func TestCandidateSearchPage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.as(f.recruiter)
	ctx := f.app.System()
	for _, in := range []hiring.CandidateInput{
		{FirstName: "Kernel", LastName: "Hacker", CurrentTitle: "Staff Engineer", Source: "event"},
		{FirstName: "Java", LastName: "Person", CurrentTitle: "Engineer", Source: "event"},
	} {
		cand, err := f.app.DB.CreateCandidate(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.app.DB.AddNote(ctx, hiring.NewNote{CandidateID: cand.ID, Body: "<b>bold</b> zeppelin fan"}); err != nil {
			t.Fatal(err)
		}
	}
	r := f.get(c, "/candidates?q="+url.QueryEscape(`title:engineer -java`))
	r.must(t, http.StatusOK, "Kernel Hacker", `id="search-syntax"`)
	if strings.Contains(r.body, "Java Person") || strings.Count(r.body, "data-candidate-id=") != 1 {
		t.Fatalf("title:engineer -java rows:\n%s", snippet(r.body))
	}
	r = f.get(c, "/candidates?q=zeppelin")
	r.must(t, http.StatusOK, "<mark>zeppelin</mark>", "&lt;b&gt;bold&lt;/b&gt;", "2 candidates")
	if strings.Contains(r.body, "<b>bold</b>") {
		t.Fatal("a note's markup reached the page")
	}
	// A refused query says where the problem is.
	r = f.get(c, "/candidates?q="+url.QueryEscape(`golang (rust`))
	r.must(t, http.StatusOK, `id="search-error"`, "at character 8", "golang <mark>(</mark>rust")
	// The count fragment counts the search.
	f.get(c, "/candidates/count?q=zeppelin").must(t, http.StatusOK, "2 candidates")
	// Hostile text never breaks it.
	for _, q := range []string{`"`, "NOT", strings.Repeat("a OR ", 600), "\x00", `{title}:x NEAR(a b) ^c *`} {
		if r := f.get(c, "/candidates?q="+url.QueryEscape(q)); r.status != http.StatusOK {
			t.Errorf("q=%q: %d", q, r.status)
		}
	}

	// The quick search: jobs and candidates.
	r = f.get(c, "/search?q=engineer")
	r.must(t, http.StatusOK, `id="search-candidate-results"`, "Kernel Hacker", "Java Person")
	r = f.get(c, "/search?q="+url.QueryEscape(f.job.Title))
	r.must(t, http.StatusOK, `id="search-job-results"`, "/jobs/"+f.job.ID)
	f.get(c, "/search").must(t, http.StatusOK, `id="quick-search-page"`)
	f.get(c, "/search?q=%22").must(t, http.StatusOK, `id="search-error"`)
	// The header's box is on every page.
	f.get(c, "/").must(t, http.StatusOK, `id="quick-q"`)
}
