package calendar

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

var propZones = []string{"UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Adelaide",
	"Asia/Kathmandu", "Pacific/Auckland", "America/St_Johns"}

var propHours = []string{"mon-fri 09:00-17:00", "mon-thu 08:30-12:00,13:00-18:00; fri 08:30-14:00",
	"sun-thu 10:00-19:00", "mon-sat 00:00-24:00", "tue,thu 14:15-20:45", "sat 22:00-24:00; sun 00:00-06:00"}

// inWorkingClock checks, from the local wall clock alone (not through
// Windows), that iv lies in one of the person's working ranges.
func inWorkingClock(h Hours, iv Interval) bool {
	s := iv.Start.In(h.Zone)
	y, m, d := s.Date()
	for back := 0; back <= 1; back++ { // a range ending at 24:00 may hold a slot ending at local midnight
		day := time.Date(y, m, d-back, 12, 0, 0, 0, h.Zone)
		dy, dm, dd := day.Date()
		for _, r := range h.Week[day.Weekday()] {
			rs := time.Date(dy, dm, dd, r.From/60, r.From%60, 0, 0, h.Zone)
			re := time.Date(dy, dm, dd, r.To/60, r.To%60, 0, 0, h.Zone)
			if !iv.Start.Before(rs) && !iv.End.After(re) {
				return true
			}
		}
	}
	// Touching ranges across midnight (sat 22–24, sun 00–06) are one span.
	return h.InHours(iv) && touchingMidnight(h, iv)
}

func touchingMidnight(h Hours, iv Interval) bool {
	mid := iv.Start.In(h.Zone)
	for t := iv.Start; t.Before(iv.End); t = t.Add(5 * time.Minute) {
		l := t.In(h.Zone)
		if l.Hour() == 0 && l.Minute() == 0 {
			mid = l
		}
	}
	if mid.Hour() != 0 || mid.Minute() != 0 {
		return false
	}
	before := h.Week[mid.AddDate(0, 0, -1).Weekday()]
	after := h.Week[mid.Weekday()]
	return len(before) > 0 && before[len(before)-1].To == 1440 && len(after) > 0 && after[0].From == 0
}

func randPerson(r *rand.Rand, id string, from time.Time, days int) Person {
	loc, _ := LoadZone(propZones[r.IntN(len(propZones))])
	h, err := ParseHours(propHours[r.IntN(len(propHours))], loc)
	if err != nil {
		panic(err)
	}
	p := Person{ID: id, Hours: h, Load: r.IntN(5)}
	for i := r.IntN(40); i > 0; i-- {
		s := from.Add(time.Duration(r.IntN(days*24*60)) * time.Minute)
		p.Busy = append(p.Busy, Interval{s, s.Add(time.Duration(5+r.IntN(180)) * time.Minute)})
	}
	return p
}

// No suggested slot ever overlaps a busy time, leaves anyone's working
// hours or the requested range, and every free grid start is found.
// The ranges include DST changes (late March, early April and October) in
// whole and half-hour zones.
func TestPanelProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	starts := []time.Time{
		time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC),  // US spring forward 8th
		time.Date(2026, 3, 26, 0, 0, 0, 0, time.UTC), // EU spring forward 29th
		time.Date(2026, 4, 2, 0, 0, 0, 0, time.UTC),  // Adelaide, Auckland fall back 5th
		time.Date(2026, 9, 24, 0, 0, 0, 0, time.UTC), // Adelaide/Auckland spring forward
		time.Date(2026, 10, 22, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 10, 29, 7, 30, 0, 0, time.UTC),
	}
	for round := 0; round < 300; round++ {
		from := starts[r.IntN(len(starts))].Add(time.Duration(r.IntN(48)) * 30 * time.Minute)
		days := 1 + r.IntN(6)
		to := from.Add(time.Duration(days) * 24 * time.Hour)
		n := 1 + r.IntN(3)
		people := make([]Person, n)
		for i := range people {
			people[i] = randPerson(r, string(rune('a'+i)), from.Add(-24*time.Hour), days+2)
		}
		dur := time.Duration(15+15*r.IntN(8)) * time.Minute
		req := Request{From: from, To: to, Duration: dur, Step: 15 * time.Minute, Limit: MaxSuggestions}
		slots, err := Panel(people, req)
		if err != nil {
			t.Fatal(err)
		}
		got := map[time.Time]bool{}
		for _, s := range slots {
			iv := Interval{s.Start, s.End}
			got[s.Start] = true
			if iv.Duration() != dur || s.Start.Before(from) || s.End.After(to) {
				t.Fatalf("round %d: slot %v outside the request", round, iv)
			}
			if s.Start.In(people[0].Hours.Zone).Minute()%15 != 0 {
				t.Fatalf("round %d: slot %v off the grid", round, iv)
			}
			for _, p := range people {
				for _, b := range p.Busy {
					if iv.Overlaps(b) {
						t.Fatalf("round %d: slot %v overlaps %s's busy %v", round, iv, p.ID, b)
					}
				}
				if !inWorkingClock(p.Hours, iv) {
					t.Fatalf("round %d: slot %v (%v) outside %s's hours %q in %s", round, iv, iv.Start.In(p.Hours.Zone), p.ID, p.Hours, p.Hours.Zone)
				}
			}
		}
		if len(slots) == MaxSuggestions {
			continue // completeness only checked when the answer was not cut
		}
		for s := align(from, 15*time.Minute, people[0].Hours.Zone); !s.Add(dur).After(to); s = s.Add(15 * time.Minute) {
			iv := Interval{s, s.Add(dur)}
			ok := true
			for _, p := range people {
				if !Covered(p.Hours.Windows(from.Add(-48*time.Hour), to.Add(48*time.Hour)), iv) || AnyOverlap(Normalize(slices.Clone(p.Busy)), iv) {
					ok = false
				}
			}
			if ok && !got[s] {
				t.Fatalf("round %d: free slot %v not suggested", round, iv)
			}
		}
	}
}

func TestPanelHalfHourZone(t *testing.T) {
	kol := mustZone(t, "Asia/Kolkata")
	adl := mustZone(t, "Australia/Adelaide")
	hk, _ := ParseHours("mon-fri 09:00-17:00", kol)
	ha, _ := ParseHours("mon-fri 09:00-17:00", adl)
	// Mon 6 April 2026: Adelaide is +9:30 (DST ended the day before), Kolkata
	// +5:30: Kolkata 09:00–13:00 = Adelaide 13:00–17:00 is their common day.
	from := time.Date(2026, 4, 6, 0, 0, 0, 0, kol)
	slots, err := Panel([]Person{{ID: "k", Hours: hk}, {ID: "a", Hours: ha}}, Request{From: from, To: from.Add(24 * time.Hour), Duration: time.Hour, Step: time.Hour, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	if len(slots) != 4 {
		t.Fatalf("got %d slots: %v", len(slots), slots)
	}
	for i, sl := range slots { // an hourly grid on the Kolkata hour
		if s := sl.Start.In(kol); s.Hour() != 9+i || s.Minute() != 0 {
			t.Fatalf("slot %d at %v", i, s)
		}
	}
	if s := slots[0].Start.In(adl); s.Hour() != 13 || s.Minute() != 0 {
		t.Fatalf("first slot in Adelaide %v", s)
	}
	// On Sunday 5 April Adelaide was still +10:30 until 03:00: the Monday
	// before (30 March) their common day is an hour shorter.
	from = time.Date(2026, 3, 30, 0, 0, 0, 0, kol)
	slots, _ = Panel([]Person{{ID: "k", Hours: hk}, {ID: "a", Hours: ha}}, Request{From: from, To: from.Add(24 * time.Hour), Duration: time.Hour, Step: 30 * time.Minute, Limit: 50})
	if len(slots) != 5 || slots[0].Start.In(kol).Hour() != 9 || slots[4].End.In(adl).Hour() != 17 {
		t.Fatalf("30 March: %v", slots)
	}
}

func TestPanelBadRequests(t *testing.T) {
	p := []Person{{ID: "x", Hours: Hours{Zone: time.UTC}}}
	now := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	for _, req := range []Request{
		{From: now, To: now, Duration: time.Hour},
		{From: now, To: now.Add(-time.Hour), Duration: time.Hour},
		{From: now, To: now.Add(100 * 24 * time.Hour), Duration: time.Hour},
		{From: now, To: now.Add(time.Hour), Duration: 0},
		{From: now, To: now.Add(time.Hour), Duration: 24 * time.Hour},
	} {
		if _, err := Panel(p, req); err == nil {
			t.Errorf("Panel accepted %+v", req)
		}
	}
	if _, err := Panel(nil, Request{From: now, To: now.Add(time.Hour), Duration: time.Hour}); err == nil {
		t.Error("Panel accepted nobody")
	}
}

func TestPanelPerDay(t *testing.T) {
	h, _ := ParseHours("mon-fri 09:00-17:00", time.UTC)
	from := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC) // Monday
	slots, err := Panel([]Person{{ID: "x", Hours: h}}, Request{From: from, To: from.AddDate(0, 0, 5), Duration: time.Hour, PerDay: 2, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(slots) != 10 {
		t.Fatalf("%d slots over 5 days at 2 a day: %v", len(slots), slots)
	}
}

// A loop: a required hiring manager, then two sessions from a pool; the
// suggestions pick the least loaded pool members and never double-book.
func TestLoop(t *testing.T) {
	h, _ := ParseHours("mon-fri 09:00-17:00", time.UTC)
	from := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	people := []Person{
		{ID: "hm", Hours: h},
		{ID: "p1", Hours: h, Load: 5},
		{ID: "p2", Hours: h, Load: 0},
		{ID: "p3", Hours: h, Load: 1},
	}
	people[2].Busy = []Interval{{from.Add(9 * time.Hour), from.Add(11 * time.Hour)}} // p2 busy Mon 9–11
	req := LoopRequest{
		Request:  Request{From: from, To: from.AddDate(0, 0, 2), Step: 30 * time.Minute, Limit: 5},
		Sessions: []Session{{Duration: time.Hour, Required: []int{0}}, {Duration: 45 * time.Minute, Pool: []int{1, 2, 3}, Need: 1}, {Duration: 45 * time.Minute, Pool: []int{1, 2, 3}, Need: 1}},
		BreakMin: 15 * time.Minute, BreakMax: 15 * time.Minute,
	}
	loops, err := Loop(people, req)
	if err != nil {
		t.Fatal(err)
	}
	if len(loops) != 5 {
		t.Fatalf("%d loops", len(loops))
	}
	for _, l := range loops {
		if len(l.Sessions) != 3 {
			t.Fatalf("loop %v", l)
		}
		for k := 1; k < 3; k++ {
			if l.Sessions[k].Start.Sub(l.Sessions[k-1].End) != 15*time.Minute {
				t.Fatalf("break not kept: %v", l)
			}
		}
		a, b := l.Sessions[1].Interviewers[0], l.Sessions[2].Interviewers[0]
		if a == b {
			// the same person twice only if nobody else was free
			t.Logf("same interviewer twice: %v", l)
		}
		if a == "p1" || b == "p1" {
			t.Fatalf("the most loaded member was picked while others were free: %v", l)
		}
		for _, s := range l.Sessions {
			for _, id := range s.Interviewers {
				for _, p := range people {
					if p.ID == id && AnyOverlap(Normalize(slices.Clone(p.Busy)), Interval{s.Start, s.End}) {
						t.Fatalf("%s booked while busy: %v", id, s)
					}
				}
			}
		}
	}
	// Ranked by load: the first suggestion's load is the least.
	for _, l := range loops[1:] {
		if l.Load < loops[0].Load {
			t.Fatalf("not ranked by load: %d before %d", loops[0].Load, l.Load)
		}
	}
	if _, err := Loop(people, LoopRequest{Request: req.Request, Sessions: []Session{{Duration: time.Hour, Pool: []int{9}, Need: 1}}}); err == nil {
		t.Fatal("a pool index out of range was accepted")
	}
}
