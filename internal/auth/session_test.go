package auth_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/hiring"
)

func TestLoginLogout(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		u := h.user("ada@example.com", hiring.RoleRecruiter)
		b := h.browser("10.0.0.1")
		if b.signedIn() {
			t.Fatal("signed in before login")
		}
		if rec := b.login("ADA@example.com", "wrong password!"); rec.Code != http.StatusUnauthorized {
			t.Fatalf("wrong password: %d %s", rec.Code, rec.Body)
		}
		if rec := b.login("nobody@example.com", goodPassword); rec.Code != http.StatusUnauthorized {
			t.Fatalf("unknown user: %d", rec.Code)
		}
		rec := b.login(" Ada@Example.com ", goodPassword)
		if rec.Code != http.StatusNoContent {
			t.Fatalf("login: %d %s", rec.Code, rec.Body)
		}
		var sc *http.Cookie
		for _, c := range rec.Result().Cookies() {
			if c.Name == auth.SessionCookie {
				sc = c
			}
		}
		if sc == nil || !sc.HttpOnly || sc.SameSite != http.SameSiteLaxMode || sc.Secure || len(sc.Value) < 43 {
			t.Fatalf("session cookie = %+v", sc)
		}
		// Only the hash is stored: the raw cookie value is not a token hash.
		if _, _, err := h.db.SessionByTokenHash(sys(), sc.Value); hiring.ErrorCode(err) != hiring.ENotFound {
			t.Fatalf("raw token resolved a session: %v", err)
		}
		if !b.signedIn() {
			t.Fatal("not signed in after login")
		}
		if rec := b.do("POST", "/logout", url.Values{"csrf_token": {b.token()}}, nil); rec.Code != http.StatusNoContent {
			t.Fatalf("logout: %d %s", rec.Code, rec.Body)
		}
		if b.signedIn() {
			t.Fatal("still signed in after logout")
		}

		page, err := h.db.AuditLog(sys(), hiring.ActivityFilter{Action: "session."}, hiring.PageRequest{Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		for _, a := range page.Items {
			seen[a.Action]++
			if (a.Action == "session.login" || a.Action == "session.logout") && (a.ActorID != u.ID || a.SubjectID != u.ID) {
				t.Errorf("%s recorded actor %q subject %q, want %q", a.Action, a.ActorID, a.SubjectID, u.ID)
			}
		}
		if seen["session.login"] != 1 || seen["session.logout"] != 1 || seen["session.login_failed"] != 2 {
			t.Fatalf("activity = %v", seen)
		}
	})
}

func TestStolenCookieAfterLogoutIsDead(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		h.user("ada@example.com", hiring.RoleRecruiter)
		b := h.browser("10.0.0.1")
		b.login("ada@example.com", goodPassword)
		stolen := b.cookies[auth.SessionCookie]
		b.do("POST", "/logout", url.Values{"csrf_token": {b.token()}}, nil)
		thief := h.browser("10.9.9.9")
		thief.cookies[auth.SessionCookie] = stolen
		if thief.signedIn() {
			t.Fatal("a logged-out session still works")
		}
	})
}

func TestDisablingUserEndsSessions(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		u := h.user("ada@example.com", hiring.RoleRecruiter)
		b := h.browser("10.0.0.1")
		b.login("ada@example.com", goodPassword)
		if !b.signedIn() {
			t.Fatal("login failed")
		}
		yes := true
		if _, err := h.db.UpdateUser(sys(), u.ID, hiring.UserUpdate{Disabled: &yes}); err != nil {
			t.Fatal(err)
		}
		if b.signedIn() {
			t.Fatal("disabled user's session still works")
		}
		if rec := h.browser("10.0.0.2").login("ada@example.com", goodPassword); rec.Code != http.StatusUnauthorized {
			t.Fatalf("disabled user logged in: %d", rec.Code)
		}
	})
}

func TestPasswordChangeEndsSessions(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		u := h.user("ada@example.com", hiring.RoleRecruiter)
		laptop, phone := h.browser("10.0.0.1"), h.browser("10.0.0.2")
		laptop.login("ada@example.com", goodPassword)
		phone.login("ada@example.com", goodPassword)
		if !laptop.signedIn() || !phone.signedIn() {
			t.Fatal("login failed")
		}
		ctx := hiring.WithActor(t.Context(), auth.ActorFor(u, "10.0.0.1"))
		if err := h.auth.ChangePassword(ctx, u.ID, "not it at all", "a brand new passphrase"); hiring.ErrorCode(err) != hiring.EInvalid {
			t.Fatalf("wrong current password: %v", err)
		}
		if err := h.auth.ChangePassword(ctx, u.ID, goodPassword, "password123"); hiring.ErrorCode(err) != hiring.EInvalid {
			t.Fatalf("weak new password accepted: %v", err)
		}
		if !laptop.signedIn() {
			t.Fatal("a refused change ended the session")
		}
		if err := h.auth.ChangePassword(ctx, u.ID, goodPassword, "a brand new passphrase"); err != nil {
			t.Fatal(err)
		}
		if laptop.signedIn() || phone.signedIn() {
			t.Fatal("sessions survived a password change")
		}
		if rec := laptop.login("ada@example.com", goodPassword); rec.Code != http.StatusUnauthorized {
			t.Fatalf("old password still works: %d", rec.Code)
		}
		if rec := laptop.login("ada@example.com", "a brand new passphrase"); rec.Code != http.StatusNoContent {
			t.Fatalf("new password: %d %s", rec.Code, rec.Body)
		}
		other := h.user("bob@example.com", hiring.RoleRecruiter)
		if err := h.auth.ChangePassword(ctx, other.ID, goodPassword, "another new passphrase"); hiring.ErrorCode(err) != hiring.EForbidden {
			t.Fatalf("changing someone else's password: %v", err)
		}
	})
}

func TestCSRF(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		h.user("ada@example.com", hiring.RoleRecruiter)

		// Anonymous forms: double-submit cookie.
		b := h.browser("10.0.0.1")
		form := url.Values{"email": {"ada@example.com"}, "password": {goodPassword}}
		if rec := b.do("POST", "/login", form, nil); rec.Code != http.StatusForbidden {
			t.Fatalf("login without token: %d", rec.Code)
		}
		tok := b.token()
		form.Set("csrf_token", tok+"x")
		if rec := b.do("POST", "/login", form, nil); rec.Code != http.StatusForbidden {
			t.Fatalf("login with wrong token: %d", rec.Code)
		}
		fresh := h.browser("10.0.0.1") // no cookie: a forged cross-site post
		form.Set("csrf_token", tok)
		if rec := fresh.do("POST", "/login", form, nil); rec.Code != http.StatusForbidden {
			t.Fatalf("token without its cookie: %d", rec.Code)
		}
		if rec := b.do("POST", "/login", form, http.Header{"Sec-Fetch-Site": {"cross-site"}}); rec.Code != http.StatusForbidden {
			t.Fatalf("cross-site fetch: %d", rec.Code)
		}
		if rec := b.do("POST", "/login", form, http.Header{"Origin": {"https://evil.example"}}); rec.Code != http.StatusForbidden {
			t.Fatalf("foreign origin: %d", rec.Code)
		}
		if rec := b.do("POST", "/login", form, http.Header{"Origin": {"http://candor.test"}, "Sec-Fetch-Site": {"same-origin"}}); rec.Code != http.StatusNoContent {
			t.Fatalf("login with right token: %d %s", rec.Code, rec.Body)
		}

		// Signed in: the session's synchronizer token, not the cookie one.
		if rec := b.do("POST", "/me", url.Values{}, nil); rec.Code != http.StatusForbidden {
			t.Fatalf("session post without token: %d", rec.Code)
		}
		if rec := b.do("POST", "/me", url.Values{"csrf_token": {tok}}, nil); rec.Code != http.StatusForbidden {
			t.Fatalf("session post with the pre-session token: %d", rec.Code)
		}
		st := b.token()
		if st == tok || st == "" {
			t.Fatalf("session token %q should differ from pre-session %q", st, tok)
		}
		if rec := b.do("POST", "/me", url.Values{"csrf_token": {st}}, nil); rec.Code != http.StatusOK {
			t.Fatalf("session post with token: %d %s", rec.Code, rec.Body)
		}
		if rec := b.do("POST", "/me", nil, http.Header{"X-Csrf-Token": {st}}); rec.Code != http.StatusOK {
			t.Fatalf("session post with header token: %d %s", rec.Code, rec.Body)
		}
		rec := b.do("POST", "/me", url.Values{}, http.Header{"Accept": {"text/html"}})
		if rec.Code != http.StatusForbidden || !strings.Contains(rec.Body.String(), "expired") {
			t.Fatalf("html refusal: %d %s", rec.Code, rec.Body)
		}
		// Safe methods never need a token.
		if rec := b.do("GET", "/me", nil, nil); rec.Code != http.StatusOK {
			t.Fatalf("GET: %d", rec.Code)
		}
	})
}
