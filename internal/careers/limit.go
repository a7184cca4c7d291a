package careers

import (
	"net/netip"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// limiter allows each client address (IPv6 by /64) perHour applications an
// hour (golang.org/x/time/rate, a bucket of that size refilled evenly).
// perHour 0 turns it off. Idle addresses are forgotten.
type limiter struct {
	perHour int
	mu      sync.Mutex
	by      map[string]*entry
	sweep   time.Time
}

type entry struct {
	l    *rate.Limiter
	seen time.Time
}

func newLimiter(perHour int) *limiter { return &limiter{perHour: perHour, by: map[string]*entry{}} }

// allow takes one application from addr's bucket; when there is none left
// it says how long until there is.
func (l *limiter) allow(addr string, now time.Time) (bool, time.Duration) {
	if l == nil || l.perHour <= 0 {
		return true, 0
	}
	key := addr
	if a, err := netip.ParseAddr(addr); err == nil && a.Is6() && !a.Is4In6() {
		p, _ := a.Prefix(64)
		key = p.String()
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.sweep) > 10*time.Minute {
		for k, e := range l.by {
			if now.Sub(e.seen) > time.Hour {
				delete(l.by, k)
			}
		}
		l.sweep = now
	}
	e := l.by[key]
	if e == nil {
		e = &entry{l: rate.NewLimiter(rate.Every(time.Hour/time.Duration(l.perHour)), l.perHour)}
		l.by[key] = e
	}
	e.seen = now
	r := e.l.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}
