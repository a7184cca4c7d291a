package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

// TestInboxFiling: an incoming mail no candidate was found for waits in the
// inbox (recruiters and admins; escaped), is filed by the address typed in,
// and then is on the candidate's email page and gone from the inbox.
func TestInboxFiling(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	m, err := f.app.DB.ReceiveMessage(f.app.System(), hiring.InboundMessage{FromName: "Ada <script>", FromEmail: "ada.private@example.net",
		Subject: "About <b>the job</b>", Text: "Hello, it is <i>me</i>."})
	if err != nil {
		t.Fatal(err)
	}
	c := f.as(f.recruiter)
	f.get(c, "/inbox").must(t, http.StatusOK, `id="inbox-table"`, "About &lt;b&gt;the job&lt;/b&gt;", `href="/inbox"`)
	f.get(c, "/inbox/"+m.ID).must(t, http.StatusOK, "Hello, it is &lt;i&gt;me&lt;/i&gt;.", "No candidate has the sender")
	f.get(f.as(f.inter), "/inbox").must(t, http.StatusForbidden)
	// An address nobody has: an error, nothing filed.
	r := f.post(c, "/inbox/"+m.ID+"/assign", url.Values{"email": {"nobody@example.org"}})
	r.redirectsTo(t, "/inbox/"+m.ID)
	// The candidate's address: filed.
	r = f.post(c, "/inbox/"+m.ID+"/assign", url.Values{"email": {f.cand.PrimaryEmail()}})
	r.redirectsTo(t, "/candidates/"+f.cand.ID+"/messages")
	page := f.get(c, "/candidates/"+f.cand.ID+"/messages")
	page.must(t, http.StatusOK, "About &lt;b&gt;the job&lt;/b&gt;", `data-status="received"`)
	if body := f.get(c, "/inbox").body; strings.Contains(body, m.ID) {
		t.Error("the filed message is still in the inbox")
	}
	// Filing it again: refused (already filed), not a 500.
	r = f.post(c, "/inbox/"+m.ID+"/assign", url.Values{"candidate_id": {f.cand.ID}})
	if r.status >= 500 {
		t.Fatalf("second filing: %d", r.status)
	}
}
