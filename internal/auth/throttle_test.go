package auth_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/candor-ats/candor/internal/hiring"
)

func TestThrottlePerAccountAndIP(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		h.user("ada@example.com", hiring.RoleRecruiter)
		attacker := h.browser("203.0.113.7")
		for i := 0; i < 5; i++ {
			if rec := attacker.login("ada@example.com", fmt.Sprintf("guess number %d", i)); rec.Code != http.StatusUnauthorized {
				t.Fatalf("guess %d: %d", i, rec.Code)
			}
		}
		rec := attacker.login("ada@example.com", goodPassword)
		if rec.Code != http.StatusTooManyRequests {
			t.Fatalf("after 5 failures: %d %s", rec.Code, rec.Body)
		}
		if s, err := strconv.Atoi(rec.Header().Get("Retry-After")); err != nil || s < 1 {
			t.Fatalf("Retry-After = %q", rec.Header().Get("Retry-After"))
		}
		// The real user, elsewhere, is not locked out.
		if rec := h.browser("198.51.100.20").login("ada@example.com", goodPassword); rec.Code != http.StatusNoContent {
			t.Fatalf("real user from another IP: %d %s", rec.Code, rec.Body)
		}
	})
}

func TestThrottlePerIP(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		h.user("ada@example.com", hiring.RoleRecruiter)
		spray := h.browser("203.0.113.8")
		// Password spraying: one guess per account, many accounts.
		for i := 0; i < 50; i++ {
			if rec := spray.login(fmt.Sprintf("user%d@example.com", i), "Winter2024!"); rec.Code != http.StatusUnauthorized {
				t.Fatalf("spray %d: %d", i, rec.Code)
			}
		}
		if rec := spray.login("ada@example.com", goodPassword); rec.Code != http.StatusTooManyRequests {
			t.Fatalf("IP over its cap: %d", rec.Code)
		}
		if rec := h.browser("198.51.100.21").login("ada@example.com", goodPassword); rec.Code != http.StatusNoContent {
			t.Fatalf("other IP: %d", rec.Code)
		}
	})
}

func TestThrottleHugeEmail(t *testing.T) {
	t.Parallel()
	each(t, func(t *testing.T, h *harness) {
		b := h.browser("203.0.113.9")
		huge := strings.Repeat("a", 12_000) + "@example.com" // the sign-in form takes 16 KB
		for i := 0; i < 5; i++ {
			if rec := b.login(huge, "whatever it is"); rec.Code != http.StatusUnauthorized {
				t.Fatalf("attempt %d: %d %s", i, rec.Code, rec.Body)
			}
		}
		if rec := b.login(huge, "whatever it is"); rec.Code != http.StatusTooManyRequests {
			t.Fatalf("failures with a huge email were not counted: %d", rec.Code)
		}
	})
}
