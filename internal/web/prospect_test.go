package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestProspectFlow: the bookmarklet's query prefills the form (name and
// title read from a LinkedIn page title, the selection as the note); the
// prospect is added with the note; the same profile again shows who is on
// file; the page carries a working bookmarklet; interviewers may not add.
func TestProspectFlow(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.as(f.recruiter)
	q := url.Values{"url": {"https://www.linkedin.com/in/grace-h/"}, "title": {"Grace Hopper - Rear Admiral - US Navy | LinkedIn"},
		"text": {"Invented the first compiler <script>alert(1)</script>"}}
	r := f.get(c, "/prospects/new?"+q.Encode())
	r.must(t, http.StatusOK, `value="Grace Hopper"`, `value="Rear Admiral"`, "Invented the first compiler &lt;script&gt;", `id="bookmarklet"`,
		`href="javascript:%28function%28%29`, "/prospects/new?url=")
	form := url.Values{"url": {"https://www.linkedin.com/in/grace-h/"}, "name": {"Grace Hopper"}, "title": {"Rear Admiral"},
		"note": {"Invented the first compiler"}}
	r = f.post(c, "/prospects", form)
	r.redirectsTo(t, "/candidates/")
	loc := r.location
	page := f.get(c, loc)
	page.must(t, http.StatusOK, "Grace Hopper", "Sourced (LinkedIn)", "Invented the first compiler")
	form.Set("url", "linkedin.com/in/GRACE-H")
	r = f.post(c, "/prospects", form)
	r.must(t, http.StatusConflict, `id="prospect-exists"`, "Grace Hopper")
	if !strings.Contains(r.body, `href="`+loc+`"`) {
		t.Fatalf("the conflict does not link the candidate on file")
	}
	r = f.post(c, "/prospects", url.Values{"url": {"https://example.org/x"}, "name": {"X"}})
	r.must(t, http.StatusUnprocessableEntity, "must be a LinkedIn or GitHub profile URL")
	f.get(f.as(f.inter), "/prospects/new").must(t, http.StatusForbidden)
}
