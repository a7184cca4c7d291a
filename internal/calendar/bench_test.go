package calendar

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// benchFeed writes a feed of n events for one person: 5% recurring series
// (daily standups, weekly 1:1s on set days, monthly reviews, started years
// ago, some with EXDATEs; one in ten still running, the rest ended by UNTIL
// or COUNT), the rest single events spread over a year around from.
func benchFeed(r *rand.Rand, n int, zone string, from time.Time) string {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n")
	rules := []string{"FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "FREQ=WEEKLY;BYDAY=TU,TH", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
		"FREQ=MONTHLY;BYDAY=1WE", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "FREQ=WEEKLY;BYDAY=FR;COUNT=400"}
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:e%d@bench\r\n", i)
		if i%20 == 0 { // recurring: one in ten series still running, the rest ended

			start := from.AddDate(-1-r.IntN(5), 0, -r.IntN(300))
			h := 8 + r.IntN(9)
			rule := rules[r.IntN(len(rules))]
			if r.IntN(10) != 0 && !strings.Contains(rule, "COUNT") {
				rule += ";UNTIL=" + from.AddDate(0, 0, -1-r.IntN(300)).Format("20060102T150405Z")
			}
			fmt.Fprintf(&b, "DTSTART;TZID=%s:%s\r\nDURATION:PT%dM\r\nRRULE:%s\r\n", zone,
				time.Date(start.Year(), start.Month(), start.Day(), h, 15*r.IntN(4), 0, 0, time.UTC).Format("20060102T150405"),
				15+15*r.IntN(3), rule)
			if r.IntN(2) == 0 {
				x := from.AddDate(0, 0, r.IntN(14))
				fmt.Fprintf(&b, "EXDATE;TZID=%s:%s\r\n", zone, time.Date(x.Year(), x.Month(), x.Day(), h, 0, 0, 0, time.UTC).Format("20060102T150405"))
			}
		} else {
			s := from.Add(time.Duration(r.IntN(365*24*4)-180*24*4) * 15 * time.Minute)
			fmt.Fprintf(&b, "DTSTART:%s\r\nDTEND:%s\r\n", s.UTC().Format("20060102T150405Z"), s.Add(time.Duration(15+15*r.IntN(6))*time.Minute).UTC().Format("20060102T150405Z"))
		}
		b.WriteString("SUMMARY:busy\r\nEND:VEVENT\r\n")
	}
	b.WriteString("END:VCALENDAR\r\n")
	return b.String()
}

type benchPanel struct {
	from, to time.Time
	hours    []Hours
	feeds    []*Feed
}

func newBenchPanel(tb testing.TB) benchPanel {
	r := rand.New(rand.NewPCG(5, 5))
	from := time.Date(2026, 3, 23, 0, 0, 0, 0, time.UTC) // two working weeks over the EU DST change
	zones := []string{"Europe/Berlin", "Europe/London", "Asia/Kolkata", "Europe/Helsinki", "Asia/Dubai"}
	bp := benchPanel{from: from, to: from.AddDate(0, 0, 14)}
	for _, z := range zones {
		loc := mustZone(tb, z)
		h, _ := ParseHours("mon-fri 08:00-18:00", loc)
		feed, err := ParseFeed(strings.NewReader(benchFeed(r, 2000, z, from)), loc, FeedLimits{})
		if err != nil || len(feed.Events) != 2000 {
			tb.Fatal(err, len(feed.Events))
		}
		bp.hours = append(bp.hours, h)
		bp.feeds = append(bp.feeds, feed)
	}
	return bp
}

// run is one suggestion: expand every person's feed over the range, then
// find the panel's common slots.
func (bp benchPanel) run(tb testing.TB) []Slot {
	people := make([]Person, len(bp.feeds))
	for i, f := range bp.feeds {
		busy, err := f.Busy(bp.from, bp.to, ExpandLimits{})
		if err != nil {
			tb.Fatal(err)
		}
		people[i] = Person{ID: fmt.Sprint(i), Hours: bp.hours[i], Busy: busy}
	}
	slots, err := Panel(people, Request{From: bp.from, To: bp.to, Duration: time.Hour, Step: 15 * time.Minute, Limit: 20, PerDay: 3})
	if err != nil {
		tb.Fatal(err)
	}
	return slots
}

// BenchmarkPanelSuggest: a 5-person panel over 10 working days, each person
// with 2,000 busy events (10% recurring). Reports p50/p95 per suggestion.
// Target (issue 11): p95 ≤ 20 ms. Compare with BenchmarkReferenceSort from the
// same run (docs/benchmarks-calendar.md).
func BenchmarkPanelSuggest(b *testing.B) {
	bp := newBenchPanel(b)
	if len(bp.run(b)) == 0 {
		b.Fatal("no slots: the benchmark would measure nothing")
	}
	var ds []time.Duration
	b.ResetTimer()
	for b.Loop() {
		t0 := time.Now()
		bp.run(b)
		ds = append(ds, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(ds)
	b.ReportMetric(float64(ds[len(ds)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(ds[len(ds)*95/100].Microseconds())/1000, "p95-ms")
}

// BenchmarkReferenceSort is a fixed CPU-bound reference (sorting 100,000
// ints) for a same-run ratio on a busy machine.
func BenchmarkReferenceSort(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 1))
	src := make([]int, 100_000)
	for i := range src {
		src[i] = r.Int()
	}
	buf := make([]int, len(src))
	for b.Loop() {
		copy(buf, src)
		slices.Sort(buf)
	}
}

// The benchmark's panel answers correct slots too (the same property as
// TestPanelProperty, on the big calendars).
func TestBenchPanelSlotsFree(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 10,000 events")
	}
	bp := newBenchPanel(t)
	slots := bp.run(t)
	if len(slots) == 0 {
		t.Fatal("no slots")
	}
	for i, f := range bp.feeds {
		busy, _ := f.Busy(bp.from.Add(-24*time.Hour), bp.to.Add(24*time.Hour), ExpandLimits{})
		for _, s := range slots {
			iv := Interval{s.Start, s.End}
			if AnyOverlap(busy, iv) || !inWorkingClock(bp.hours[i], iv) {
				t.Fatalf("slot %v not free for person %d", iv, i)
			}
		}
	}
}
