package auth_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// TestSecretKey: what one instance derives from the secret key another
// instance with the same key (a replica, or this one after a restart)
// accepts, and one with another key does not.
func TestSecretKey(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		opts := func(key string) auth.Options {
			return auth.Options{BaseURL: "http://candor.test", SecretKey: key}
		}
		one := newHarnessWith(t, db, opts(strings.Repeat("k", 32)))
		two := newHarnessWith(t, db, opts(strings.Repeat("k", 32)))
		other := newHarnessWith(t, db, opts(strings.Repeat("o", 32)))
		ctx := t.Context()

		// The setup link logged by one replica works on another.
		tok1, needed, err := one.auth.SetupToken(ctx)
		if err != nil || !needed || len(tok1) < 43 {
			t.Fatalf("SetupToken = %q %v %v", tok1, needed, err)
		}
		tok2, _, _ := two.auth.SetupToken(ctx)
		tokOther, _, _ := other.auth.SetupToken(ctx)
		if tok2 != tok1 || tokOther == tok1 {
			t.Fatalf("setup tokens: same key %q vs %q, other key %q", tok1, tok2, tokOther)
		}
		in := hiring.NewUser{Email: "root@example.com", Name: "Root"}
		if _, err := other.auth.CompleteSetup(ctx, tok1, in, goodPassword); hiring.ErrorCode(err) != hiring.EForbidden {
			t.Fatalf("setup with another installation's token: %v", err)
		}
		if _, err := two.auth.CompleteSetup(ctx, tok1, in, goodPassword); err != nil {
			t.Fatalf("setup on the other replica: %v", err)
		}
		one.user("ada@example.com", hiring.RoleRecruiter)

		// The pre-session CSRF cookie is signed: one replica's cookie is
		// good on another, not on a different installation.
		b := one.browser("10.0.0.1")
		form := url.Values{"email": {"ada@example.com"}, "password": {goodPassword}, "csrf_token": {b.token()}}
		b.h = other
		if rec := b.do("POST", "/login", form, nil); rec.Code != http.StatusForbidden {
			t.Fatalf("cookie from another key: %d", rec.Code)
		}
		b = one.browser("10.0.0.2")
		form.Set("csrf_token", b.token())
		b.h = two
		if rec := b.do("POST", "/login", form, nil); rec.Code != http.StatusNoContent {
			t.Fatalf("cookie from a replica: %d %s", rec.Code, rec.Body)
		}

		// A cookie planted with a value of the attacker's choosing (cookie
		// tossing from a sibling subdomain) is not a token, even when the
		// form echoes it.
		forged := one.browser("10.0.0.3")
		forged.cookies[auth.CSRFCookie] = "chosen-by-the-attacker"
		form.Set("csrf_token", "chosen-by-the-attacker")
		if rec := forged.do("POST", "/login", form, nil); rec.Code != http.StatusForbidden {
			t.Fatalf("planted cookie accepted: %d", rec.Code)
		}
		if forged.cookies[auth.CSRFCookie] == "chosen-by-the-attacker" {
			t.Error("the planted cookie was not replaced by a signed one")
		}
	})
}
