package calendar

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// Examples from RFC 5545 3.8.5.3, DTSTART in America/New_York.
func TestRRuleRFCExamples(t *testing.T) {
	ny := mustZone(t, "America/New_York")
	cases := []struct {
		name, start, rule string
		want              []string // local dates (and times when not 09:00)
	}{
		{"daily count", "19970902T090000", "FREQ=DAILY;COUNT=10",
			[]string{"1997-09-02", "1997-09-03", "1997-09-04", "1997-09-05", "1997-09-06", "1997-09-07", "1997-09-08", "1997-09-09", "1997-09-10", "1997-09-11"}},
		{"every other day until", "19970902T090000", "FREQ=DAILY;INTERVAL=10;COUNT=5",
			[]string{"1997-09-02", "1997-09-12", "1997-09-22", "1997-10-02", "1997-10-12"}},
		{"biweekly mo we fr", "19970901T090000", "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR",
			[]string{"1997-09-01", "1997-09-03", "1997-09-05", "1997-09-15", "1997-09-17", "1997-09-19", "1997-09-29", "1997-10-01", "1997-10-03",
				"1997-10-13", "1997-10-15", "1997-10-17", "1997-10-27", "1997-10-29", "1997-10-31", "1997-11-10", "1997-11-12", "1997-11-14",
				"1997-11-24", "1997-11-26", "1997-11-28", "1997-12-08", "1997-12-10", "1997-12-12", "1997-12-22"}},
		{"weekly tu th count", "19970902T090000", "FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH",
			[]string{"1997-09-02", "1997-09-04", "1997-09-09", "1997-09-11", "1997-09-16", "1997-09-18", "1997-09-23", "1997-09-25", "1997-09-30", "1997-10-02"}},
		{"monthly first friday", "19970905T090000", "FREQ=MONTHLY;COUNT=10;BYDAY=1FR",
			[]string{"1997-09-05", "1997-10-03", "1997-11-07", "1997-12-05", "1998-01-02", "1998-02-06", "1998-03-06", "1998-04-03", "1998-05-01", "1998-06-05"}},
		{"monthly second-to-last monday", "19970922T090000", "FREQ=MONTHLY;COUNT=6;BYDAY=-2MO",
			[]string{"1997-09-22", "1997-10-20", "1997-11-17", "1997-12-22", "1998-01-19", "1998-02-16"}},
		{"monthly third-to-last day", "19970928T090000", "FREQ=MONTHLY;BYMONTHDAY=-3;COUNT=6",
			[]string{"1997-09-28", "1997-10-29", "1997-11-28", "1997-12-29", "1998-01-29", "1998-02-26"}},
		{"last workday of the month", "19970929T090000", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=5",
			[]string{"1997-09-30", "1997-10-31", "1997-11-28", "1997-12-31", "1998-01-30"}},
		{"yearly june july", "19970610T090000", "FREQ=YEARLY;COUNT=10;BYMONTH=6,7",
			[]string{"1997-06-10", "1997-07-10", "1998-06-10", "1998-07-10", "1999-06-10", "1999-07-10", "2000-06-10", "2000-07-10", "2001-06-10", "2001-07-10"}},
		{"thursdays in march", "19970313T090000", "FREQ=YEARLY;BYMONTH=3;BYDAY=TH;COUNT=7",
			[]string{"1997-03-13", "1997-03-20", "1997-03-27", "1998-03-05", "1998-03-12", "1998-03-19", "1998-03-26"}},
		{"friday the 13th", "19970902T090000", "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13;COUNT=5",
			[]string{"1998-02-13", "1998-03-13", "1998-11-13", "1999-08-13", "2000-10-13"}},
		{"the 31st skips short months", "19970131T090000", "FREQ=MONTHLY;COUNT=4",
			[]string{"1997-01-31", "1997-03-31", "1997-05-31", "1997-07-31"}},
		{"yearly 20th monday", "19970519T090000", "FREQ=YEARLY;BYDAY=20MO;COUNT=3",
			[]string{"1997-05-19", "1998-05-18", "1999-05-17"}},
		{"us election day", "19961105T090000", "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8;COUNT=3",
			[]string{"1996-11-05", "2000-11-07", "2004-11-02"}},
		{"every 20 minutes 9 to 16:40", "19970902T090000", "FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40;COUNT=4",
			[]string{"1997-09-02", "1997-09-02 09:20", "1997-09-02 09:40", "1997-09-02 10:00"}},
		{"hourly interval 3", "19970902T090000", "FREQ=HOURLY;INTERVAL=3;COUNT=3",
			[]string{"1997-09-02", "1997-09-02 12:00", "1997-09-02 15:00"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start, _, err := parseICalTime(c.start, "", ny)
			if err != nil {
				t.Fatal(err)
			}
			r, err := ParseRRule(c.rule, ny)
			if err != nil {
				t.Fatal(err)
			}
			got, err := r.Expand(start, ny, start, start.AddDate(10, 0, 0), DefaultExpandLimits)
			if err != nil {
				t.Fatal(err)
			}
			var gs []string
			for _, g := range got {
				l := g.In(ny)
				s := l.Format("2006-01-02")
				if l.Hour() != 9 || l.Minute() != 0 {
					s = l.Format("2006-01-02 15:04")
				}
				gs = append(gs, s)
			}
			if strings.Join(gs, " ") != strings.Join(c.want, " ") {
				t.Fatalf("got  %v\nwant %v", gs, c.want)
			}
			// The same rule with COUNT rewritten as UNTIL (as feeds store it)
			// answers the same occurrences, in a window or not.
			r2 := r
			r2.countToUntil(start, ny)
			if r.Count > 0 && r2.Count != 0 {
				t.Fatalf("COUNT not rewritten")
			}
			for _, from := range []time.Time{start, got[len(got)/2]} {
				g1, _ := r.Expand(start, ny, from, start.AddDate(10, 0, 0), DefaultExpandLimits)
				g2, _ := r2.Expand(start, ny, from, start.AddDate(10, 0, 0), DefaultExpandLimits)
				if len(g1) != len(g2) {
					t.Fatalf("UNTIL form: %v, COUNT form %v", g2, g1)
				}
				for i := range g1 {
					if !g1[i].Equal(g2[i]) {
						t.Fatalf("UNTIL form: %v, COUNT form %v", g2, g1)
					}
				}
			}
		})
	}
}

// A daily 09:00 meeting stays at 09:00 local across DST; the skip-ahead
// (no COUNT) answers the same occurrences as a walk from the start.
func TestRRuleDSTAndSkipAhead(t *testing.T) {
	be := mustZone(t, "Europe/Berlin")
	start := time.Date(2019, 1, 7, 9, 0, 0, 0, be)
	r, _ := ParseRRule("FREQ=WEEKLY;BYDAY=MO,WE,FR", be)
	from := time.Date(2026, 3, 23, 0, 0, 0, 0, be)
	to := time.Date(2026, 4, 4, 0, 0, 0, 0, be)
	got, err := r.Expand(start, be, from, to, DefaultExpandLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 6 {
		t.Fatalf("%d occurrences: %v", len(got), got)
	}
	for _, g := range got {
		if l := g.In(be); l.Hour() != 9 || l.Minute() != 0 {
			t.Fatalf("occurrence at %v", l)
		}
	}
	if got[0].Hour() != 8 || got[len(got)-1].Hour() != 7 { // UTC: CET then CEST
		t.Fatalf("UTC hours %v, %v", got[0], got[len(got)-1])
	}
	// With COUNT the walk runs from the start and must agree.
	rc, _ := ParseRRule("FREQ=WEEKLY;BYDAY=MO,WE,FR;COUNT=100000", be)
	gotc, err := rc.Expand(start, be, from, to, DefaultExpandLimits)
	if err != nil || len(gotc) != len(got) {
		t.Fatalf("COUNT walk: %v %v", err, gotc)
	}
	for i := range got {
		if !got[i].Equal(gotc[i]) {
			t.Fatalf("%v != %v", got[i], gotc[i])
		}
	}
}

// Runaway rules stop at their limits with what they found.
func TestRRuleRunaway(t *testing.T) {
	start := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	from := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(0, 0, 14)
	r, _ := ParseRRule("FREQ=SECONDLY", time.UTC)
	got, err := r.Expand(start, time.UTC, from, to, DefaultExpandLimits)
	if !errors.Is(err, ErrTruncated) || len(got) != DefaultExpandLimits.MaxOccurrences {
		t.Fatalf("secondly: %v, %d", err, len(got))
	}
	r, _ = ParseRRule("FREQ=DAILY;COUNT=1000000000", time.UTC)
	start = time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC)
	if _, err := r.Expand(start, time.UTC, from, to, DefaultExpandLimits); !errors.Is(err, ErrTruncated) {
		t.Fatalf("a billion days: %v", err)
	}
	// never matches: 30 February
	r, _ = ParseRRule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30;COUNT=3", time.UTC)
	if got, err := r.Expand(start, time.UTC, from, to, DefaultExpandLimits); len(got) != 0 || (err != nil && !errors.Is(err, ErrTruncated)) {
		t.Fatalf("30 February: %v %v", got, err)
	}
	for _, bad := range []string{"", "FREQ=NEVER", "FREQ=DAILY;INTERVAL=0", "FREQ=DAILY;COUNT=-1", "FREQ=DAILY;COUNT=2;UNTIL=20260101T000000Z",
		"FREQ=MONTHLY;BYDAY=0MO", "FREQ=MONTHLY;BYMONTHDAY=32", "FREQ=DAILY;BYHOUR=24", "FREQ=YEARLY;BYWEEKNO=20", "FREQ=DAILY;UNTIL=tomorrow", "FREQ"} {
		if _, err := ParseRRule(bad, time.UTC); err == nil {
			t.Errorf("ParseRRule(%q) accepted", bad)
		}
	}
}

func TestCivilDays(t *testing.T) {
	for d := time.Date(1600, 1, 1, 12, 0, 0, 0, time.UTC); d.Year() < 2500; d = d.AddDate(0, 0, 13) {
		c := civilOf(d)
		n := int((d.Unix() - 43200) / 86400)
		if c.days() != n || civilFromDays(n) != c || c.weekday() != d.Weekday() || daysIn(c.y, c.m) != time.Date(c.y, c.m+1, 0, 0, 0, 0, 0, time.UTC).Day() {
			t.Fatalf("%v: days %d (want %d), back %v, weekday %v", d, c.days(), n, civilFromDays(n), c.weekday())
		}
		for _, k := range []int{1, 5, 27, 40, -3, -400} {
			if got, want := c.addDays(k), civilOf(d.AddDate(0, 0, k)); got != want {
				t.Fatalf("%v + %d = %v, want %v", c, k, got, want)
			}
		}
	}
}
