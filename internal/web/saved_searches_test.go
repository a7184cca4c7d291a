package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestSavedSearchesPage: save from the candidates page's link, list, refuse
// a bad query at the field, delete.
func TestSavedSearchesPage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.as(f.recruiter)
	f.get(c, "/candidates?q=lovelace").must(t, http.StatusOK, `id="save-search"`, `href="/searches?query=lovelace"`)
	f.get(c, "/searches?query=lovelace").must(t, http.StatusOK, `id="save-search-form"`, `value="lovelace"`)
	r := f.post(c, "/searches", url.Values{"name": {"Bad"}, "query": {"(lovelace"}})
	r.must(t, http.StatusUnprocessableEntity, "at character 1")
	r = f.post(c, "/searches", url.Values{"name": {"Ada fans"}, "query": {"lovelace"}, "digest": {"on"}})
	r.redirectsTo(t, "/searches")
	r = f.get(c, "/searches")
	r.must(t, http.StatusOK, "Ada fans", "No new matches", `href="/candidates?q=lovelace"`)
	id := attrValue(t, r.body, `action="/searches/`, `/delete"`)
	f.post(c, "/searches/"+id+"/delete", url.Values{}).redirectsTo(t, "/searches")
	f.get(c, "/searches").must(t, http.StatusOK, "No saved searches yet")
	// Someone else's is not found.
	f.post(f.as(f.outsider), "/searches/"+id+"/delete", url.Values{}).must(t, http.StatusNotFound)
}

func attrValue(t *testing.T, body, before, after string) string {
	t.Helper()
	i := strings.Index(body, before)
	if i < 0 {
		t.Fatalf("no %q in the page", before)
	}
	rest := body[i+len(before):]
	j := strings.Index(rest, after)
	if j < 0 {
		t.Fatalf("no %q after %q", after, before)
	}
	return rest[:j]
}
