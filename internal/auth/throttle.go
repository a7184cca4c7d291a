package auth

import (
	"context"
	"fmt"
	"net/netip"
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// Login throttling. Failures are rows in the database, so every replica sees
// the same numbers. The budgets:
//
//   - per address (an IPv6 client by its /64, which one subscriber usually
//     holds whole): 50 failures in 15 minutes over all accounts, against
//     spraying one password over many accounts;
//   - per account and address: 5 in 15 minutes;
//   - per account over every address: 10 failures a day, then each attempt
//     waits for a delay since the previous failure that doubles from a
//     second up to 15 minutes, so guessing from many addresses gains little;
//   - per device: a browser that has signed in to the account before carries
//     a signed device cookie (device.go) and is judged by its own budget
//     (10 failures a day) and the address budget only, not by the two
//     account budgets. So guessing spends the account's budget without
//     locking its owner out (OWASP's device cookies). A device over its
//     budget is judged like any other client.
//
// An attempt claims its rows before the password is checked, and keeps them
// only if it fails: concurrent guesses (parallel requests, several
// replicas) each see the ones already claimed, so a burst cannot slip
// through a budget between one check and the next. A throttled attempt
// leaves no row, so hammering a throttled account does not raise its delays.
const (
	throttleWindow  = 15 * time.Minute
	accountIPBudget = 5
	ipBudget        = 50

	accountWindow   = 24 * time.Hour
	accountBudget   = 10
	accountMaxDelay = 15 * time.Minute

	deviceWindow = 24 * time.Hour
	deviceBudget = 10
)

// budget is one throttling rule over the failures recorded under key.
type budget struct {
	key    string
	window time.Duration
	limit  int
	// growing: past limit, attempts are spaced by delays that double rather
	// than refused until old failures leave the window.
	growing bool
}

func addressBudget(ip string) budget {
	return budget{"login:ip:" + throttleAddr(ip), throttleWindow, ipBudget, false}
}
func accountAddressBudget(email, ip string) budget {
	return budget{"login:acct:" + email + "|" + throttleAddr(ip), throttleWindow, accountIPBudget, false}
}
func accountWideBudget(email string) budget {
	return budget{"login:account:" + email, accountWindow, accountBudget, true}
}
func deviceOnlyBudget(device string) budget {
	return budget{"login:device:" + device, deviceWindow, deviceBudget, false}
}

// throttleAddr is the address a client is throttled by: an IPv6 address's
// /64 (a subscriber can pick any address inside theirs), other addresses as
// they are.
func throttleAddr(ip string) string {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	addr = addr.Unmap()
	if addr.Is4() {
		return addr.String()
	}
	p, err := addr.WithZone("").Prefix(64)
	if err != nil {
		return ip
	}
	return p.String()
}

// throttled is carried inside the ERateLimited error so that the HTTP layer
// can answer with Retry-After (it implements httperr.RetryAfterer).
type throttled struct{ wait time.Duration }

func (t throttled) Error() string             { return fmt.Sprintf("login throttled for %s", t.wait) }
func (t throttled) RetryAfter() time.Duration { return t.wait }

func rateLimited(wait time.Duration) error {
	return &hiring.Error{
		Code:    hiring.ERateLimited,
		Message: fmt.Sprintf("Too many failed sign-in attempts. Try again in %s.", humanWait(wait)),
		Err:     throttled{wait},
	}
}

// claim is an attempt's rows, one per budget it was judged by: failures if
// the password turns out wrong, forgotten otherwise.
type claim struct{ ids []string }

// claimAttempt judges a sign-in attempt for email from ip, device being the
// id of a valid device cookie for that email ("" for none), and claims its
// rows. It returns an ERateLimited error when a budget is spent.
func (a *Auth) claimAttempt(ctx context.Context, email, ip, device string) (*claim, error) {
	c := &claim{}
	now := a.now()
	ok, wait, err := a.take(ctx, c, addressBudget(ip), now)
	if err != nil || !ok {
		return nil, a.refuse(ctx, c, wait, err)
	}
	if device != "" {
		ok, _, err := a.take(ctx, c, deviceOnlyBudget(device), now)
		if err != nil {
			return nil, a.refuse(ctx, c, 0, err)
		}
		if ok {
			return c, nil
		}
	}
	for _, b := range []budget{accountAddressBudget(email, ip), accountWideBudget(email)} {
		ok, wait, err := a.take(ctx, c, b, now)
		if err != nil || !ok {
			return nil, a.refuse(ctx, c, wait, err)
		}
	}
	return c, nil
}

// take records a row under b and judges it against the rows already there.
// Within budget the row joins the claim; when b is spent the row is removed
// at once and the wait returned.
func (a *Auth) take(ctx context.Context, c *claim, b budget, now time.Time) (bool, time.Duration, error) {
	id, err := a.svc.RecordLoginFailure(system(ctx), b.key, now)
	if err != nil {
		return false, 0, fmt.Errorf("auth: throttle: %w", err)
	}
	ok, wait, err := a.judge(ctx, b, id, now)
	if err != nil || !ok {
		a.forget(ctx, &claim{ids: []string{id}})
		return false, wait, err
	}
	c.ids = append(c.ids, id)
	return true, 0, nil
}

// judge decides whether the attempt whose row is id fits in b.
func (a *Auth) judge(ctx context.Context, b budget, id string, now time.Time) (bool, time.Duration, error) {
	n, latest, err := a.svc.CountLoginFailures(system(ctx), b.key, now.Add(-b.window), id)
	if err != nil {
		return false, 0, fmt.Errorf("auth: throttle: %w", err)
	}
	if n < b.limit {
		return true, 0, nil
	}
	if b.growing {
		delay := accountMaxDelay
		if k := n - b.limit; k < 20 {
			delay = min(time.Second<<k, accountMaxDelay)
		}
		since := now.Sub(latest)
		if since >= delay {
			return true, 0, nil
		}
		return false, delay - since, nil
	}
	wait, err := a.retryAfter(ctx, b, id, now)
	return false, wait, err
}

// refuse forgets the rows claimed so far and returns the throttling error
// (or err, when judging failed).
func (a *Auth) refuse(ctx context.Context, c *claim, wait time.Duration, err error) error {
	a.forget(ctx, c)
	if err != nil {
		return err
	}
	return rateLimited(wait)
}

// forget removes the claim's rows: the attempt was not a failure.
func (a *Auth) forget(ctx context.Context, c *claim) {
	if err := a.svc.ForgetLoginFailures(system(context.WithoutCancel(ctx)), c.ids); err != nil {
		a.logger.ErrorContext(ctx, "forget login attempt", "err", err)
	}
}

// retryAfter finds roughly when enough old failures leave the window for the
// key to fall under its limit, probing a few steps rather than reading rows.
func (a *Auth) retryAfter(ctx context.Context, b budget, except string, now time.Time) (time.Duration, error) {
	for _, d := range []time.Duration{time.Minute, 2 * time.Minute, 5 * time.Minute, 10 * time.Minute} {
		n, _, err := a.svc.CountLoginFailures(system(ctx), b.key, now.Add(-b.window+d), except)
		if err != nil {
			return 0, fmt.Errorf("auth: throttle: %w", err)
		}
		if n < b.limit {
			return d, nil
		}
	}
	return b.window, nil
}

func humanWait(d time.Duration) string {
	switch s := int((d + time.Second - 1) / time.Second); {
	case s <= 1:
		return "a second"
	case s < 60:
		return fmt.Sprintf("%d seconds", s)
	}
	if m := int((d + time.Minute - 1) / time.Minute); m > 1 {
		return fmt.Sprintf("%d minutes", m)
	}
	return "a minute"
}
