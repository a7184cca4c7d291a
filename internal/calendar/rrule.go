package calendar

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Freq is an RRULE frequency.
type Freq int

// The RRULE frequencies.
const (
	Secondly Freq = iota + 1
	Minutely
	Hourly
	Daily
	Weekly
	Monthly
	Yearly
)

var freqNames = map[string]Freq{"SECONDLY": Secondly, "MINUTELY": Minutely, "HOURLY": Hourly,
	"DAILY": Daily, "WEEKLY": Weekly, "MONTHLY": Monthly, "YEARLY": Yearly}

// WeekdayNum is a BYDAY entry: a weekday, and for MONTHLY/YEARLY rules an
// ordinal (1 the first, −1 the last, 0 every one).
type WeekdayNum struct {
	N   int
	Day time.Weekday
}

// RRule is a parsed RFC 5545 recurrence rule. BYWEEKNO and BYYEARDAY are
// refused (ErrUnsupportedRule): a feed's event carrying one is kept as its
// first occurrence only.
type RRule struct {
	Freq       Freq
	Interval   int
	Count      int
	Until      time.Time // zero: none
	ByDay      []WeekdayNum
	ByMonthDay []int
	ByMonth    []int
	ByHour     []int
	ByMinute   []int
	BySecond   []int
	BySetPos   []int
	WeekStart  time.Weekday
}

// ErrUnsupportedRule marks a rule part Candor does not expand.
var ErrUnsupportedRule = errors.New("unsupported recurrence rule part")

const maxRuleList = 64

// ParseRRule reads an RRULE value. UNTIL in the floating or date form is read
// in loc.
func ParseRRule(s string, loc *time.Location) (RRule, error) {
	r := RRule{Interval: 1, WeekStart: time.Monday}
	if len(s) > 1000 {
		return r, errors.New("rule too long")
	}
	for _, part := range strings.Split(s, ";") {
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			return r, fmt.Errorf("rule part %q has no value", part)
		}
		var err error
		switch strings.ToUpper(k) {
		case "FREQ":
			f, ok := freqNames[strings.ToUpper(v)]
			if !ok {
				return r, fmt.Errorf("unknown FREQ %q", v)
			}
			r.Freq = f
		case "INTERVAL":
			r.Interval, err = strconv.Atoi(v)
			if err == nil && (r.Interval < 1 || r.Interval > 100000) {
				err = errors.New("INTERVAL out of range")
			}
		case "COUNT":
			r.Count, err = strconv.Atoi(v)
			if err == nil && r.Count < 1 {
				err = errors.New("COUNT must be positive")
			}
		case "UNTIL":
			r.Until, _, err = parseICalTime(v, "", loc)
		case "BYDAY":
			for _, d := range strings.Split(v, ",") {
				wn, e := parseWeekdayNum(d)
				if e != nil {
					return r, e
				}
				r.ByDay = append(r.ByDay, wn)
			}
		case "BYMONTHDAY":
			r.ByMonthDay, err = parseIntList(v, -31, 31, false)
		case "BYMONTH":
			r.ByMonth, err = parseIntList(v, 1, 12, false)
		case "BYHOUR":
			r.ByHour, err = parseIntList(v, 0, 23, true)
		case "BYMINUTE":
			r.ByMinute, err = parseIntList(v, 0, 59, true)
		case "BYSECOND":
			r.BySecond, err = parseIntList(v, 0, 60, true)
		case "BYSETPOS":
			r.BySetPos, err = parseIntList(v, -366, 366, false)
		case "WKST":
			wn, e := parseWeekdayNum(v)
			if e != nil || wn.N != 0 {
				return r, fmt.Errorf("bad WKST %q", v)
			}
			r.WeekStart = wn.Day
		case "BYWEEKNO", "BYYEARDAY":
			return r, ErrUnsupportedRule
		default:
			// x-name and unknown parts are ignored (RFC 5545 3.3.10 allows x-names)
		}
		if err != nil {
			return r, fmt.Errorf("rule part %s: %w", k, err)
		}
		if len(r.ByDay) > maxRuleList {
			return r, errors.New("BYDAY too long")
		}
	}
	if r.Freq == 0 {
		return r, errors.New("rule has no FREQ")
	}
	if max(len(r.ByHour), 1)*max(len(r.ByMinute), 1)*max(len(r.BySecond), 1) > 1440 {
		return r, errors.New("rule has more than 1,440 times a day")
	}
	if r.Count > 0 && !r.Until.IsZero() {
		return r, errors.New("rule has both COUNT and UNTIL")
	}
	return r, nil
}

func parseWeekdayNum(s string) (WeekdayNum, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) < 2 {
		return WeekdayNum{}, fmt.Errorf("bad weekday %q", s)
	}
	var wn WeekdayNum
	days := map[string]time.Weekday{"SU": time.Sunday, "MO": time.Monday, "TU": time.Tuesday,
		"WE": time.Wednesday, "TH": time.Thursday, "FR": time.Friday, "SA": time.Saturday}
	d, ok := days[s[len(s)-2:]]
	if !ok {
		return wn, fmt.Errorf("bad weekday %q", s)
	}
	wn.Day = d
	if n := s[:len(s)-2]; n != "" {
		v, err := strconv.Atoi(n)
		if err != nil || v == 0 || v < -53 || v > 53 {
			return wn, fmt.Errorf("bad weekday %q", s)
		}
		wn.N = v
	}
	return wn, nil
}

func parseIntList(s string, lo, hi int, zeroOK bool) ([]int, error) {
	parts := strings.Split(s, ",")
	if len(parts) > maxRuleList {
		return nil, errors.New("list too long")
	}
	out := make([]int, 0, len(parts))
	for _, p := range parts {
		v, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || v < lo || v > hi || (v == 0 && !zeroOK) {
			return nil, fmt.Errorf("bad value %q", p)
		}
		out = append(out, v)
	}
	return out, nil
}

// ExpandLimits bound the work of expanding one rule.
type ExpandLimits struct {
	// MaxPeriods caps the work of a walk: about this many days (or
	// sub-daily periods) scanned, plus the candidate times made.
	MaxPeriods int
	// MaxOccurrences caps the occurrences answered.
	MaxOccurrences int
}

// DefaultExpandLimits are generous for real calendars and stop runaway rules.
var DefaultExpandLimits = ExpandLimits{MaxPeriods: 200_000, MaxOccurrences: 20_000}

// ErrTruncated is answered with the occurrences found when a limit stopped
// the expansion.
var ErrTruncated = errors.New("recurrence expansion stopped at its limit")

type civil struct {
	y int
	m time.Month
	d int
}

func civilOf(t time.Time) civil { y, m, d := t.Date(); return civil{y, m, d} }

// daysFromCivil is the day number of a proleptic Gregorian date (1970-01-01 is
// 0), after Howard Hinnant's days_from_civil: no time.Date in the hot loops.
func daysFromCivil(y int, m time.Month, d int) int {
	if m <= 2 {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := y - era*400
	mp := (int(m) + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func civilFromDays(z int) civil {
	z += 719468
	era := z
	if era < 0 {
		era -= 146096
	}
	era /= 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return civil{y, time.Month(m), d}
}

func (c civil) days() int { return daysFromCivil(c.y, c.m, c.d) }

func (c civil) addDays(n int) civil {
	if n >= 0 && c.d+n <= 28 {
		return civil{c.y, c.m, c.d + n}
	}
	return civilFromDays(c.days() + n)
}

func (c civil) weekday() time.Weekday {
	return time.Weekday(((c.days() % 7) + 7 + 4) % 7) // 1970-01-01 was a Thursday
}

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

func civilDays(a, b civil) int { return b.days() - a.days() } // b − a in days

// Expand answers the rule's occurrence starts in [from, to), in order,
// reading dtstart's wall clock in loc (so a 09:00 meeting stays at 09:00
// across DST). COUNT counts from dtstart, so occurrences before from are
// walked but not answered; without COUNT the walk starts near from. A limit
// reached answers what was found and ErrTruncated.
func (r RRule) Expand(dtstart time.Time, loc *time.Location, from, to time.Time, lim ExpandLimits) ([]time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	if lim.MaxPeriods <= 0 {
		lim = DefaultExpandLimits
	}
	start := dtstart.In(loc)
	if !r.Until.IsZero() && r.Until.Before(to) {
		to = r.Until.Add(time.Second) // UNTIL is inclusive
	}
	if !start.Before(to) {
		return nil, nil
	}
	sc := civilOf(start)
	hh, mi, ss := start.Clock()
	step := r.Interval

	// The first period index worth walking: without COUNT, skip periods that
	// end before from.
	first := 0
	if r.Count == 0 && from.After(start) {
		fc := civilOf(from.In(loc))
		switch r.Freq {
		case Yearly:
			first = (fc.y - sc.y) / step
		case Monthly:
			first = ((fc.y-sc.y)*12 + int(fc.m-sc.m)) / step
		case Weekly:
			first = civilDays(sc, fc) / 7 / step
		case Daily:
			first = civilDays(sc, fc) / step
		default:
			first = int(from.Sub(start)/r.unit()) / step
		}
		first -= 2
		if first < 0 {
			first = 0
		}
	}

	var out []time.Time
	count := 0
	var cands []time.Time
	// Work is counted in days scanned and candidates made, so a rule that
	// matches rarely (or never) costs the same bound as one that matches often.
	cost := 1
	switch r.Freq {
	case Yearly:
		cost = 366
	case Monthly:
		cost = 31
	case Weekly:
		cost = 7
	}
	for i, walked := first, 0; ; i, walked = i+1, walked+cost+len(cands) {
		if walked >= lim.MaxPeriods {
			return out, ErrTruncated
		}
		cands = r.period(cands[:0], i*step, start, sc, hh, mi, ss, loc)
		if cands == nil && r.periodStart(i*step, start, sc, loc).After(to) {
			break
		}
		past := false
		for _, c := range cands {
			if c.Before(start) {
				continue
			}
			if !c.Before(to) {
				past = true
				break
			}
			count++
			if !c.Before(from) {
				out = append(out, c.UTC())
			}
			if r.Count > 0 && count >= r.Count {
				return out, nil
			}
			if len(out) >= lim.MaxOccurrences {
				return out, ErrTruncated
			}
		}
		if past || r.periodStart(i*step, start, sc, loc).After(to) {
			break
		}
	}
	return out, nil
}

func (r RRule) unit() time.Duration {
	switch r.Freq {
	case Secondly:
		return time.Second
	case Minutely:
		return time.Minute
	case Hourly:
		return time.Hour
	}
	return 24 * time.Hour
}

// periodStart is the first instant of period n (n = index × interval).
func (r RRule) periodStart(n int, start time.Time, sc civil, loc *time.Location) time.Time {
	switch r.Freq {
	case Yearly:
		return time.Date(sc.y+n, 1, 1, 0, 0, 0, 0, loc)
	case Monthly:
		return time.Date(sc.y, sc.m+time.Month(n), 1, 0, 0, 0, 0, loc)
	case Weekly:
		ws := sc.addDays(-((int(sc.weekday()) - int(r.WeekStart) + 7) % 7)).addDays(7 * n)
		return time.Date(ws.y, ws.m, ws.d, 0, 0, 0, 0, loc)
	case Daily:
		return time.Date(sc.y, sc.m, sc.d+n, 0, 0, 0, 0, loc)
	}
	return start.Add(time.Duration(n) * r.unit())
}

// period appends period n's occurrences (before BYSETPOS, COUNT, UNTIL), sorted;
// nil when the period has none.
func (r RRule) period(dst []time.Time, n int, start time.Time, sc civil, hh, mi, ss int, loc *time.Location) []time.Time {
	var days []civil
	switch r.Freq {
	case Secondly, Minutely, Hourly:
		t := start.Add(time.Duration(n) * r.unit()).In(loc)
		c := civilOf(t)
		if !r.dayMatches(c, false) || !inList(r.ByHour, t.Hour()) || !inList(r.ByMinute, t.Minute()) || !inList(r.BySecond, t.Second()) {
			return nil
		}
		return append(dst, t)
	case Daily:
		c := sc.addDays(n)
		if r.dayMatches(c, true) {
			days = append(days, c)
		}
	case Weekly:
		ws := sc.addDays(-((int(sc.weekday()) - int(r.WeekStart) + 7) % 7)).addDays(7 * n)
		for k := 0; k < 7; k++ {
			c := ws.addDays(k)
			if len(r.ByMonth) > 0 && !inList(r.ByMonth, int(c.m)) {
				continue
			}
			if len(r.ByDay) == 0 {
				if c.weekday() == sc.weekday() {
					days = append(days, c)
				}
			} else if r.weekdayIn(c.weekday()) {
				days = append(days, c)
			}
		}
	case Monthly:
		y, m := sc.y, sc.m+time.Month(n)
		norm := civilOf(time.Date(y, m, 1, 12, 0, 0, 0, time.UTC))
		if len(r.ByMonth) > 0 && !inList(r.ByMonth, int(norm.m)) {
			return nil
		}
		days = r.monthDays(days, norm.y, norm.m, sc.d, true)
	case Yearly:
		y := sc.y + n
		switch {
		case len(r.ByMonth) > 0:
			for _, m := range sortedInts(r.ByMonth) {
				days = r.monthDays(days, y, time.Month(m), sc.d, true)
			}
		case len(r.ByDay) > 0:
			// ordinals count within the year
			for d := (civil{y, 1, 1}); d.y == y; d = d.addDays(1) {
				if r.byDayMatches(d, civil{y, 1, 1}, civil{y, 12, 31}) && (len(r.ByMonthDay) == 0 || r.monthDayIn(d)) {
					days = append(days, d)
				}
			}
		case len(r.ByMonthDay) > 0:
			for m := time.January; m <= time.December; m++ {
				days = r.monthDays(days, y, m, sc.d, true)
			}
		default:
			if sc.d <= daysIn(y, sc.m) {
				days = append(days, civil{y, sc.m, sc.d})
			}
		}
	}
	if len(days) == 0 {
		return nil
	}
	hours, mins, secs := orDefault(r.ByHour, hh), orDefault(r.ByMinute, mi), orDefault(r.BySecond, ss)
	for _, d := range days {
		for _, h := range hours {
			for _, m := range mins {
				for _, s := range secs {
					dst = append(dst, time.Date(d.y, d.m, d.d, h, m, s, 0, loc))
				}
			}
		}
	}
	slices.SortFunc(dst, func(a, b time.Time) int { return a.Compare(b) })
	dst = slices.CompactFunc(dst, func(a, b time.Time) bool { return a.Equal(b) })
	if len(r.BySetPos) > 0 {
		var picked []time.Time
		for _, p := range r.BySetPos {
			i := p - 1
			if p < 0 {
				i = len(dst) + p
			}
			if i >= 0 && i < len(dst) {
				picked = append(picked, dst[i])
			}
		}
		slices.SortFunc(picked, func(a, b time.Time) int { return a.Compare(b) })
		picked = slices.CompactFunc(picked, func(a, b time.Time) bool { return a.Equal(b) })
		dst = append(dst[:0], picked...)
		if len(dst) == 0 {
			return nil
		}
	}
	return dst
}

// monthDays appends the days of month m that the rule picks.
func (r RRule) monthDays(dst []civil, y int, m time.Month, d0 int, _ bool) []civil {
	n := daysIn(y, m)
	if len(r.ByMonthDay) == 0 && len(r.ByDay) == 0 {
		if d0 <= n {
			dst = append(dst, civil{y, m, d0})
		}
		return dst
	}
	first, last := civil{y, m, 1}, civil{y, m, n}
	for d := 1; d <= n; d++ {
		c := civil{y, m, d}
		if len(r.ByMonthDay) > 0 && !r.monthDayIn(c) {
			continue
		}
		if len(r.ByDay) > 0 && !r.byDayMatches(c, first, last) {
			continue
		}
		dst = append(dst, c)
	}
	return dst
}

func (r RRule) monthDayIn(c civil) bool {
	n := daysIn(c.y, c.m)
	for _, md := range r.ByMonthDay {
		if md == c.d || (md < 0 && n+md+1 == c.d) {
			return true
		}
	}
	return false
}

// byDayMatches: c's weekday is in BYDAY with its ordinal counted within [first, last].
func (r RRule) byDayMatches(c, first, last civil) bool {
	wd := c.weekday()
	for _, b := range r.ByDay {
		if b.Day != wd {
			continue
		}
		if b.N == 0 {
			return true
		}
		if b.N > 0 && civilDays(first, c)/7+1 == b.N {
			return true
		}
		if b.N < 0 && civilDays(c, last)/7+1 == -b.N {
			return true
		}
	}
	return false
}

func (r RRule) weekdayIn(wd time.Weekday) bool {
	for _, b := range r.ByDay {
		if b.Day == wd {
			return true
		}
	}
	return false
}

// dayMatches applies BYMONTH, BYMONTHDAY and BYDAY as filters (DAILY and finer).
func (r RRule) dayMatches(c civil, _ bool) bool {
	if len(r.ByMonth) > 0 && !inList(r.ByMonth, int(c.m)) {
		return false
	}
	if len(r.ByMonthDay) > 0 && !r.monthDayIn(c) {
		return false
	}
	if len(r.ByDay) > 0 && !r.weekdayIn(c.weekday()) {
		return false
	}
	return true
}

func inList(l []int, v int) bool { return len(l) == 0 || slices.Contains(l, v) }

func orDefault(l []int, v int) []int {
	if len(l) == 0 {
		return []int{v}
	}
	return sortedInts(l)
}

func sortedInts(l []int) []int {
	c := slices.Clone(l)
	slices.Sort(c)
	return slices.Compact(c)
}

// countToUntil rewrites a COUNT rule as the UNTIL of its last occurrence, so
// expanding it later skips straight to the window instead of walking from
// DTSTART (feeds are parsed once, busy time asked for often). Rules whose
// end cannot be found within the limits stay as they are.
func (r *RRule) countToUntil(start time.Time, loc *time.Location) {
	if r.Count == 0 || r.Count > 100_000 {
		return
	}
	occ, err := r.Expand(start, loc, start, start.AddDate(1000, 0, 0), ExpandLimits{MaxPeriods: DefaultExpandLimits.MaxPeriods, MaxOccurrences: r.Count + 1})
	if err != nil || len(occ) == 0 {
		return
	}
	r.Until = occ[len(occ)-1]
	r.Count = 0
}
