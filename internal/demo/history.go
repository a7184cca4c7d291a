package demo

import (
	"time"

	"github.com/candor-ats/candor/internal/hiring"
)

// The demo's history over its year (issue 13): the reports need
// applications spread over the whole year, stays of real length and
// drop-offs at every stage, so a 30-day window holds a month of work.

// along is the time k/n of the way through span after start. The product
// span×k overflows a Duration once k passes a few hundred (a year is 3.2e16
// ns), which once folded the demo's half million applications into ten hours.
func along(start time.Time, span time.Duration, k, n int) time.Time {
	if n <= 0 {
		return start
	}
	return start.Add(time.Duration(float64(span) * (float64(k) / float64(n))))
}

// dropOff decides what happened to an active demo application on an open
// job after it reached its stage: r (0..99) below rejectPct turns it down,
// the next withdrawPct make the candidate withdraw. Decisions that would
// fall after now have not happened yet: the application stays active.
func (g *gen) dropOff(a *hiring.Application, r, rejectPct, withdrawPct int, reasons []string) {
	switch {
	case r < rejectPct:
		g.reject(a, reasons)
		if a.RejectedAt.After(g.o.Now) {
			a.Status, a.RejectionReasonID, a.RejectedAt = hiring.AppActive, "", nil
		}
	case r < rejectPct+withdrawPct:
		w := a.StageEnteredAt.Add(time.Duration(12+spread(uint64(a.AppliedAt.UnixNano())+1, 10*24)) * time.Hour)
		if !w.After(g.o.Now) {
			a.Status, a.WithdrawnAt = hiring.AppWithdrawn, &w
		}
	}
}

// reached is how far an application received at applied and moving one
// stage every step has come by now: at most st, fewer when the later stages
// would lie in the future (it is still on its way there).
func (g *gen) reached(applied time.Time, st int, step time.Duration) int {
	if st <= 0 || !applied.Add(time.Duration(st)*step).After(g.o.Now) {
		return st
	}
	return max(0, min(st, int(g.o.Now.Sub(applied)/step)))
}
