package calendar

import (
	"errors"
	"slices"
	"time"
)

// Person is one interviewer as the suggester sees them.
type Person struct {
	ID    string
	Hours Hours
	// Busy is every busy span (Candor interviews, subscribed feeds, CalDAV
	// free-busy), in any order; Prepare normalizes it.
	Busy []Interval
	// Load counts the interviews the person already has in the period; the
	// suggester prefers the least loaded members of a pool.
	Load int

	free []Interval
}

// Slot is one suggestion: a time and the people it was found for.
type Slot struct {
	Start, End   time.Time
	Interviewers []string
}

// Limits on a suggestion request, so that no request can ask for unbounded work.
const (
	MaxSpan        = 62 * 24 * time.Hour // from..to
	MaxDuration    = 12 * time.Hour
	MinDuration    = 5 * time.Minute
	MaxPeople      = 50
	MaxSessions    = 10
	MaxSuggestions = 200
)

// Request asks for slots of Duration inside [From, To).
type Request struct {
	From, To time.Time
	Duration time.Duration
	// Step aligns slot starts (default 15 minutes), counted from local
	// midnight in Zone (default: the first person's zone), so an hourly grid
	// in Asia/Kolkata starts on the Kolkata hour.
	Step time.Duration
	Zone *time.Location
	// Limit caps the answer (default 20, at most MaxSuggestions).
	Limit int
	// PerDay caps the suggestions that start on one UTC day, so the answer
	// spreads over the period (0: no cap).
	PerDay int
}

// Validation errors of a Request.
var (
	ErrRange    = errors.New("the end must come after the start, at most 62 days later")
	ErrDuration = errors.New("the duration must be between 5 minutes and 12 hours")
	ErrPeople   = errors.New("name between 1 and 50 people")
)

func (r *Request) check() error {
	if !r.To.After(r.From) || r.To.Sub(r.From) > MaxSpan {
		return ErrRange
	}
	if r.Duration < MinDuration || r.Duration > MaxDuration {
		return ErrDuration
	}
	if r.Step <= 0 {
		r.Step = 15 * time.Minute
	}
	if r.Step < 5*time.Minute {
		r.Step = 5 * time.Minute
	}
	if r.Limit <= 0 {
		r.Limit = 20
	}
	if r.Limit > MaxSuggestions {
		r.Limit = MaxSuggestions
	}
	return nil
}

// Free answers the person's free working time inside [from, to): working
// windows minus busy time, normalized.
func (p *Person) Free(from, to time.Time) []Interval {
	busy := Normalize(slices.Clone(p.Busy))
	return Subtract(p.Hours.Windows(from, to), busy)
}

func (p *Person) prepare(from, to time.Time) {
	p.free = p.Free(from, to)
}

// align answers the first instant ≥ t on the step grid counted from local
// midnight in loc.
func align(t time.Time, step time.Duration, loc *time.Location) time.Time {
	t = t.UTC()
	if loc == nil {
		loc = time.UTC
	}
	_, off := t.In(loc).Zone()
	sec := (t.Unix() + int64(off)) % 86400
	if sec < 0 {
		sec += 86400
	}
	r := (time.Duration(sec)*time.Second + time.Duration(t.Nanosecond())) % step
	if r == 0 {
		return t
	}
	return t.Add(step - r)
}

// Panel answers slots where everyone in people is free at once, earliest
// first (within the PerDay cap). One person is a panel of one.
func Panel(people []Person, req Request) ([]Slot, error) {
	if err := req.check(); err != nil {
		return nil, err
	}
	if len(people) == 0 || len(people) > MaxPeople {
		return nil, ErrPeople
	}
	if req.Zone == nil {
		req.Zone = people[0].Hours.Zone
	}
	common := []Interval{{req.From.UTC(), req.To.UTC()}}
	for i := range people {
		people[i].prepare(req.From, req.To)
		common = Intersect(common, people[i].free)
	}
	ids := make([]string, len(people))
	for i, p := range people {
		ids[i] = p.ID
	}
	var out []Slot
	perDay := map[int64]int{}
	for _, iv := range common {
		for s := align(iv.Start, req.Step, req.Zone); !s.Add(req.Duration).After(iv.End); s = s.Add(req.Step) {
			day := s.Unix() / 86400
			if req.PerDay > 0 && perDay[day] >= req.PerDay {
				// skip to the next UTC day
				next := time.Unix((day+1)*86400, 0).UTC()
				s = align(next, req.Step, req.Zone).Add(-req.Step)
				continue
			}
			perDay[day]++
			out = append(out, Slot{Start: s, End: s.Add(req.Duration), Interviewers: ids})
			if len(out) >= req.Limit {
				return out, nil
			}
		}
	}
	return out, nil
}

// Session is one interview of a loop: its length, the people who must all
// attend, and a pool from which Need more are picked.
type Session struct {
	Duration time.Duration
	Required []int // indexes into the loop's people
	Pool     []int
	Need     int
}

// LoopRequest asks for a loop: sessions in order, each starting BreakMin to
// BreakMax after the previous one ends (BreakMax 0: back to back after
// BreakMin, e.g. over days when it is large).
type LoopRequest struct {
	Request
	Sessions []Session
	BreakMin time.Duration
	BreakMax time.Duration
}

// LoopSlot is one suggested loop: a slot per session.
type LoopSlot struct {
	Sessions []Slot
	Load     int // the chosen interviewers' summed load: lower spreads work
}

// Loop answers suggested loops, ranked by the load of the interviewers they
// pick (least loaded first, so work spreads across the pools), then by start.
// Within one suggestion a pool member is picked by least load (counting the
// sessions already placed in it), then by ID. Start is the request's
// Duration-independent grid; each session keeps its own Duration.
func Loop(people []Person, req LoopRequest) ([]LoopSlot, error) {
	if len(req.Sessions) == 0 || len(req.Sessions) > MaxSessions {
		return nil, errors.New("a loop has between 1 and 10 sessions")
	}
	req.Duration = req.Sessions[0].Duration
	if err := req.check(); err != nil {
		return nil, err
	}
	if len(people) == 0 || len(people) > MaxPeople {
		return nil, ErrPeople
	}
	for _, s := range req.Sessions {
		if s.Duration < MinDuration || s.Duration > MaxDuration {
			return nil, ErrDuration
		}
		if s.Need < 0 || s.Need > len(s.Pool) || len(s.Required)+s.Need == 0 {
			return nil, errors.New("every session needs interviewers, and a pool as large as the number picked from it")
		}
		for _, i := range append(slices.Clone(s.Required), s.Pool...) {
			if i < 0 || i >= len(people) {
				return nil, ErrPeople
			}
		}
	}
	if req.BreakMin < 0 || req.BreakMax < 0 || (req.BreakMax > 0 && req.BreakMax < req.BreakMin) {
		return nil, errors.New("the breaks must be zero or more, the longest at least the shortest")
	}
	for i := range people {
		people[i].prepare(req.From, req.To)
	}
	if req.Zone == nil {
		req.Zone = people[0].Hours.Zone
	}
	type cand struct {
		ls    LoopSlot
		start time.Time
	}
	var found []cand
	// Search a wider set than the limit so the load ranking has choice.
	want := req.Limit * 4
	first := req.Sessions[0]
	for s := align(req.From, req.Step, req.Zone); !s.Add(first.Duration).After(req.To) && len(found) < want; s = s.Add(req.Step) {
		if ls, ok := placeLoop(people, req, s); ok {
			found = append(found, cand{ls, s})
		}
	}
	slices.SortStableFunc(found, func(a, b cand) int {
		if a.ls.Load != b.ls.Load {
			return a.ls.Load - b.ls.Load
		}
		return a.start.Compare(b.start)
	})
	out := make([]LoopSlot, 0, min(len(found), req.Limit))
	for _, c := range found {
		if len(out) >= req.Limit {
			break
		}
		out = append(out, c.ls)
	}
	return out, nil
}

func placeLoop(people []Person, req LoopRequest, start time.Time) (LoopSlot, bool) {
	var ls LoopSlot
	extra := map[int]int{} // sessions given to a person within this loop
	busyIn := map[int][]Interval{}
	s := start
	for k, sess := range req.Sessions {
		placed := false
		latest := s
		if k > 0 && req.BreakMax > 0 {
			latest = s.Add(req.BreakMax - req.BreakMin)
		} else if k > 0 {
			latest = req.To
		}
		// Try the earliest start (exactly after the break), then the grid.
		for t := s; !t.After(latest) && !t.Add(sess.Duration).After(req.To); t = align(t.Add(time.Nanosecond), req.Step, req.Zone) {
			iv := Interval{t, t.Add(sess.Duration)}
			free := func(i int) bool {
				return Covered(people[i].free, iv) && !AnyOverlap(busyIn[i], iv)
			}
			ok := true
			for _, i := range sess.Required {
				if !free(i) {
					ok = false
					break
				}
			}
			if !ok {
				if k == 0 {
					return ls, false
				}
				continue
			}
			var picks []int
			if sess.Need > 0 {
				var avail []int
				for _, i := range sess.Pool {
					if !slices.Contains(sess.Required, i) && free(i) {
						avail = append(avail, i)
					}
				}
				if len(avail) < sess.Need {
					if k == 0 {
						return ls, false
					}
					continue
				}
				slices.SortStableFunc(avail, func(a, b int) int {
					la, lb := people[a].Load+extra[a], people[b].Load+extra[b]
					if la != lb {
						return la - lb
					}
					if people[a].ID < people[b].ID {
						return -1
					}
					if people[a].ID > people[b].ID {
						return 1
					}
					return 0
				})
				picks = avail[:sess.Need]
			}
			ids := make([]string, 0, len(sess.Required)+len(picks))
			for _, i := range append(slices.Clone(sess.Required), picks...) {
				ids = append(ids, people[i].ID)
				ls.Load += people[i].Load + extra[i]
				extra[i]++
				busyIn[i] = Normalize(append(busyIn[i], iv))
			}
			ls.Sessions = append(ls.Sessions, Slot{Start: iv.Start, End: iv.End, Interviewers: ids})
			s = iv.End.Add(req.BreakMin)
			placed = true
			break
		}
		if !placed {
			return ls, false
		}
	}
	return ls, true
}
