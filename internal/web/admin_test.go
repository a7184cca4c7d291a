package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/candor-ats/candor/internal/app/apptest"
	"github.com/candor-ats/candor/internal/hiring"
)

func TestAdminUsers(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.as(f.admin)
	f.post(c, "/admin/users", url.Values{"name": {"New Person"}, "email": {"bad"}, "role": {"recruiter"}, "password": {"password"}}).
		must(t, http.StatusUnprocessableEntity, `id="e-email"`, `id="e-password"`, `value="New Person"`)
	for _, pw := range []string{"poluserpoluser", "abcabcabcabc", "zxcvbnmasdfg", "monkeymonkey1"} {
		f.post(c, "/admin/users", url.Values{"name": {"Pol User"}, "email": {"pol.user@example.com"}, "role": {"recruiter"}, "password": {pw}}).
			must(t, http.StatusUnprocessableEntity, `id="e-password"`, "too easy to guess", `value="Pol User"`)
	}
	f.post(c, "/admin/users", url.Values{"name": {"New Person"}, "email": {"new@example.com"}, "role": {"recruiter"}, "password": {apptest.Password}}).
		redirectsTo(t, "/admin/users")
	u, err := f.app.DB.UserByEmail(f.app.System(), "new@example.com")
	if err != nil || u.Role != hiring.RoleRecruiter {
		t.Fatalf("user %v %+v", err, u)
	}
	f.post(c, "/admin/users/"+u.ID, url.Values{"role": {"hiring_manager"}, "disabled": {"on"}}).redirectsTo(t, "/admin/users")
	u, _ = f.app.DB.User(f.app.System(), u.ID)
	if u.Role != hiring.RoleHiringManager || !u.Disabled {
		t.Fatalf("update: %+v", u)
	}
	// The form offers to keep a user's API tokens when disabling; unticked,
	// disabling revokes them.
	f.get(c, "/admin/users").must(t, http.StatusOK, `name="keep_api_tokens"`)
	for _, keep := range []bool{false, true} {
		u := f.user(hiring.RoleRecruiter, fmt.Sprintf("tokenholder%v", keep))
		f.app.APIToken(u)
		form := url.Values{"role": {"recruiter"}, "disabled": {"on"}}
		if keep {
			form.Set("keep_api_tokens", "on")
		}
		f.post(c, "/admin/users/"+u.ID, form).redirectsTo(t, "/admin/users")
		toks, err := f.app.DB.ListAPITokens(f.app.System(), u.ID)
		if err != nil || len(toks) != 1 || (toks[0].RevokedAt == nil) != keep {
			t.Fatalf("keep=%v: tokens %+v %v", keep, toks, err)
		}
	}
	// Non-admins can't post to admin routes either.
	f.post(f.as(f.recruiter), "/admin/users", url.Values{"name": {"X"}, "email": {"x@example.com"}, "role": {"admin"}, "password": {apptest.Password}}).
		must(t, http.StatusForbidden)
}

func TestAdminOrgPages(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	c := f.as(f.admin)
	f.post(c, "/admin/departments", url.Values{"name": {""}}).must(t, http.StatusUnprocessableEntity, `id="e-name"`)
	f.post(c, "/admin/departments", url.Values{"name": {"Engineering"}}).redirectsTo(t, "/admin/departments")
	f.post(c, "/admin/locations", url.Values{"name": {"Berlin office"}, "city": {"Berlin"}, "country": {"de"}}).redirectsTo(t, "/admin/locations")
	f.post(c, "/admin/rejection-reasons", url.Values{"name": {"Culture add missing"}}).redirectsTo(t, "/admin/rejection-reasons")
	f.get(c, "/admin/departments").must(t, http.StatusOK, `value="Engineering"`)
	f.get(c, "/admin/locations").must(t, http.StatusOK, `value="Berlin office"`, `value="DE"`)
	f.get(c, "/admin/rejection-reasons").must(t, http.StatusOK, `value="Culture add missing"`)
	// The job form offers them.
	f.get(c, "/jobs/new").must(t, http.StatusOK, "Engineering", "Berlin office")

	f.post(c, "/admin/pipeline", url.Values{
		"stages.0.name": {"Applied"}, "stages.0.kind": {"applied"}, "stages.0.order": {"1"},
		"stages.1.name": {"Hired"}, "stages.1.kind": {"hired"}, "stages.1.order": {"9"},
		"stages.2.name": {"Take-home"}, "stages.2.kind": {"interview"}, "stages.2.order": {"2"},
	}).redirectsTo(t, "/admin/pipeline")
	tpl, err := f.app.DB.PipelineTemplate(f.app.System())
	if err != nil || len(tpl) != 3 || tpl[1].Name != "Take-home" {
		t.Fatalf("template %v %+v", err, tpl)
	}
	f.post(c, "/admin/pipeline", url.Values{"stages.0.name": {"Odd"}, "stages.0.kind": {"nonsense"}}).must(t, http.StatusUnprocessableEntity)

	r := f.get(c, "/admin/audit?action=candidate.&since=2000-01-01&until=2999-12-31")
	r.must(t, http.StatusOK, "candidate.created")
	f.get(c, "/admin/jobs?state=bogus").must(t, http.StatusUnprocessableEntity)
}
