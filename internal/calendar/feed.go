package calendar

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"
)

// Event is one VEVENT of a subscribed feed, as far as busy time needs it:
// no titles or attendees are kept.
type Event struct {
	UID          string
	Start, End   time.Time
	AllDay       bool
	Transparent  bool // TRANSP:TRANSPARENT, "show as free"
	Cancelled    bool
	Zone         *time.Location // the zone recurrences are read in
	Rule         *RRule
	RDates       []time.Time
	ExDates      []time.Time
	RecurrenceID time.Time // set on an override of one occurrence
}

// FeedLimits bound what one feed may cost.
type FeedLimits struct {
	MaxBytes  int64 // the reader is read at most this far (default 5 MB)
	MaxEvents int   // VEVENTs kept (default 20,000)
	Expand    ExpandLimits
}

// DefaultFeedLimits are used for zero fields.
var DefaultFeedLimits = FeedLimits{MaxBytes: 5 << 20, MaxEvents: 20_000, Expand: DefaultExpandLimits}

func (l FeedLimits) withDefaults() FeedLimits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultFeedLimits.MaxBytes
	}
	if l.MaxEvents <= 0 {
		l.MaxEvents = DefaultFeedLimits.MaxEvents
	}
	if l.Expand.MaxPeriods <= 0 {
		l.Expand = DefaultFeedLimits.Expand
	}
	return l
}

// Feed errors.
var (
	ErrFeedTooLarge  = errors.New("the calendar is larger than the limit")
	ErrFeedMalformed = errors.New("the calendar could not be read")
)

// Feed is a parsed feed: its events and what was skipped.
type Feed struct {
	Events   []Event
	Warnings []string // at most 20: events skipped, rules not expanded, unknown zones
	skipped  int
}

func (f *Feed) warn(format string, args ...any) {
	f.skipped++
	if len(f.Warnings) < 20 {
		f.Warnings = append(f.Warnings, fmt.Sprintf(format, args...))
	}
}

// ParseFeed reads an iCalendar feed. Floating times and unknown TZIDs are
// read in zone. An event that cannot be read is skipped with a warning; a
// feed that is not iCalendar at all, or larger than the limit, is an error.
func ParseFeed(r io.Reader, zone *time.Location, lim FeedLimits) (*Feed, error) {
	lim = lim.withDefaults()
	if zone == nil {
		zone = time.UTC
	}
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > lim.MaxBytes {
		return nil, ErrFeedTooLarge
	}
	cal, err := ics.ParseCalendarWithOptions(strings.NewReader(string(data)), ics.WithUnknownPropertyHandler(ics.AcceptUnknownPropertyHandler))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFeedMalformed, err)
	}
	feed := &Feed{}
	for _, ev := range cal.Events() {
		if len(feed.Events) >= lim.MaxEvents {
			feed.warn("more than %d events: the rest were skipped", lim.MaxEvents)
			break
		}
		e, err := readEvent(ev, zone)
		if err != nil {
			feed.warn("event %.80q skipped: %v", ev.Id(), err)
			continue
		}
		if e.Rule == nil && e.RDates == nil {
			if p := ev.GetProperty(ics.ComponentPropertyRrule); p != nil {
				feed.warn("event %.80q: recurrence not expanded (%s)", ev.Id(), "rule not understood")
			}
		}
		feed.Events = append(feed.Events, e)
	}
	return feed, nil
}

func readEvent(ev *ics.VEvent, zone *time.Location) (Event, error) {
	e := Event{UID: ev.Id(), Zone: zone}
	p := ev.GetProperty(ics.ComponentPropertyDtStart)
	if p == nil {
		return e, errors.New("no DTSTART")
	}
	start, allDay, loc, err := propTime(p, zone)
	if err != nil {
		return e, err
	}
	e.Start, e.AllDay, e.Zone = start, allDay, loc
	switch {
	case ev.GetProperty(ics.ComponentPropertyDtEnd) != nil:
		end, _, _, err := propTime(ev.GetProperty(ics.ComponentPropertyDtEnd), zone)
		if err != nil {
			return e, err
		}
		e.End = end
	case ev.GetProperty(ics.ComponentPropertyDuration) != nil:
		d, err := parseDuration(ev.GetProperty(ics.ComponentPropertyDuration).Value)
		if err != nil {
			return e, err
		}
		e.End = addDuration(start.In(loc), d)
	case allDay:
		e.End = addDuration(start.In(loc), icalDuration{days: 1})
	default:
		e.End = start
	}
	if e.End.Before(e.Start) {
		return e, errors.New("ends before it starts")
	}
	if t := ev.GetProperty(ics.ComponentPropertyTransp); t != nil && strings.EqualFold(t.Value, "TRANSPARENT") {
		e.Transparent = true
	}
	if s := ev.GetProperty(ics.ComponentPropertyStatus); s != nil && strings.EqualFold(s.Value, "CANCELLED") {
		e.Cancelled = true
	}
	if rid := ev.GetProperty(ics.ComponentPropertyRecurrenceId); rid != nil {
		if t, _, _, err := propTime(rid, zone); err == nil {
			e.RecurrenceID = t
		}
	}
	// More than one RRULE is deprecated; the first rules. An unreadable rule
	// keeps the first occurrence only (never invent busy time).
	if rp := ev.GetProperty(ics.ComponentPropertyRrule); rp != nil {
		if rule, err := ParseRRule(rp.Value, loc); err == nil {
			rule.countToUntil(start, loc)
			e.Rule = &rule
		}
	}
	for _, xp := range ev.GetProperties(ics.ComponentPropertyExdate) {
		ts, err := propTimes(xp, zone)
		if err != nil {
			return e, err
		}
		e.ExDates = append(e.ExDates, ts...)
		if len(e.ExDates) > 10_000 {
			return e, errors.New("too many EXDATEs")
		}
	}
	for _, rp := range ev.GetProperties(ics.ComponentPropertyRdate) {
		ts, err := propTimes(rp, zone)
		if err != nil {
			return e, err
		}
		e.RDates = append(e.RDates, ts...)
		if len(e.RDates) > 10_000 {
			return e, errors.New("too many RDATEs")
		}
	}
	return e, nil
}

func tzidOf(p *ics.IANAProperty) string {
	if v := p.ICalParameters["TZID"]; len(v) > 0 {
		return strings.Trim(v[0], "\"")
	}
	return ""
}

func propTime(p *ics.IANAProperty, zone *time.Location) (time.Time, bool, *time.Location, error) {
	loc := zone
	if tz := tzidOf(p); tz != "" {
		if l, err := LoadZone(tz); err == nil {
			loc = l
		}
	}
	t, allDay, err := parseICalTime(p.Value, "", loc)
	if strings.HasSuffix(strings.ToUpper(strings.TrimSpace(p.Value)), "Z") {
		loc = time.UTC // recurrences of a UTC start repeat in UTC
	}
	return t, allDay, loc, err
}

func propTimes(p *ics.IANAProperty, zone *time.Location) ([]time.Time, error) {
	loc := zone
	if tz := tzidOf(p); tz != "" {
		if l, err := LoadZone(tz); err == nil {
			loc = l
		}
	}
	var out []time.Time
	for _, v := range strings.Split(p.Value, ",") {
		if strings.Contains(v, "/") { // PERIOD value: its start
			v, _, _ = strings.Cut(v, "/")
		}
		t, _, err := parseICalTime(strings.TrimSpace(v), "", loc)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// parseICalTime reads a DATE (allDay) or DATE-TIME value; a trailing Z is
// UTC, anything else is read in loc.
func parseICalTime(v, _ string, loc *time.Location) (time.Time, bool, error) {
	v = strings.TrimSpace(v)
	switch {
	case len(v) == 8:
		t, err := time.ParseInLocation("20060102", v, loc)
		return t, true, err
	case len(v) == 16 && (v[15] == 'Z' || v[15] == 'z'):
		t, err := time.ParseInLocation("20060102T150405", v[:15], time.UTC)
		return t, false, err
	case len(v) == 15:
		t, err := time.ParseInLocation("20060102T150405", v, loc)
		return t, false, err
	}
	return time.Time{}, false, fmt.Errorf("bad date-time %.40q", v)
}

type icalDuration struct {
	neg   bool
	days  int
	clock time.Duration
}

// parseDuration reads an RFC 5545 DURATION (e.g. PT1H30M, P1D, -P1W).
func parseDuration(s string) (icalDuration, error) {
	var d icalDuration
	s = strings.ToUpper(strings.TrimSpace(s))
	if strings.HasPrefix(s, "-") {
		d.neg = true
		s = s[1:]
	} else {
		s = strings.TrimPrefix(s, "+")
	}
	if !strings.HasPrefix(s, "P") || len(s) < 3 {
		return d, fmt.Errorf("bad duration %.40q", s)
	}
	s = s[1:]
	inTime := false
	num := ""
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			num += string(c)
			if len(num) > 7 {
				return d, errors.New("duration too long")
			}
		case c == 'T':
			inTime = true
		default:
			if num == "" {
				return d, fmt.Errorf("bad duration %.40q", s)
			}
			n, _ := strconv.Atoi(num)
			num = ""
			switch {
			case c == 'W' && !inTime:
				d.days += 7 * n
			case c == 'D' && !inTime:
				d.days += n
			case c == 'H' && inTime:
				d.clock += time.Duration(n) * time.Hour
			case c == 'M' && inTime:
				d.clock += time.Duration(n) * time.Minute
			case c == 'S' && inTime:
				d.clock += time.Duration(n) * time.Second
			default:
				return d, fmt.Errorf("bad duration %.40q", s)
			}
		}
	}
	if num != "" || d.days > 3660 {
		return d, fmt.Errorf("bad duration %.40q", s)
	}
	return d, nil
}

// addDuration adds nominal days (wall clock) then exact time (RFC 5545 3.3.6).
func addDuration(t time.Time, d icalDuration) time.Time {
	if d.neg {
		return t // a negative event duration is meaningless; treat as zero
	}
	y, m, day := t.Date()
	h, mi, s := t.Clock()
	t = time.Date(y, m, day+d.days, h, mi, s, t.Nanosecond(), t.Location())
	return t.Add(d.clock).UTC()
}

// Busy answers the feed's busy time inside [from, to), normalized:
// opaque, not-cancelled events with their recurrences expanded (RDATEs
// added, EXDATEs and overridden occurrences removed, overrides placed where
// they moved to). A recurrence stopped at a limit answers ErrTruncated with
// the busy time found.
func (f *Feed) Busy(from, to time.Time, lim ExpandLimits) ([]Interval, error) {
	if lim.MaxPeriods <= 0 {
		lim = DefaultExpandLimits
	}
	overridden := map[string]map[int64]bool{}
	for _, e := range f.Events {
		if !e.RecurrenceID.IsZero() {
			m := overridden[e.UID]
			if m == nil {
				m = map[int64]bool{}
				overridden[e.UID] = m
			}
			m[e.RecurrenceID.Unix()] = true
		}
	}
	var out []Interval
	var truncated error
	for i := range f.Events {
		e := &f.Events[i]
		dur := e.End.Sub(e.Start)
		skip := func(t time.Time) bool {
			if e.RecurrenceID.IsZero() && overridden[e.UID][t.Unix()] {
				return true
			}
			for _, x := range e.ExDates {
				if x.Equal(t) {
					return true
				}
			}
			return false
		}
		add := func(s time.Time) {
			end := s.Add(dur)
			if e.AllDay { // all-day spans are whole local days, whatever DST does
				end = addDuration(s.In(e.Zone), icalDuration{days: int(dur.Hours()+12) / 24})
			}
			if !e.Transparent && !e.Cancelled && end.After(from) && s.Before(to) && end.After(s) {
				out = append(out, Interval{maxTime(s, from), minTime(end, to)})
			}
		}
		if e.Rule == nil || !e.RecurrenceID.IsZero() {
			if !skip(e.Start) {
				add(e.Start)
			}
		} else {
			occ, err := e.Rule.Expand(e.Start, e.Zone, from.Add(-dur-24*time.Hour), to, lim)
			if err != nil {
				truncated = err
			}
			for _, s := range occ {
				if !skip(s) {
					add(s)
				}
			}
		}
		for _, s := range e.RDates {
			if !skip(s) && !s.Equal(e.Start) {
				add(s)
			}
		}
	}
	return Normalize(out), truncated
}
