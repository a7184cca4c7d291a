package auth_test

import (
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/candor-ats/candor/internal/auth"
	"github.com/candor-ats/candor/internal/hiring"
	"github.com/candor-ats/candor/internal/store"
	"github.com/candor-ats/candor/internal/store/storetest"
)

// clock is a settable time for throttling tests: waits are stepped over, not slept.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func eachClocked(t *testing.T, fn func(t *testing.T, h *harness, c *clock)) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := &clock{t: time.Now()}
		fn(t, newHarnessWith(t, db, auth.Options{BaseURL: "http://candor.test", Now: c.now, SecretKey: "a test secret key of at least 32 characters"}), c)
	})
}

// Guessing one account from many addresses: each address stays inside its
// own budget (5), but the account's budget over all of them (10 a day) is
// spent, and further guesses wait growing delays.
func TestThrottlePerAccountAcrossAddresses(t *testing.T) {
	t.Parallel()
	eachClocked(t, func(t *testing.T, h *harness, c *clock) {
		h.user("ada@example.com", hiring.RoleRecruiter)
		answered := 0
		for i := range 60 { // 12 addresses × 5 guesses
			b := h.browser(fmt.Sprintf("203.0.113.%d", 10+i/5))
			switch rec := b.login("ada@example.com", fmt.Sprintf("guess number %d", i)); rec.Code {
			case http.StatusUnauthorized:
				answered++
			case http.StatusTooManyRequests:
			default:
				t.Fatalf("guess %d: %d %s", i, rec.Code, rec.Body)
			}
		}
		if answered != 10 {
			t.Fatalf("%d of 60 guesses from 12 addresses were answered, want 10", answered)
		}
		// Past the budget each guess waits twice as long as the last.
		fresh := h.browser("198.51.100.99")
		for _, want := range []int{1, 2, 4, 8} {
			rec := fresh.login("ada@example.com", "yet another guess")
			if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != strconv.Itoa(want) {
				t.Fatalf("want 429 Retry-After %d, got %d %q", want, rec.Code, rec.Header().Get("Retry-After"))
			}
			c.add(time.Duration(want) * time.Second)
			if rec := fresh.login("ada@example.com", "yet another guess"); rec.Code != http.StatusUnauthorized {
				t.Fatalf("after waiting %ds: %d", want, rec.Code)
			}
		}
		// Even the right password waits (the answer must not tell a guesser
		// it was right), until the delay is over.
		owner := h.browser("198.51.100.100")
		if rec := owner.login("ada@example.com", goodPassword); rec.Code != http.StatusTooManyRequests {
			t.Fatalf("right password inside the delay: %d", rec.Code)
		}
		c.add(16 * time.Second)
		if rec := owner.login("ada@example.com", goodPassword); rec.Code != http.StatusNoContent {
			t.Fatalf("right password after the delay: %d %s", rec.Code, rec.Body)
		}
		// The budget is the account's own: another account is not delayed.
		h.user("grace@example.com", hiring.RoleRecruiter)
		if rec := h.browser("203.0.113.10").login("grace@example.com", goodPassword); rec.Code != http.StatusNoContent {
			t.Fatalf("other account: %d", rec.Code)
		}
	})
}

// The owner's browser, which signed in before, keeps its own budget while
// someone elsewhere spends the account's: OWASP's device cookies.
func TestThrottleDeviceCookieKeepsOwnerIn(t *testing.T) {
	t.Parallel()
	eachClocked(t, func(t *testing.T, h *harness, c *clock) {
		h.user("ada@example.com", hiring.RoleRecruiter)
		h.user("mallory@example.com", hiring.RoleRecruiter)
		owner := h.browser("198.51.100.20")
		if rec := owner.login("ada@example.com", goodPassword); rec.Code != http.StatusNoContent {
			t.Fatalf("first sign-in: %d", rec.Code)
		}
		if owner.cookies[auth.DeviceCookie] == "" {
			t.Fatal("no device cookie after signing in")
		}
		owner.do("POST", "/logout", nil, http.Header{"X-CSRF-Token": {owner.token()}})
		// An attacker with an account of their own: their browser's device
		// cookie is for their account, not Ada's.
		attacker := h.browser("203.0.113.50")
		if rec := attacker.login("mallory@example.com", goodPassword); rec.Code != http.StatusNoContent {
			t.Fatalf("attacker's own sign-in: %d", rec.Code)
		}
		forged := h.browser("203.0.113.52")
		forged.cookies[auth.DeviceCookie] = "bm9uY2U.c2lnbmF0dXJl"
		spent := 0
		for i := range 40 {
			b := []*browser{attacker, forged, h.browser(fmt.Sprintf("203.0.113.%d", 60+i/4))}[i%3]
			if rec := b.login("ada@example.com", fmt.Sprintf("guess %d", i)); rec.Code == http.StatusTooManyRequests {
				spent++
			}
		}
		if spent == 0 {
			t.Fatal("the attack was never throttled")
		}
		if rec := h.browser("198.51.100.21").login("ada@example.com", goodPassword); rec.Code != http.StatusTooManyRequests {
			t.Fatalf("a new browser during the attack: %d, want 429", rec.Code)
		}
		// The owner's browser, from another address too, gets in at once.
		owner.ip = "192.0.2.77"
		if rec := owner.login("ada@example.com", goodPassword); rec.Code != http.StatusNoContent {
			t.Fatalf("owner's browser during the attack: %d %s", rec.Code, rec.Body)
		}
		if !owner.signedIn() {
			t.Fatal("owner not signed in")
		}
		owner.do("POST", "/logout", nil, http.Header{"X-CSRF-Token": {owner.token()}})
		// The device's own slips have a budget too; past it the browser is
		// judged like any other, and the account is still being guessed.
		for i := range 10 {
			if rec := owner.login("ada@example.com", fmt.Sprintf("typo %d", i)); rec.Code != http.StatusUnauthorized {
				t.Fatalf("owner's typo %d: %d", i, rec.Code)
			}
		}
		if rec := owner.login("ada@example.com", goodPassword); rec.Code != http.StatusTooManyRequests {
			t.Fatalf("device over its budget: %d, want 429", rec.Code)
		}
	})
}

// Concurrent guesses, as from many replicas or connections at once, cannot
// slip more than the account's budget through between check and record.
func TestThrottleConcurrentGuesses(t *testing.T) {
	t.Parallel()
	eachClocked(t, func(t *testing.T, h *harness, c *clock) {
		h.user("ada@example.com", hiring.RoleRecruiter)
		var mu sync.Mutex
		codes := map[int]int{}
		var wg sync.WaitGroup
		for i := range 30 {
			b := h.browser(fmt.Sprintf("203.0.113.%d", 100+i))
			b.token() // the CSRF cookie first, so the burst is only sign-ins
			wg.Go(func() {
				rec := b.login("ada@example.com", fmt.Sprintf("parallel guess %d", i))
				mu.Lock()
				codes[rec.Code]++
				mu.Unlock()
			})
		}
		wg.Wait()
		if codes[http.StatusUnauthorized] > 10 || codes[http.StatusUnauthorized]+codes[http.StatusTooManyRequests] != 30 {
			t.Fatalf("answers %v: at most 10 may be checked", codes)
		}
	})
}

// IPv6 clients are throttled by their /64: a subscriber picks any address in it.
func TestThrottleIPv6Prefix(t *testing.T) {
	t.Parallel()
	eachClocked(t, func(t *testing.T, h *harness, c *clock) {
		h.user("ada@example.com", hiring.RoleRecruiter)
		for i := range 5 {
			b := h.browser(fmt.Sprintf("2001:db8:1:2::%x", i+1))
			if rec := b.login("ada@example.com", "guess"); rec.Code != http.StatusUnauthorized {
				t.Fatalf("guess %d: %d", i, rec.Code)
			}
		}
		if rec := h.browser("2001:db8:1:2:ffff::9").login("ada@example.com", goodPassword); rec.Code != http.StatusTooManyRequests {
			t.Fatalf("same /64: %d, want 429", rec.Code)
		}
		if rec := h.browser("2001:db8:1:3::1").login("ada@example.com", goodPassword); rec.Code != http.StatusNoContent {
			t.Fatalf("next /64: %d, want 204", rec.Code)
		}
	})
}

// Two replicas over one database and one secret key share the budgets, and
// a device cookie one of them issued is honoured by the other.
func TestThrottleAcrossReplicas(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		c := &clock{t: time.Now()}
		opts := auth.Options{BaseURL: "http://candor.test", Now: c.now, SecretKey: "a test secret key of at least 32 characters"}
		a, b := newHarnessWith(t, db, opts), newHarnessWith(t, db, opts)
		a.user("ada@example.com", hiring.RoleRecruiter)
		owner := a.browser("198.51.100.30")
		if rec := owner.login("ada@example.com", goodPassword); rec.Code != http.StatusNoContent {
			t.Fatalf("owner on replica a: %d", rec.Code)
		}
		answered := 0
		for i := range 24 {
			r := []*harness{a, b}[i%2].browser(fmt.Sprintf("203.0.113.%d", 150+i))
			if rec := r.login("ada@example.com", "guess"); rec.Code == http.StatusUnauthorized {
				answered++
			}
		}
		if answered != 10 {
			t.Fatalf("%d guesses answered over two replicas, want 10", answered)
		}
		owner.h = b
		if rec := owner.login("ada@example.com", goodPassword); rec.Code != http.StatusNoContent {
			t.Fatalf("owner's device cookie on replica b: %d", rec.Code)
		}
	})
}
