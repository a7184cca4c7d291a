package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// TestUnsubscribeOneClick: the link in an outreach mail shows a page with a
// button on GET (which changes nothing: scanners fetch links), and a POST
// without session or form token — as mail providers send the RFC 8058
// one-click — puts the address on the suppression list. A forged token is
// a 404 both ways. Admins see and edit the list.
func TestUnsubscribeOneClick(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	m, err := f.app.DB.SendMessage(storetest.As(f.recruiter), hiring.NewMessage{CandidateID: f.cand.ID, Subject: "Stay in touch", Body: "Hi"})
	if err != nil {
		t.Fatal(err)
	}
	link := f.app.Outbox.UnsubscribeURL(m.ID)
	path := link[strings.Index(link, "/unsubscribe/"):]
	anon := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	suppressed := func() bool {
		s, err := f.app.DB.Suppressed(context.Background(), nil, "ada@example.com")
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for i := 0; i < 2; i++ {
		f.get(anon, path).must(t, http.StatusOK, `id="unsubscribe-button"`, "a•••@example.com")
	}
	if suppressed() {
		t.Fatal("a GET unsubscribed")
	}
	forged := path[:len(path)-1] + "0"
	if strings.HasSuffix(path, "0") {
		forged = path[:len(path)-1] + "1"
	}
	f.get(anon, forged).must(t, http.StatusNotFound)
	post := func(p string) response {
		req, _ := http.NewRequest(http.MethodPost, f.app.URL+p, strings.NewReader("List-Unsubscribe=One-Click"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return f.do(anon, req)
	}
	post(forged).must(t, http.StatusNotFound)
	if suppressed() {
		t.Fatal("a forged token unsubscribed")
	}
	post(path).must(t, http.StatusOK, `id="unsubscribe-done"`)
	if !suppressed() {
		t.Fatal("the one-click POST did not unsubscribe")
	}
	post(path).must(t, http.StatusOK, `id="unsubscribe-done"`)

	// The admin page.
	c := f.as(f.admin)
	f.get(c, "/admin/suppressions").must(t, http.StatusOK, `id="suppressions-table"`, "ada@example.com", "Unsubscribed")
	f.get(f.as(f.recruiter), "/admin/suppressions").must(t, http.StatusForbidden)
	f.post(c, "/admin/suppressions", url.Values{"email": {"nope"}}).must(t, http.StatusUnprocessableEntity)
	f.post(c, "/admin/suppressions", url.Values{"email": {"Bob@Example.com"}, "detail": {"<b>asked</b>"}}).redirectsTo(t, "/admin/suppressions")
	f.get(c, "/admin/suppressions?q=bob").must(t, http.StatusOK, "bob@example.com", "&lt;b&gt;asked&lt;/b&gt;")
	f.post(c, "/admin/suppressions/delete", url.Values{"email": {"bob@example.com"}}).redirectsTo(t, "/admin/suppressions")
	if body := f.get(c, "/admin/suppressions?q=bob").body; strings.Contains(body, "bob@example.com</bdi>") {
		t.Error("removed address still listed")
	}
}
