package calendar

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ClockRange is a span of a day's wall clock in minutes after midnight,
// From < To ≤ 1440.
type ClockRange struct{ From, To int }

// Hours is a person's working week in their own zone.
type Hours struct {
	Zone *time.Location
	Week [7][]ClockRange // indexed by time.Weekday; ranges sorted, disjoint
}

// DefaultHoursSpec is the working week a user has until they set theirs.
const DefaultHoursSpec = "mon-fri 09:00-17:00"

// MaxHoursSpec bounds the text form of working hours.
const MaxHoursSpec = 500

var dayNames = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// ParseHours reads the text form of a working week in zone: groups separated
// by ";", each a day or day range and clock ranges, e.g.
// "mon-thu 09:00-12:00,13:00-17:30; fri 09:00-13:00". Days not named are
// off. "24:00" ends a day.
func ParseHours(spec string, zone *time.Location) (Hours, error) {
	if zone == nil {
		zone = time.UTC
	}
	h := Hours{Zone: zone}
	if len(spec) > MaxHoursSpec {
		return h, errors.New("is too long")
	}
	spec = strings.ToLower(strings.TrimSpace(spec))
	if spec == "" {
		return h, errors.New("must name at least one working day, e.g. \"mon-fri 09:00-17:00\"")
	}
	for _, group := range strings.Split(spec, ";") {
		group = strings.TrimSpace(group)
		if group == "" {
			continue
		}
		daysPart, clockPart, ok := strings.Cut(group, " ")
		if !ok {
			return h, fmt.Errorf("%q needs days and hours, e.g. \"mon-fri 09:00-17:00\"", group)
		}
		days, err := parseDays(daysPart)
		if err != nil {
			return h, err
		}
		for _, r := range strings.Split(clockPart, ",") {
			cr, err := parseClockRange(strings.TrimSpace(r))
			if err != nil {
				return h, err
			}
			for _, d := range days {
				h.Week[d] = append(h.Week[d], cr)
			}
		}
	}
	for d := range h.Week {
		rs := h.Week[d]
		for i := 1; i < len(rs); i++ { // insertion sort: a handful of ranges
			for j := i; j > 0 && rs[j].From < rs[j-1].From; j-- {
				rs[j], rs[j-1] = rs[j-1], rs[j]
			}
		}
		for i := 1; i < len(rs); i++ {
			if rs[i].From < rs[i-1].To {
				return h, fmt.Errorf("hours on %s overlap", dayNames[d])
			}
		}
	}
	return h, nil
}

func parseDays(s string) ([]time.Weekday, error) {
	var out []time.Weekday
	for _, part := range strings.Split(s, ",") {
		a, b, isRange := strings.Cut(part, "-")
		from, ok := dayIndex(a)
		if !ok {
			return nil, fmt.Errorf("%q is not a day (mon, tue, wed, thu, fri, sat, sun)", a)
		}
		to := from
		if isRange {
			if to, ok = dayIndex(b); !ok {
				return nil, fmt.Errorf("%q is not a day (mon, tue, wed, thu, fri, sat, sun)", b)
			}
		}
		for d := from; ; d = (d + 1) % 7 {
			out = append(out, time.Weekday(d))
			if d == to {
				break
			}
		}
	}
	return out, nil
}

func dayIndex(s string) (int, bool) {
	s = strings.TrimSpace(s)
	for i, n := range dayNames {
		if len(s) >= 3 && strings.HasPrefix(s, n) && len(s) <= 9 {
			return i, true
		}
	}
	return 0, false
}

func parseClockRange(s string) (ClockRange, error) {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return ClockRange{}, fmt.Errorf("%q is not a range of hours like 09:00-17:00", s)
	}
	from, err1 := parseClock(a)
	to, err2 := parseClock(b)
	if err1 != nil || err2 != nil || from >= to {
		return ClockRange{}, fmt.Errorf("%q is not a range of hours like 09:00-17:00", s)
	}
	return ClockRange{from, to}, nil
}

func parseClock(s string) (int, error) {
	hh, mm, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok || len(hh) == 0 || len(hh) > 2 || len(mm) != 2 {
		return 0, errors.New("bad clock")
	}
	h, err1 := strconv.Atoi(hh)
	m, err2 := strconv.Atoi(mm)
	if err1 != nil || err2 != nil || h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, errors.New("bad clock")
	}
	return h*60 + m, nil
}

// String is the canonical text form ParseHours reads.
func (h Hours) String() string {
	var b strings.Builder
	for i := 1; i <= 7; i++ {
		d := i % 7 // monday first
		if len(h.Week[d]) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		b.WriteString(dayNames[d])
		b.WriteByte(' ')
		for j, r := range h.Week[d] {
			if j > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "%02d:%02d-%02d:%02d", r.From/60, r.From%60, r.To/60, r.To%60)
		}
	}
	return b.String()
}

// Windows answers the working time inside [from, to) as UTC intervals,
// normalized. Each day's clock ranges are read in the zone on that date, so a
// DST day has its true length; a clock time that does not exist that day (a
// spring-forward gap) starts at the first instant after the gap.
func (h Hours) Windows(from, to time.Time) []Interval {
	loc := h.Zone
	if loc == nil {
		loc = time.UTC
	}
	if !from.Before(to) {
		return nil
	}
	var out []Interval
	lf := from.In(loc)
	y, m, d := lf.Date()
	day := time.Date(y, m, d-1, 12, 0, 0, 0, loc) // a day early: ranges may cross a zone's midnight shift
	for i := 0; i < 400; i++ {
		y, m, d := day.Date()
		if time.Date(y, m, d, 0, 0, 0, 0, loc).After(to) {
			break
		}
		for _, r := range h.Week[day.Weekday()] {
			s := clockTime(y, m, d, r.From, loc)
			e := clockTime(y, m, d, r.To, loc)
			if s.Before(from) {
				s = from
			}
			if e.After(to) {
				e = to
			}
			if s.Before(e) {
				out = append(out, Interval{s.UTC(), e.UTC()})
			}
		}
		day = time.Date(y, m, d+1, 12, 0, 0, 0, loc)
	}
	return Normalize(out)
}

// clockTime is the instant the wall clock in loc reads min minutes after
// midnight on the date; in a gap, the end of the gap.
func clockTime(y int, m time.Month, d, min int, loc *time.Location) time.Time {
	t := time.Date(y, m, d, min/60, min%60, 0, 0, loc)
	if t.Hour()*60+t.Minute() != min%1440 && min != 1440 {
		// Go moved a time in a gap by the zone's shift; either way, the first
		// instant whose wall clock is at or after min is the gap's end.
		if lt := t.In(loc); lt.Hour()*60+lt.Minute() < min {
			// moved backwards: step to the transition
			for lt.Hour()*60+lt.Minute() < min && lt.Day() == d {
				t = t.Add(15 * time.Minute)
				lt = t.In(loc)
			}
		}
	}
	return t
}

// InHours reports whether iv lies inside one day's working range (the
// property every suggested slot keeps).
func (h Hours) InHours(iv Interval) bool {
	return Covered(h.Windows(iv.Start.Add(-36*time.Hour), iv.End.Add(36*time.Hour)), iv)
}
