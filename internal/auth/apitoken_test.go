package auth_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/hiring"
)

func (h *harness) apiGet(header string) *httptest.ResponseRecorder {
	r := httptest.NewRequest("GET", "http://candor.test/api/v1/me", nil)
	if header != "" {
		r.Header.Set("Authorization", header)
	}
	rec := httptest.NewRecorder()
	h.api.ServeHTTP(rec, r)
	return rec
}

func TestAPITokens(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		u := h.user("ada@example.com", hiring.RoleRecruiter)
		ctx := hiring.WithActor(t.Context(), auth.ActorFor(u, ""))
		secret, tok, err := h.auth.CreateAPIToken(ctx, u.ID, "ci")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(secret, "cnd_") || len(secret) != 4+43 || !strings.HasPrefix(secret, tok.Prefix) {
			t.Fatalf("secret %q prefix %q", secret, tok.Prefix)
		}
		if rec := h.apiGet("Bearer " + secret); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), u.ID) {
			t.Fatalf("valid token: %d %s", rec.Code, rec.Body)
		}
		for _, bad := range []string{"Bearer cnd_nope", "Bearer " + secret + "x", "Basic " + secret, "Bearer", "Bearer " + auth.HashToken(secret)} {
			rec := h.apiGet(bad)
			if rec.Code != http.StatusUnauthorized || rec.Header().Get("Content-Type") != "application/problem+json" {
				t.Fatalf("%q: %d %s", bad, rec.Code, rec.Header().Get("Content-Type"))
			}
		}
		if rec := h.apiGet(""); rec.Code != http.StatusUnauthorized {
			t.Fatalf("no header reaches the handler anonymous: %d", rec.Code)
		}

		if err := h.db.RevokeAPIToken(ctx, u.ID, tok.ID); err != nil {
			t.Fatal(err)
		}
		if rec := h.apiGet("Bearer " + secret); rec.Code != http.StatusUnauthorized {
			t.Fatalf("revoked token: %d", rec.Code)
		}

		secret2, _, err := h.auth.CreateAPIToken(ctx, u.ID, "second")
		if err != nil {
			t.Fatal(err)
		}
		yes := true
		if _, err := h.db.UpdateUser(sys(), u.ID, hiring.UserUpdate{Disabled: &yes}); err != nil {
			t.Fatal(err)
		}
		if rec := h.apiGet("Bearer " + secret2); rec.Code != http.StatusUnauthorized {
			t.Fatalf("disabled user's token: %d", rec.Code)
		}
	})
}

func TestSetup(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		ctx := t.Context()
		token, needed, err := h.auth.SetupToken(ctx)
		if err != nil || !needed || len(token) < 43 {
			t.Fatalf("SetupToken = %q %v %v", token, needed, err)
		}
		if again, needed, _ := h.auth.SetupToken(ctx); again != "" || !needed {
			t.Fatalf("second SetupToken revealed %q", again)
		}
		in := hiring.NewUser{Email: "root@example.com", Name: "Root", Role: hiring.RoleInterviewer}
		if _, err := h.auth.CompleteSetup(ctx, "guess", in, goodPassword); hiring.ErrorCode(err) != hiring.EForbidden {
			t.Fatalf("wrong token: %v", err)
		}
		if _, err := h.auth.CompleteSetup(ctx, token, in, "password1"); hiring.ErrorCode(err) != hiring.EInvalid {
			t.Fatalf("weak password: %v", err)
		}
		u, err := h.auth.CompleteSetup(ctx, token, in, goodPassword)
		if err != nil {
			t.Fatal(err)
		}
		if u.Role != hiring.RoleAdmin {
			t.Fatalf("first user role = %s, want admin", u.Role)
		}
		if _, err := h.auth.CompleteSetup(ctx, token, hiring.NewUser{Email: "x@example.com", Name: "X"}, goodPassword); hiring.ErrorCode(err) != hiring.EConflict {
			t.Fatalf("second setup: %v", err)
		}
		if _, needed, _ := h.auth.SetupToken(ctx); needed {
			t.Fatal("setup still needed with a user")
		}
	})
}
