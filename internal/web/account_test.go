package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/app/apptest"
)

func TestAccount(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.as(f.recruiter)
	f.post(c, "/account/timezone", url.Values{"time_zone": {"Mars/Olympus"}}).must(t, http.StatusUnprocessableEntity, `id="e-time_zone"`, "Mars/Olympus")
	f.post(c, "/account/timezone", url.Values{"time_zone": {"Asia/Tokyo"}}).redirectsTo(t, "/account")
	f.get(c, "/account").must(t, http.StatusOK, "Times are shown in Asia/Tokyo")

	r := f.post(c, "/account/tokens", url.Values{"name": {"HRIS sync"}})
	r.must(t, http.StatusOK, `id="new-token"`, "HRIS sync")
	if strings.Contains(f.get(c, "/account").body, `id="new-token"`) {
		t.Fatal("the secret is shown again")
	}
	toks, _ := f.app.DB.ListAPITokens(f.app.System(), f.recruiter.ID)
	if len(toks) != 1 {
		t.Fatalf("%d tokens", len(toks))
	}
	f.post(c, "/account/tokens/"+toks[0].ID+"/revoke", nil).redirectsTo(t, "/account")
	toks, _ = f.app.DB.ListAPITokens(f.app.System(), f.recruiter.ID)
	if toks[0].RevokedAt == nil {
		t.Fatal("token not revoked")
	}

	f.post(c, "/account/password", url.Values{"current_password": {"wrong"}, "new_password": {"another fine passphrase"}, "confirm_password": {"another fine passphrase"}}).
		must(t, http.StatusUnprocessableEntity, `id="e-current_password"`)
	f.post(c, "/account/password", url.Values{"current_password": {apptest.Password}, "new_password": {"password"}, "confirm_password": {"password"}}).
		must(t, http.StatusUnprocessableEntity, `id="e-new_password"`)
	f.post(c, "/account/password", url.Values{"current_password": {apptest.Password}, "new_password": {"another fine passphrase"}, "confirm_password": {"another fine passphrase"}}).
		redirectsTo(t, "/account")
	// Signed back in with a fresh session.
	f.get(c, "/account").must(t, http.StatusOK, "Password changed.")
}

func TestLoginLogoutSetup(t *testing.T) {
	t.Parallel()
	a := apptest.New(t)
	c := a.Client()
	res, err := c.Get(a.URL + "/login")
	if err != nil {
		t.Fatal(err)
	}
	r := read(t, res)
	r.redirectsTo(t, "/setup")

	f := &fixture{t: t, app: a}
	f.get(c, "/setup").must(t, http.StatusOK, `name="token"`)
	f.post(c, "/setup", url.Values{"token": {"wrong"}, "name": {"Boss"}, "email": {"boss@example.com"}, "password": {apptest.Password}}).
		must(t, http.StatusForbidden, `id="e-token"`, `value="boss@example.com"`)
	tok, needed, err := a.Auth.SetupToken(a.System())
	if err != nil || !needed || tok == "" {
		t.Fatalf("setup token: %q %v %v", tok, needed, err)
	}
	// The link the server logs (/setup?token=…) fills the token in.
	if r := f.get(c, "/setup?token="+url.QueryEscape(tok)); !regexp.MustCompile(`<input[^>]*name="token"[^>]*value="` + tok + `"|<input[^>]*value="` + tok + `"[^>]*name="token"`).MatchString(r.body) {
		t.Fatalf("the setup link did not fill in its token:\n%s", snippet(r.body))
	}
	f.post(c, "/setup", url.Values{"token": {tok}, "name": {"Boss"}, "email": {"boss@example.com"}, "password": {apptest.Password}, "time_zone": {"Europe/Paris"}}).
		redirectsTo(t, "/")
	f.get(c, "/").must(t, http.StatusOK, "Hello, <bdi>Boss</bdi>")
	f.get(c, "/setup").redirectsTo(t, "/login")

	f.post(c, "/logout", nil).redirectsTo(t, "/login")
	f.get(c, "/").redirectsTo(t, "/login")

	anon := a.Client()
	f.get(anon, "/login").must(t, http.StatusOK, `name="email"`, `name="password"`)
	f.post(anon, "/login", url.Values{"email": {"boss@example.com"}, "password": {"nope"}, "next": {"/candidates"}}).
		must(t, http.StatusUnauthorized, `value="boss@example.com"`, `value="/candidates"`)
	f.post(anon, "/login", url.Values{"email": {"boss@example.com"}, "password": {apptest.Password}, "next": {"/candidates"}}).
		redirectsTo(t, "/candidates")
	f.post(a.Client(), "/login", url.Values{"email": {"boss@example.com"}, "password": {apptest.Password}, "next": {"https://evil.example/"}}).
		redirectsTo(t, "/")
}
