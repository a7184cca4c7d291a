package auth

import (
	"context"
	"fmt"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// Login throttling. Failures are counted in the database, so every replica
// sees the same numbers. Two budgets apply:
//
//   - per account and IP: a few guesses for one email from one address. It is
//     never per account alone, so an attacker elsewhere cannot lock the real
//     user out — they exhaust only their own (email, IP) budget;
//   - per IP: a wider cap on one address guessing across many accounts.
//
// Both are sliding windows; a successful login clears only its own
// (account, IP) count, so one valid account cannot launder an IP's failures.
const (
	throttleWindow  = 15 * time.Minute
	accountIPBudget = 5
	ipBudget        = 50
)

func accountIPKey(email, ip string) string { return "login:acct:" + email + "|" + ip }
func ipKey(ip string) string               { return "login:ip:" + ip }

// throttled is carried inside the ERateLimited error so that the HTTP layer
// can answer with Retry-After (it implements httperr.RetryAfterer).
type throttled struct{ wait time.Duration }

func (t throttled) Error() string             { return fmt.Sprintf("login throttled for %s", t.wait) }
func (t throttled) RetryAfter() time.Duration { return t.wait }

// checkThrottle returns an ERateLimited error when either budget is spent.
func (a *Auth) checkThrottle(ctx context.Context, email, ip string) error {
	for _, b := range []struct {
		key   string
		limit int
	}{{accountIPKey(email, ip), accountIPBudget}, {ipKey(ip), ipBudget}} {
		now := a.now()
		n, err := a.svc.CountLoginFailures(system(ctx), b.key, now.Add(-throttleWindow))
		if err != nil {
			return fmt.Errorf("auth: throttle: %w", err)
		}
		if n < b.limit {
			continue
		}
		wait, err := a.retryAfter(ctx, b.key, b.limit, now)
		if err != nil {
			return err
		}
		return &hiring.Error{
			Code:    hiring.ERateLimited,
			Message: fmt.Sprintf("Too many failed sign-in attempts. Try again in %s.", humanWait(wait)),
			Err:     throttled{wait},
		}
	}
	return nil
}

// retryAfter finds roughly when enough old failures leave the window for the
// key to fall under its limit, probing a few steps rather than reading rows.
func (a *Auth) retryAfter(ctx context.Context, key string, limit int, now time.Time) (time.Duration, error) {
	for _, d := range []time.Duration{time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute} {
		n, err := a.svc.CountLoginFailures(system(ctx), key, now.Add(-throttleWindow+d))
		if err != nil {
			return 0, fmt.Errorf("auth: throttle: %w", err)
		}
		if n < limit {
			return d, nil
		}
	}
	return throttleWindow, nil
}

func (a *Auth) recordFailure(ctx context.Context, email, ip string) {
	now := a.now()
	for _, key := range []string{accountIPKey(email, ip), ipKey(ip)} {
		if err := a.svc.RecordLoginFailure(system(context.WithoutCancel(ctx)), key, now); err != nil {
			a.logger.ErrorContext(ctx, "record login failure", "err", err)
		}
	}
}

func humanWait(d time.Duration) string {
	if m := int(d.Round(time.Minute) / time.Minute); m > 1 {
		return fmt.Sprintf("%d minutes", m)
	}
	return "a minute"
}
